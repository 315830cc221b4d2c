// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A function returning options is followed into its body.
BatchNorm2dOptions quietOptions() {
  return BatchNorm2dOptions(4).track_running_stats(false);
}

BatchNorm2dOptions defaultOptions() { return BatchNorm2dOptions(4).eps(1e-3); }

BatchNorm2dOptions trackingOptions() {
  return BatchNorm2dOptions(4).track_running_stats(true);
}

void useFactories() {
  BatchNorm2d quiet(quietOptions());
  BatchNorm2d loud(defaultOptions());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-10]]:46: note: options created here leave track_running_stats at its default (true)
  BatchNorm2d tracking(trackingOptions());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-10]]:52: note: track_running_stats is set to true here
}

// Changing the returned options before the use still counts.
void adjustFactoryOptions() {
  auto o = defaultOptions();
  o.track_running_stats(false);
  BatchNorm2d quiet(o);
  BatchNorm2d alsoQuiet(defaultOptions().track_running_stats(false));
}

// A factory with several returns: one path keeps the statistics.
BatchNorm2dOptions optionsFor(bool eval) {
  if (eval)
    return BatchNorm2dOptions(4).track_running_stats(false);
  return BatchNorm2dOptions(4);
}

void usePathDependentFactory() {
  BatchNorm2d bn(optionsFor(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics on some paths,
  // CHECK-MESSAGES: :[[@LINE-6]]:10: note: options created here leave track_running_stats at its default (true)
}

// A factory declared but not defined here cannot be followed.
BatchNorm2dOptions externalOptions();

void useExternalFactory() {
  BatchNorm2d bn(externalOptions());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time (the options are returned by a function whose body is not visible); if it is true,
}
