// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;

void tweak(BatchNorm2dOptions *o);

// Once the options' address escapes, the flag is unknown.
void addressEscapes() {
  auto o = BatchNorm2dOptions(4);
  tweak(&o);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time (the address of 'o' escapes); if it is true, its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
}

// A lambda capturing the options by reference can change them too: the
// default must not be claimed to still be in place.
void capturedByReference() {
  auto o = BatchNorm2dOptions(4);
  auto disable = [&] { o.track_running_stats(false); };
  disable();
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time (
}

// A lambda capturing by value changes only its own copy.
void capturedByValue() {
  auto o = BatchNorm2dOptions(4);
  auto disable = [o]() mutable { o.track_running_stats(false); };
  disable();
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: options created here leave track_running_stats at its default (true)
}
