// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

// The default options keep running statistics, for every dimensionality.
struct NetImpl : torch::nn::Module {
  NetImpl() {
    register_module("bn1", torch::nn::BatchNorm1d(16));
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'BatchNorm1d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
    register_module("bn2", torch::nn::BatchNorm2d(8));
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'BatchNorm2d' keeps running statistics,
    register_module("bn3", torch::nn::BatchNorm3d(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'BatchNorm3d' keeps running statistics,
  }
};
