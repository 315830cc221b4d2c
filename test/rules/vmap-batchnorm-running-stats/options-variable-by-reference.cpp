// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;

void tweak(BatchNorm2dOptions &o);
void inspect(const BatchNorm2dOptions &o);

// A function taking the options by non-const reference may change the flag.
void passedByReference() {
  auto o = BatchNorm2dOptions(4);
  tweak(o);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('o' is passed by reference to 'tweak'); if it is true, its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
}

// Setting the flag after the call decides it again.
void passedThenSet() {
  auto o = BatchNorm2dOptions(4);
  tweak(o);
  o.track_running_stats(false);
  BatchNorm2d bn(o);
}

// A const reference cannot change the flag: the default is still in place.
void passedByConstReference() {
  auto o = BatchNorm2dOptions(4);
  inspect(o);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: options created here leave track_running_stats at its default (true)
}

void passedByConstReferenceDisabled() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  inspect(o);
  BatchNorm2d bn(o);
}
