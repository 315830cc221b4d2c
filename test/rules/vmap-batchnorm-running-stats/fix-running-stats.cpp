// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// The default fix turns running statistics off with the smallest edit.
struct NetImpl : Module {
  BatchNorm2dImpl member{4};
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-FIXES: {{^}}  BatchNorm2dImpl member{torch::nn::BatchNorm2dOptions(4).track_running_stats(false)};
  BatchNorm2d inClass{BatchNorm2dOptions(8).eps(1e-3)};
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-FIXES: {{^}}  BatchNorm2d inClass{BatchNorm2dOptions(8).eps(1e-3).track_running_stats(false)};

  NetImpl() {
    register_module("a", BatchNorm2d(8));
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm2d' keeps running statistics,
    // CHECK-FIXES: {{^}}    register_module("a", BatchNorm2d(torch::nn::BatchNorm2dOptions(8).track_running_stats(false)));
    register_module("b", BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(true).momentum(0.2)));
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm2d' keeps running statistics,
    // CHECK-FIXES: {{^}}    register_module("b", BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(false).momentum(0.2)));
    register_module("c", std::make_shared<BatchNorm3dImpl>(5));
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm3d' keeps running statistics,
    // CHECK-FIXES: {{^}}    register_module("c", std::make_shared<BatchNorm3dImpl>(torch::nn::BatchNorm3dOptions(5).track_running_stats(false)));
    auto seq = Sequential(BatchNorm1d(3), ReLU(), BatchNorm1d(BatchNorm1dOptions(3)));
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'BatchNorm1d' keeps running statistics,
    // CHECK-MESSAGES: :[[@LINE-2]]:51: warning: 'BatchNorm1d' keeps running statistics,
    // CHECK-FIXES: {{^}}    auto seq = Sequential(BatchNorm1d(torch::nn::BatchNorm1dOptions(3).track_running_stats(false)), ReLU(), BatchNorm1d(BatchNorm1dOptions(3).track_running_stats(false)));
    register_module("seq", seq);
  }
};

// Options variables are fixed where they are created, once even when two
// modules share them.
void sharedOptions() {
  auto shared = BatchNorm2dOptions(16).momentum(0.05);
  // CHECK-FIXES: {{^}}  auto shared = BatchNorm2dOptions(16).momentum(0.05).track_running_stats(false);
  BatchNorm2d first(shared);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  BatchNorm2d second(shared);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
}

// A direct-initialised options variable gets a setter statement.
void directInitialised() {
  BatchNorm2dOptions opts(4);
  // CHECK-FIXES: {{^}}  BatchNorm2dOptions opts(4);
  // CHECK-FIXES-NEXT: {{^}}  opts.track_running_stats(false);
  BatchNorm2d bn(opts);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
}

// A named constant flag is replaced by `false`.
constexpr bool kTrack = true;
void namedConstant() {
  BatchNorm2d bn(BatchNorm2dOptions(4).track_running_stats(kTrack));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-FIXES: {{^}}  BatchNorm2d bn(BatchNorm2dOptions(4).track_running_stats(false));
}

// No fix where the value is not known or the edit would be inside a macro.
#define MAKE_NORM(c) BatchNorm2d(c)
void noFix(bool flag) {
  BatchNorm2d runtime(BatchNorm2dOptions(4).track_running_stats(flag));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics:
  // CHECK-FIXES: {{^}}  BatchNorm2d runtime(BatchNorm2dOptions(4).track_running_stats(flag));
  auto fromMacro = MAKE_NORM(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-7]]:22: note: expanded from macro 'MAKE_NORM'
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: no automatic fix: the construction is written inside a macro
  // CHECK-FIXES: {{^}}  auto fromMacro = MAKE_NORM(4);
}
