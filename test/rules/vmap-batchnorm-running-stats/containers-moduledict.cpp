// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Modules collected in an OrderedDict that a ModuleDict is built from.
void moduleDictFromOrderedDict() {
  torch::OrderedDict<std::string, std::shared_ptr<Module>> modules;
  modules.insert("bn", std::make_shared<BatchNorm2dImpl>(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  modules.insert("quiet", std::make_shared<BatchNorm2dImpl>(
                              BatchNorm2dOptions(8).track_running_stats(false)));
  modules.insert("gn", std::make_shared<GroupNormImpl>(2, 8));
  ModuleDict dict(modules);
  torch::OrderedDict<std::string, std::shared_ptr<Module>> more;
  more.insert("bn3", BatchNorm3d(4).ptr());
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'BatchNorm3d' keeps running statistics,
  dict->update(more);
}

// The vector-of-pairs constructor.
void moduleDictFromPairs() {
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> pairs = {
      {"bn", BatchNorm1d(4).ptr()},
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'BatchNorm1d' keeps running statistics,
      {"quiet", BatchNorm1d(BatchNorm1dOptions(4).track_running_stats(false)).ptr()},
      {"relu", ReLU().ptr()}};
  ModuleDict dict(pairs);
}
