// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A factory that builds the module is reported inside the factory, once,
// however often it is called.
BatchNorm2d makeNorm(int64_t channels) {
  return BatchNorm2d(BatchNorm2dOptions(channels).momentum(0.01));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
}

std::shared_ptr<BatchNorm1dImpl> makeImpl() {
  return std::make_shared<BatchNorm1dImpl>(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'BatchNorm1d' keeps running statistics,
}

BatchNorm2d makeQuietNorm(int64_t channels) {
  return BatchNorm2d(BatchNorm2dOptions(channels).track_running_stats(false));
}

struct NetImpl : Module {
  NetImpl() {
    register_module("a", makeNorm(8));
    register_module("b", makeNorm(16));
    register_module("c", makeImpl());
    register_module("d", makeQuietNorm(8));
  }
};
