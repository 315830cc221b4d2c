// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Modules built in place inside a standard container are still constructed
// from the arguments written here; they are reported at the call.
void emplaceIntoVector() {
  std::vector<BatchNorm2d> holders;
  holders.emplace_back(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  holders.emplace_back(BatchNorm2dOptions(4).track_running_stats(false));
  holders.emplace_back(nullptr);

  std::vector<BatchNorm1dImpl> impls;
  impls.emplace_back(BatchNorm1dOptions(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BatchNorm1d' keeps running statistics,
}

// Pushing an already constructed module is reported at its construction only.
void pushIntoVector() {
  std::vector<BatchNorm2d> holders;
  holders.push_back(BatchNorm2d(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'BatchNorm2d' keeps running statistics,
  BatchNorm2d quiet(BatchNorm2dOptions(4).track_running_stats(false));
  holders.push_back(quiet);
  holders.emplace_back(quiet);
}
