// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;

// Turned off on one branch only: the statistics are kept on the other path.
void oneBranch(bool small) {
  auto o = BatchNorm2dOptions(4);
  if (small)
    o.track_running_stats(false);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics on some paths, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: options created here leave track_running_stats at its default (true)
}

// Turned on in one branch of an if/else: also "on some paths".
void ifElse(bool train) {
  auto o = BatchNorm2dOptions(4);
  if (train)
    o.track_running_stats(true);
  else
    o.track_running_stats(false);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics on some paths,
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: track_running_stats is set to true here
}

// Turned off on both branches: never kept.
void bothBranches(bool small) {
  auto o = BatchNorm2dOptions(4);
  if (small)
    o.track_running_stats(false);
  else
    o.eps(1e-3).track_running_stats(false);
  BatchNorm2d bn(o);
}

// A loop body may not run: the statistics are kept on the path that skips it.
void loopMaySkip(int n) {
  auto o = BatchNorm2dOptions(4);
  for (int i = 0; i < n; ++i)
    o.track_running_stats(false);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics on some paths,
}

// Constructed inside a loop after the options were turned off: not kept.
void loopConstructs(int n) {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  for (int i = 0; i < n; ++i) {
    BatchNorm2d bn(o);
  }
}

// Constructed inside a loop whose later iterations turn the statistics on: the
// second iteration sees them on.
void loopTurnsOnLater(int n) {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  for (int i = 0; i < n; ++i) {
    BatchNorm2d bn(o);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm2d' keeps running statistics on some paths,
    o.track_running_stats(true);
    // CHECK-MESSAGES: :[[@LINE-1]]:27: note: track_running_stats is set to true here
  }
}
