// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

// Turning the statistics off in a subclass's constructor body runs after the
// base constructor has already registered the buffers.
struct MyBN : torch::nn::BatchNorm2dImpl {
  MyBN() : BatchNorm2dImpl(torch::nn::BatchNorm2dOptions(8)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
    options.track_running_stats(false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect: the constructor alone decides whether running_mean and running_var exist, so if it kept them vmap still fails; pass track_running_stats(false) in the options the module is constructed with [vmap-batchnorm-running-stats]
  }
};

struct MyOtherBN : torch::nn::BatchNorm1dImpl {
  MyOtherBN() : BatchNorm1dImpl(4) {
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm1d' keeps running statistics,
    this->options.track_running_stats() = false;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: setting track_running_stats on 'BatchNorm1d' after construction has no effect:
  }
  void reset() override {
    options.track_running_stats(false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: setting track_running_stats on 'BatchNorm1d' after construction has no effect:
    BatchNorm1dImpl::reset();
  }
};

// Passing the flag to the base constructor is the fix.
struct QuietBN : torch::nn::BatchNorm2dImpl {
  QuietBN()
      : BatchNorm2dImpl(
            torch::nn::BatchNorm2dOptions(8).track_running_stats(false)) {}
};
