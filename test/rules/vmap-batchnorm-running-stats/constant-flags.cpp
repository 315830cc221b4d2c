// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

constexpr bool kFalse = false;
const bool kOff = false;
constexpr bool kTrue = true;
static const bool kOn = true;

struct Config {
  static constexpr bool track = false;
};

constexpr bool trackFor(int dims) { return dims > 2; }

void constants() {
  BatchNorm2d a(BatchNorm2dOptions(4).track_running_stats(kFalse));
  BatchNorm2d b(BatchNorm2dOptions(4).track_running_stats(kOff));
  BatchNorm2d c(BatchNorm2dOptions(4).track_running_stats(Config::track));
  BatchNorm2d d(BatchNorm2dOptions(4).track_running_stats(trackFor(2)));
  BatchNorm2d e(BatchNorm2dOptions(4).track_running_stats(!kTrue));
  BatchNorm2d f(BatchNorm2dOptions(4).track_running_stats(kTrue));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-2]]:59: note: track_running_stats is set to true here
  BatchNorm2d g(BatchNorm2dOptions(4).track_running_stats(kOn));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  BatchNorm3d h(BatchNorm3dOptions(4).track_running_stats(trackFor(3)));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm3d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:59: note: track_running_stats is set to true here
  constexpr bool localOff = false;
  BatchNorm2d i(BatchNorm2dOptions(4).track_running_stats(localOff));
}

// Constant flags also decide options variables and the getter assignment.
void constantsOnVariables() {
  auto o = BatchNorm2dOptions(4);
  o.track_running_stats(kOff);
  BatchNorm2d quiet(o);
  auto p = BatchNorm2dOptions(4).track_running_stats(false);
  p.track_running_stats() = kTrue;
  BatchNorm2d loud(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: track_running_stats is set to true here
}

// Constant options objects at namespace scope.
const BatchNorm2dOptions kQuietOptions =
    BatchNorm2dOptions(4).track_running_stats(false);
const BatchNorm2dOptions kDefaultOptions = BatchNorm2dOptions(4);

void constantOptions() {
  BatchNorm2d quiet(kQuietOptions);
  BatchNorm2d loud(kDefaultOptions);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-6]]:44: note: options created here leave track_running_stats at its default (true)
}
