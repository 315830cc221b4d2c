// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// InstanceNorm belongs to vmap-instancenorm-running-stats; this rule reports
// only BatchNorm, even when an InstanceNorm keeps running statistics.
struct NetImpl : Module {
  NetImpl() {
    register_module("in", InstanceNorm2d(
        InstanceNorm2dOptions(8).track_running_stats(true)));
    register_module("in1", std::make_shared<InstanceNorm1dImpl>(
        InstanceNorm1dOptions(8).track_running_stats(true)));
    register_module("bn", BatchNorm2d(8));
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  }
};

void unknownInstanceNorm(bool flag) {
  InstanceNorm3d in(InstanceNorm3dOptions(4).track_running_stats(flag));
}

void lateSettingOnInstanceNorm() {
  InstanceNorm2d in(InstanceNorm2dOptions(4).track_running_stats(true));
  in->options.track_running_stats(false);
}
