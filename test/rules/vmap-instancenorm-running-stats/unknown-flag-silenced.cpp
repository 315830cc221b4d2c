// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all, vmap-instancenorm-running-stats.FlagUnknownValue: false}}"

#include <torch/torch.h>

using namespace torch::nn;

// With FlagUnknownValue off, flags not known at compile time are not reported.
void runtimeFlag(bool flag) {
  InstanceNorm2d in(InstanceNorm2dOptions(8).track_running_stats(flag));
}

InstanceNorm1d fromParameter(const InstanceNorm1dOptions &o) {
  return InstanceNorm1d(o);
}

// Known ones still are.
void known() {
  InstanceNorm2d in(InstanceNorm2dOptions(8).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-instancenorm-running-stats]
}
