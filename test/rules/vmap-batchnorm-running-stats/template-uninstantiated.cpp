// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A template that is never instantiated is still checked where its
// construction does not depend on the template arguments.
template <typename T> struct Unused : Module {
  BatchNorm2d bn{BatchNorm2dOptions(8)};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  BatchNorm2d quiet{BatchNorm2dOptions(8).track_running_stats(false)};
};

template <typename T> void unusedFunction() {
  auto impl = std::make_shared<BatchNorm1dImpl>(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm1d' keeps running statistics,
  BatchNorm3d quiet(BatchNorm3dOptions(4).track_running_stats(false));
}

// A dependent construction cannot be decided without an instantiation.
template <bool Track> struct UnusedDependent : Module {
  BatchNorm2d bn{BatchNorm2dOptions(8).track_running_stats(Track)};
};

template <typename Norm> struct UnusedGeneric : Module {
  Norm norm{4};
};
