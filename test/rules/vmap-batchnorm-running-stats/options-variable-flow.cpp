// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;

// Turning the statistics off on the options variable before the use works.
void setBeforeUse() {
  auto o = BatchNorm2dOptions(4);
  o.track_running_stats(false);
  BatchNorm2d bn(o);
}

// An options variable that is never changed keeps the default; the note points
// at where the options were created.
void unchangedVariable() {
  auto off = BatchNorm2dOptions(4);
  off.track_running_stats(false);
  BatchNorm2d quiet(off);

  auto on = BatchNorm2dOptions(4).eps(1e-3);
  BatchNorm2d loud(on);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: options created here leave track_running_stats at its default (true)
}

// Options declared with a constructor call rather than `auto`.
void directInitialisedVariable() {
  BatchNorm2dOptions o(4);
  torch::nn::BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: options created here leave track_running_stats at its default (true)
}

// Setting the flag after the module was constructed does not change it.
void setAfterUse() {
  auto o = BatchNorm2dOptions(4);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: options created here leave track_running_stats at its default (true)
  o.track_running_stats(false);
  BatchNorm2d later(o);
}

// Setting the flag to true on the variable points at that setter.
void setTrueOnVariable() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  o.track_running_stats(true);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: track_running_stats is set to true here
}
