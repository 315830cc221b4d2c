// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A BatchNorm is reported wherever it is put into a ModuleList; its neighbours
// are not.
void moduleList() {
  ModuleList list(Linear(4, 8), BatchNorm1d(8), ReLU());
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'BatchNorm1d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  list->push_back(BatchNorm2d(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'BatchNorm2d' keeps running statistics,
  list->push_back(std::make_shared<BatchNorm3dImpl>(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'BatchNorm3d' keeps running statistics,
  list->push_back(BatchNorm1d(BatchNorm1dOptions(8).track_running_stats(false)));
  list->insert(0, BatchNorm1d(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'BatchNorm1d' keeps running statistics,
  list->push_back(LayerNorm(LayerNormOptions({8})));
}
