// GroupNorm is not offered where it cannot be right; the note says why, and
// track_running_stats(false) stays the fix.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

BatchNorm2d runtimeChannels(int64_t c) {
  BatchNorm2d bn(BatchNorm2dOptions(c).track_running_stats(true));
  return nullptr;
}

BatchNorm1d returned() { return BatchNorm1d(BatchNorm1dOptions(8).track_running_stats(true)); }

void singleFeature() {
  BatchNorm1d one(BatchNorm1dOptions(1).track_running_stats(true));
  (void)one;
}

struct UsesStatistics : Module {
  UsesStatistics() {
    bn = register_module("bn", BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(true)));
  }
  void reset() { bn->reset_running_stats(); }
  BatchNorm2d bn{nullptr};
};

void implementationObject() {
  auto impl = std::make_shared<BatchNorm2dImpl>(BatchNorm2dOptions(8).track_running_stats(true));
  (void)impl;
}

// CHECK-MESSAGES: :10:15: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :10:60: note: track_running_stats is set to true here
// CHECK-MESSAGES: :10:15: note: GroupNorm is not offered: the channel count is not a compile-time constant
// CHECK-MESSAGES: :14:33: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :14:87: note: track_running_stats is set to true here
// CHECK-MESSAGES: :14:33: note: GroupNorm is not offered: the module is returned from a function whose return type would have to change
// CHECK-MESSAGES: :17:15: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :17:61: note: track_running_stats is set to true here
// CHECK-MESSAGES: :17:15: note: GroupNorm is not offered: a group of 1 feature would be normalised to zero; GroupNorm needs at least two features per group
// CHECK-MESSAGES: :23:32: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :23:86: note: track_running_stats is set to true here
// CHECK-MESSAGES: :23:32: note: GroupNorm is not offered: 'bn' is used through BatchNorm-only API at line 25, which GroupNorm lacks
// CHECK-MESSAGES: :30:15: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :30:91: note: track_running_stats is set to true here
// CHECK-MESSAGES: :30:15: note: GroupNorm is not offered: the module is built as an implementation object, not through its holder 'BatchNorm2d'
