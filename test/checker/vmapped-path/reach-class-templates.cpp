// Modules built in a class template, whose instantiations are reached from
// vmap only through std::make_shared (issue 18, class 1): reported once, at
// the line in the pattern, with the path of the first instantiation that
// reaches it. The running-stats fix edits the pattern, which suits every
// instantiation; GroupNorm is refused when the instantiations need
// different group counts, every pattern edit when the module type is a
// template parameter.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>
#include <memory>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

template <int64_t C> struct BlockImpl : Module {
  BlockImpl() { bn = register_module("bn", BatchNorm2d(C)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  // CHECK-MESSAGES: :[[@LINE-2]]:44: note: GroupNorm is not offered: its channel count depends on the template argument, and no one group count suits every instantiation ('BlockImpl<4>' needs GroupNorm(4, 4), 'BlockImpl<6>' GroupNorm(6, 6))
  // CHECK-MESSAGES: :48:7: note: vmapped here
  // CHECK-MESSAGES: :48:49: note: which calls 'BlockImpl<4>::forward'
  // CHECK-MESSAGES: :28:51: note: which runs 'bn' under vmap
  // CHECK-FIXES: BlockImpl() { bn = register_module("bn", BatchNorm2d(torch::nn::BatchNorm2dOptions(C).track_running_stats(false))); }
  torch::Tensor forward(torch::Tensor x) { return bn(x); }
  BatchNorm2d bn{nullptr};
};

template <class Norm> struct TNetImpl : Module {
  TNetImpl() { n = register_module("n", Norm(4)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:41: note: no automatic fix: the module type is the template parameter 'Norm', which other instantiations may set to another module
  // CHECK-MESSAGES: :[[@LINE-3]]:41: note: GroupNorm is not offered: the module type is the template parameter 'Norm'
  // CHECK-MESSAGES: :55:10: note: vmapped here
  // CHECK-MESSAGES: :55:52: note: which calls 'TNetImpl<torch::nn::BatchNorm1d>::forward'
  // CHECK-FIXES: TNetImpl() { n = register_module("n", Norm(4)); }
  torch::Tensor forward(torch::Tensor x) { return n(x); }
  Norm n{nullptr};
};

torch::Tensor blocks(const torch::Tensor &x) {
  auto four = std::make_shared<BlockImpl<4>>();
  auto six = std::make_shared<BlockImpl<6>>();
  torch::Tensor y =
      vmap([&](const torch::Tensor &t) { return four->forward(t); }, x);
  return y + vmap([&](const torch::Tensor &t) { return six->forward(t); }, x);
}

torch::Tensor nets(const torch::Tensor &x) {
  auto norm = std::make_shared<TNetImpl<BatchNorm1d>>();
  auto instance = std::make_shared<TNetImpl<InstanceNorm1d>>();
  return vmap([&](const torch::Tensor &t) { return norm->forward(t); }, x);
}
