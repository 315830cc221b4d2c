// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A flag only known at run time may keep the running statistics.
void runtimeFlag(bool flag) {
  BatchNorm2d bn(BatchNorm2dOptions(4).track_running_stats(flag));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('flag' is not a compile-time constant); if it is true, its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
}

bool readConfig();
bool gTrack = false;

void otherRuntimeFlags(int dims) {
  BatchNorm2d a(BatchNorm2dOptions(4).track_running_stats(dims > 2));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('dims > 2' is not a compile-time constant); if it is true,
  BatchNorm2d b(BatchNorm2dOptions(4).track_running_stats(readConfig()));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('readConfig()' is not a compile-time constant);
  BatchNorm2d c(BatchNorm2dOptions(4).track_running_stats(gTrack));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('gTrack' is not a compile-time constant);
}

// A runtime flag on an options variable.
void runtimeFlagOnVariable(bool flag) {
  auto o = BatchNorm2dOptions(4);
  o.track_running_stats(flag);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('flag' is not a compile-time constant);
}

// A runtime flag followed by a constant false: decided.
void runtimeThenFalse(bool flag) {
  auto o = BatchNorm2dOptions(4).track_running_stats(flag);
  o.track_running_stats(false);
  BatchNorm2d bn(o);
}

// Unknown on one path and true on the other is "on some paths".
void unknownOrTrue(bool flag, bool train) {
  auto o = BatchNorm2dOptions(4).track_running_stats(flag);
  if (train)
    o.track_running_stats(true);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics on some paths,
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: track_running_stats is set to true here
}
