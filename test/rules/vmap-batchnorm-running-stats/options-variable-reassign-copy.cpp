// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dOptions;

// Reassigning fresh options resets the flag to its default.
void reassignmentResets() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  o = BatchNorm2dOptions(3);
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: options created here leave track_running_stats at its default (true)
}

// Reassigning options that turn the statistics off fixes it.
void reassignmentDisables() {
  auto o = BatchNorm2dOptions(4);
  o = BatchNorm2dOptions(3).track_running_stats(false);
  BatchNorm2d bn(o);
}

// A copy carries the flag of the original at the time of the copy.
void copyOfDisabled() {
  auto o = BatchNorm2dOptions(4);
  o.track_running_stats(false);
  auto o2 = o;
  BatchNorm2d bn(o2);
}

void copyOfDefault() {
  auto o = BatchNorm2dOptions(4);
  auto o2 = o;
  BatchNorm2d bn(o2);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: options created here leave track_running_stats at its default (true)
}

// Changing the original after the copy does not change the copy.
void copyThenChangeOriginal() {
  auto o = BatchNorm2dOptions(4);
  auto o2 = o;
  o.track_running_stats(false);
  BatchNorm2d quiet(o);
  BatchNorm2d loud(o2);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
}

// Assigning through the non-const reference getter.
void getterAssignment() {
  auto o = BatchNorm2dOptions(4);
  o.track_running_stats() = false;
  BatchNorm2d bn(o);
}

void getterAssignmentTrue() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  o.track_running_stats() = true;
  BatchNorm2d bn(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: track_running_stats is set to true here
}

// Reading the flag through the getter changes nothing.
void getterRead() {
  auto o = BatchNorm2dOptions(4).track_running_stats(false);
  bool kept = o.track_running_stats();
  (void)kept;
  BatchNorm2d bn(o);
}
