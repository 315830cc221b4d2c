// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Turning the statistics off after construction is too late.
void lateSetting() {
  InstanceNorm2d in(InstanceNorm2dOptions(8).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-instancenorm-running-stats]
  in->options.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'InstanceNorm2d' after construction has no effect: the constructor alone decides whether running_mean and running_var exist, so if it kept them vmap still fails; pass track_running_stats(false) in the options the module is constructed with [vmap-instancenorm-running-stats]
  in->options.track_running_stats() = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'InstanceNorm2d' after construction has no effect:
  auto &o = in->options;
  o.track_running_stats(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: setting track_running_stats on 'InstanceNorm2d' after construction has no effect:
}

// In a subclass's constructor body.
struct MyIN : InstanceNorm1dImpl {
  MyIN() : InstanceNorm1dImpl(InstanceNorm1dOptions(4).track_running_stats(true)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'InstanceNorm1d' keeps running statistics,
    options.track_running_stats(false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: setting track_running_stats on 'InstanceNorm1d' after construction has no effect:
  }
};

// Turning them on late is not the vmap trap.
void lateTrue() {
  InstanceNorm2d in(8);
  in->options.track_running_stats(true);
}
