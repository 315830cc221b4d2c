// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A function template whose flag does not depend on its template arguments is
// reported once, not once per instantiation.
template <typename T> BatchNorm2d makeNorm(T channels) {
  return BatchNorm2d(BatchNorm2dOptions(channels));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
}

// A flag that depends on a template argument names the instantiation.
template <bool Track> std::shared_ptr<BatchNorm1dImpl> makeImpl() {
  return std::make_shared<BatchNorm1dImpl>(
      BatchNorm1dOptions(4).track_running_stats(Track));
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'BatchNorm1d' keeps running statistics in instantiation 'makeImpl<true>',
}

// Options variables inside a function template follow the flow per
// instantiation.
template <typename T> BatchNorm3d quietNorm(T channels) {
  auto o = BatchNorm3dOptions(channels);
  o.track_running_stats(false);
  return BatchNorm3d(o);
}

void use() {
  makeNorm(4);
  makeNorm(int64_t{8});
  makeImpl<true>();
  makeImpl<false>();
  quietNorm(4);
  quietNorm(int64_t{8});
}
