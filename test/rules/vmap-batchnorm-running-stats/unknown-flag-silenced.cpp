// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all, vmap-batchnorm-running-stats.FlagUnknownValue: false}}"

#include <torch/torch.h>

using namespace torch::nn;

// With FlagUnknownValue off, flags not known at compile time are not reported.
void runtimeFlag(bool flag) {
  BatchNorm2d bn(BatchNorm2dOptions(4).track_running_stats(flag));
}

void optionsParameter(const BatchNorm2dOptions &o) { BatchNorm2d bn(o); }

void passedByReference() {
  auto o = BatchNorm2dOptions(4);
  void tweak(BatchNorm2dOptions &);
  tweak(o);
  BatchNorm2d bn(o);
}

// Modules that certainly keep running statistics are still reported.
void stillReported(bool flag) {
  BatchNorm2d bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  auto o = BatchNorm2dOptions(4).track_running_stats(flag);
  if (flag)
    o.track_running_stats(true);
  BatchNorm2d some(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics on some paths,
}
