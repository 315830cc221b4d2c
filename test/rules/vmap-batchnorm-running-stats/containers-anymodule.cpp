// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// AnyModule wraps a holder, a shared Impl or an Impl by value.
void anyModule() {
  AnyModule any(BatchNorm2d(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  AnyModule impl(std::make_shared<BatchNorm2dImpl>(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'BatchNorm2d' keeps running statistics,
  AnyModule quiet(BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(false)));
  AnyModule byValue(BatchNorm1dImpl(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'BatchNorm1d' keeps running statistics,
  AnyModule relu(ReLU{});
  Sequential seq;
  seq->push_back(AnyModule(BatchNorm3d(4)));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'BatchNorm3d' keeps running statistics,
}
