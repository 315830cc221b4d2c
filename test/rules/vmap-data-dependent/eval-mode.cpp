// Unlike running statistics, reading a batched value fails in eval mode too.
// RUN: %check_vmap_tidy %s vmap-data-dependent %t

#include <torch/torch.h>

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

struct NetImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    auto total = x.sum();
    return total.item<double>() > 1 ? x : -x;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'item' reads a tensor's value into C++, which fails under vmap when the tensor is batched ('vmap: It looks like you're calling .item() on a Tensor') [vmap-data-dependent]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: keep the value a tensor
    // CHECK-MESSAGES: :26:10: note: vmapped here
    // CHECK-MESSAGES-NOT: training mode
    // CHECK-MESSAGES: :26:52: note: which calls 'NetImpl::forward'
  }
};
TORCH_MODULE(Net);

torch::Tensor run(Net &net, const torch::Tensor &x) {
  net->eval();
  return vmap([&](const torch::Tensor &t) { return net(t); }, x);
}
