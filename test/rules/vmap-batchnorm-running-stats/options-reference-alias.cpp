// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;

// Changing the options through a reference, then constructing from the
// original: the analysis does not follow the reference, so the flag is unknown.
void changedThroughReferenceUseOriginal() {
  auto o = BatchNorm2dOptions(4);
  auto &r = o;
  r.track_running_stats(false);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('o' is modified through the reference 'r'); if it is true, its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
}

// Constructing from the reference itself must see the change made through it:
// it must not claim the default (true) is still in place.
void changedThroughReferenceUseReference() {
  auto o = BatchNorm2dOptions(4);
  auto &r = o;
  r.track_running_stats(false);
  BatchNorm2d bn(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time (
}

// Turning the statistics on through the reference must not be missed.
void enabledThroughReference() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  auto &r = o;
  r.track_running_stats(true);
  BatchNorm2d bn(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' {{keeps|may keep}} running statistics
}

// A const reference cannot change the options.
void constReference() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  const auto &r = o;
  BatchNorm2d bn(r);
  BatchNorm2d bn2(o);
}
