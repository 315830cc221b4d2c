// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

constexpr bool kTrue = true;
constexpr bool kFalse = false;
const bool kOn = true;

void constants() {
  InstanceNorm2d a(InstanceNorm2dOptions(8).track_running_stats(kTrue));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-instancenorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-2]]:65: note: track_running_stats is set to true here
  InstanceNorm2d b(InstanceNorm2dOptions(8).track_running_stats(kOn));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' keeps running statistics,
  InstanceNorm2d c(InstanceNorm2dOptions(8).track_running_stats(kFalse));
  InstanceNorm2d d(InstanceNorm2dOptions(8).track_running_stats(!kTrue));
}
