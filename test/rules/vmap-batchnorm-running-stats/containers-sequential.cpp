// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Only the BatchNorm inside a Sequential is reported; its neighbours are fine.
Sequential makeStack() {
  return Sequential(
      Conv2d(Conv2dOptions(3, 8, 3)),
      BatchNorm2d(8),
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
      ReLU(),
      GroupNorm(GroupNormOptions(2, 8)),
      LayerNorm(LayerNormOptions({8})),
      BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(false)),
      BatchNorm1d(BatchNorm1dOptions(8).track_running_stats(true)));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:61: note: track_running_stats is set to true here
}

// Named entries and push_back.
void namedAndPushBack() {
  Sequential seq({{"conv", Conv2d(Conv2dOptions(3, 8, 3))},
                  {"bn", BatchNorm2d(8)}});
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm2d' keeps running statistics,
  seq->push_back(BatchNorm2d(BatchNorm2dOptions(8)));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'BatchNorm2d' keeps running statistics,
  seq->push_back("bn3", BatchNorm3d(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'BatchNorm3d' keeps running statistics,
  seq->push_back(BatchNorm2dImpl(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'BatchNorm2d' keeps running statistics,
  seq->push_back(BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(false)));
  seq->push_back(GroupNorm(2, 8));
}
