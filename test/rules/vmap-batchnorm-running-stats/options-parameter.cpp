// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Options received as a parameter come from the caller: not known here.
BatchNorm2d fromParameter(const BatchNorm2dOptions &o) {
  return BatchNorm2d(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'BatchNorm2d' may keep running statistics: track_running_stats is not known at compile time ('o' is a parameter); if it is true, its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
}

std::shared_ptr<BatchNorm1dImpl> byValue(BatchNorm1dOptions opts) {
  return std::make_shared<BatchNorm1dImpl>(opts.eps(1e-3));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'BatchNorm1d' may keep running statistics: track_running_stats is not known at compile time ('opts' is a parameter);
}

// Deciding the flag inside the function makes the parameter irrelevant.
BatchNorm2d decidedHere(BatchNorm2dOptions o) {
  return BatchNorm2d(o.track_running_stats(false));
}

BatchNorm2d decidedOnCopy(const BatchNorm2dOptions &o) {
  auto copy = o;
  copy.track_running_stats(false);
  return BatchNorm2d(copy);
}

// An integer parameter is the channel count: the default flag applies.
BatchNorm2d fromChannels(int64_t channels) {
  return BatchNorm2d(channels);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'BatchNorm2d' keeps running statistics, so
}
