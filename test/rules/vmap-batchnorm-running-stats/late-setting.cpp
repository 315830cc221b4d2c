// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Turning the statistics off on a constructed module's options is too late;
// the construction stays reported as well.
void setterOnHolder() {
  BatchNorm2d bn(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  bn->options.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect: the constructor alone decides whether running_mean and running_var exist, so if it kept them vmap still fails; pass track_running_stats(false) in the options the module is constructed with [vmap-batchnorm-running-stats]
}

void getterAssignment() {
  BatchNorm1d bn(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm1d' keeps running statistics,
  bn->options.track_running_stats() = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm1d' after construction has no effect:
}

void throughReference() {
  BatchNorm3d bn(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm3d' keeps running statistics,
  auto &o = bn->options;
  o.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm3d' after construction has no effect:
}

void onImpl() {
  auto impl = std::make_shared<BatchNorm2dImpl>(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  impl->options.eps(1e-3).track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
  BatchNorm2dImpl local(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'BatchNorm2d' keeps running statistics,
  local.options.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
}

// A module member of a network.
struct NetImpl : Module {
  BatchNorm2d bn{nullptr};
  NetImpl() {
    bn = register_module("bn", BatchNorm2d(8));
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'BatchNorm2d' keeps running statistics,
    bn->options.track_running_stats(false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
  }
};

// A runtime value may be false: also reported.
void runtimeLateSetting(BatchNorm2d &bn, bool flag) {
  bn->options.track_running_stats(flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
}

// Setting it to true late is pointless but not the vmap trap.
void lateTrue() {
  BatchNorm2d bn(BatchNorm2dOptions(8).track_running_stats(false));
  bn->options.track_running_stats(true);
  bn->options.track_running_stats() = true;
  auto &o = bn->options;
  o.track_running_stats(true);
}

// Reading the flag is fine.
bool readFlag(const BatchNorm2d &bn) { return bn->options.track_running_stats(); }
