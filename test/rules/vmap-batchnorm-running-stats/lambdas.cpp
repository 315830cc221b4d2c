// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Modules built inside lambdas are reported where they are built.
void buildWithLambdas() {
  auto make = [](int64_t c) { return BatchNorm2d(c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  auto quiet = [](int64_t c) {
    return BatchNorm2d(BatchNorm2dOptions(c).track_running_stats(false));
  };
  Sequential seq(make(8), quiet(8), make(16));
}

// Options flow inside the lambda body is followed like in a function.
void lambdaWithOptionsVariable() {
  auto make = [](int64_t c) {
    auto o = BatchNorm2dOptions(c);
    o.track_running_stats(false);
    return BatchNorm2d(o);
  };
  auto loud = [](int64_t c) {
    auto o = BatchNorm2dOptions(c);
    return std::make_shared<BatchNorm2dImpl>(o);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'BatchNorm2d' keeps running statistics,
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: options created here leave track_running_stats at its default (true)
  };
  make(4);
  loud(4);
}

// A lambda that returns options.
void lambdaReturningOptions() {
  auto opts = [] { return BatchNorm2dOptions(4).track_running_stats(false); };
  BatchNorm2d bn(opts());
}

// A generic lambda is reported once, not per call.
void genericLambda() {
  auto make = [](auto c) { return BatchNorm1d(c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'BatchNorm1d' keeps running statistics,
  make(4);
  make(int64_t{8});
}
