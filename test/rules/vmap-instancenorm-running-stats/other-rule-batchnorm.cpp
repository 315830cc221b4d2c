// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// BatchNorm belongs to vmap-batchnorm-running-stats; this rule reports only
// InstanceNorm.
struct NetImpl : Module {
  NetImpl() {
    register_module("bn", BatchNorm2d(8));
    register_module("bn1", std::make_shared<BatchNorm1dImpl>(
        BatchNorm1dOptions(8).track_running_stats(true)));
    register_module("in", InstanceNorm2d(
        InstanceNorm2dOptions(8).track_running_stats(true)));
    // CHECK-MESSAGES: :[[@LINE-2]]:27: warning: 'InstanceNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-instancenorm-running-stats]
  }
};

void unknownBatchNorm(bool flag) {
  BatchNorm3d bn(BatchNorm3dOptions(4).track_running_stats(flag));
}

void lateSettingOnBatchNorm() {
  BatchNorm2d bn(8);
  bn->options.track_running_stats(false);
}
