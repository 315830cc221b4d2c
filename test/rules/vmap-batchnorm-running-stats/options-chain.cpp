// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;

// Setters other than track_running_stats leave the default (true) in place.
void unrelatedSetters() {
  BatchNorm2d bn(BatchNorm2dOptions(8).eps(1e-3).momentum(0.2));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  auto other = BatchNorm2d(BatchNorm2dOptions(8).affine(false));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'BatchNorm2d' keeps running statistics,
}

// Asking for running statistics explicitly points at the flag.
void explicitTrue() {
  BatchNorm2d bn(BatchNorm2dOptions(8).eps(1e-3).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:70: note: track_running_stats is set to true here
}

// track_running_stats(false) anywhere in the chain turns them off.
void explicitFalse() {
  BatchNorm2d first(BatchNorm2dOptions(8).track_running_stats(false));
  BatchNorm2d middle(
      BatchNorm2dOptions(8).eps(1e-3).track_running_stats(false).momentum(0.2));
  BatchNorm2d last(BatchNorm2dOptions(8).affine(false).track_running_stats(false));
}

// The last setter wins.
void lastSetterWins() {
  BatchNorm2d on(BatchNorm2dOptions(8).track_running_stats(false).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:87: note: track_running_stats is set to true here
  BatchNorm2d off(BatchNorm2dOptions(8).track_running_stats(true).eps(1e-3).track_running_stats(false));
}
