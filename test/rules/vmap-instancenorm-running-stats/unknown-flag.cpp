// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A flag only known at run time may turn the statistics on.
void runtimeFlag(bool flag) {
  InstanceNorm2d in(InstanceNorm2dOptions(8).track_running_stats(flag));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' may keep running statistics: track_running_stats is not known at compile time ('flag' is not a compile-time constant); if it is true, its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-instancenorm-running-stats]
}

InstanceNorm1d fromParameter(const InstanceNorm1dOptions &o) {
  return InstanceNorm1d(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'InstanceNorm1d' may keep running statistics: track_running_stats is not known at compile time ('o' is a parameter);
}
