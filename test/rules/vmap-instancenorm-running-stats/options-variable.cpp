// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Turning the statistics on through an options variable.
void turnedOn() {
  auto o = InstanceNorm2dOptions(8);
  o.track_running_stats(true);
  InstanceNorm2d in(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-instancenorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: track_running_stats is set to true here
}

// An unchanged options variable keeps the default, which is off.
void unchanged() {
  auto o = InstanceNorm2dOptions(8).affine(true);
  InstanceNorm2d in(o);
}

// Turned on, then off again before the use.
void onThenOff() {
  auto o = InstanceNorm2dOptions(8).track_running_stats(true);
  o.track_running_stats(false);
  InstanceNorm2d in(o);
}

// Turned on only on one path.
void onePath(bool train) {
  auto o = InstanceNorm1dOptions(8);
  if (train)
    o.track_running_stats() = true;
  InstanceNorm1d in(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm1d' keeps running statistics on some paths,
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: track_running_stats is set to true here
}

// Reassigned to fresh options: back to the default (off).
void reassigned() {
  auto o = InstanceNorm2dOptions(8).track_running_stats(true);
  o = InstanceNorm2dOptions(4);
  InstanceNorm2d in(o);
}
