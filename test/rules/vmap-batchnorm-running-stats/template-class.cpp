// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A construction that does not depend on the template arguments is reported
// once, not once per instantiation.
template <typename T> struct Block : Module {
  BatchNorm2d bn{nullptr};
  Block() { bn = register_module("bn", BatchNorm2d(8)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
};

template struct Block<float>;
template struct Block<double>;

// The channel count depends on the template argument, the flag does not.
template <int64_t C> struct Sized : Module {
  BatchNorm1d bn{C};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm1d' keeps running statistics,
  BatchNorm1d quiet{BatchNorm1dOptions(C).track_running_stats(false)};
};

void use() {
  Sized<4> a;
  Sized<8> b;
}
