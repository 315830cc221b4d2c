// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Asking InstanceNorm for running statistics is what breaks vmap.
struct NetImpl : Module {
  NetImpl() {
    register_module("in1", InstanceNorm1d(InstanceNorm1dOptions(16).track_running_stats(true)));
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'InstanceNorm1d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-instancenorm-running-stats]
    // CHECK-MESSAGES: :[[@LINE-2]]:89: note: track_running_stats is set to true here
    register_module("in2", InstanceNorm2d(InstanceNorm2dOptions(8).eps(1e-3).track_running_stats(true)));
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'InstanceNorm2d' keeps running statistics,
    register_module("in3", std::make_shared<InstanceNorm3dImpl>(
                               InstanceNorm3dOptions(4).track_running_stats(true)));
    // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: 'InstanceNorm3d' keeps running statistics,
    register_module("off", InstanceNorm2d(InstanceNorm2dOptions(8).track_running_stats(false)));
  }
};

// The last setter wins.
void lastSetterWins() {
  InstanceNorm2d on(InstanceNorm2dOptions(8).track_running_stats(false).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' keeps running statistics,
  InstanceNorm2d off(InstanceNorm2dOptions(8).track_running_stats(true).track_running_stats(false));
}
