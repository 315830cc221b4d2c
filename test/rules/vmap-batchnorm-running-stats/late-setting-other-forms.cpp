// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Other ways of reaching a constructed module's options.
void throughImplPointer() {
  BatchNorm2d bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  BatchNorm2dImpl *impl = bn.get();
  impl->options.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect: the constructor alone decides whether running_mean and running_var exist, so if it kept them vmap still fails; pass track_running_stats(false) in the options the module is constructed with [vmap-batchnorm-running-stats]
  (*bn).options.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
  bn.ptr()->options.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
}

// A module member reached from another member function.
struct NetImpl : Module {
  BatchNorm2d bn{BatchNorm2dOptions(8)};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm2d' keeps running statistics,
  void freeze() {
    bn->options.track_running_stats(false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
  }
};

// Through a pointer to the options.
void throughOptionsPointer() {
  BatchNorm2d bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  auto *p = &bn->options;
  p->track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
}

// Replacing the whole options object after construction is the same trap.
void wholesaleAssignment() {
  BatchNorm2d bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  bn->options = BatchNorm2dOptions(4).track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
}

// Changing a copy of the options does not touch the module at all: that is
// not the trap.
void changingACopy() {
  BatchNorm2d bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  auto copy = bn->options;
  copy.track_running_stats(false);
}
