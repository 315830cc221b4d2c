// RUN: %check_vmap_tidy %s vmap-data-dependent %t

#include <torch/torch.h>

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

// Every kind of trap, on the tensor vmap passes in.
struct NetImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    if (x.sum().item<float>() > 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'item' reads a tensor's value into C++, which fails under vmap when the tensor is batched ('vmap: It looks like you're calling .item() on a Tensor') [vmap-data-dependent]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: keep the value a tensor: compute with tensor operations (torch::where, clamp, a mask) instead of C++ arithmetic
    // CHECK-MESSAGES: :49:10: note: vmapped here
    // CHECK-MESSAGES: :49:52: note: which calls 'NetImpl::forward'
      return x;
    if (x.max().is_nonzero())
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'is_nonzero' branches on a tensor's value, which fails under vmap when the tensor is batched ('vmap: It looks like you're attempting to use a Tensor in some data-dependent control flow') [vmap-data-dependent]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: choose per member without branching: torch::where(condition, a, b)
      return -x;
    if (torch::allclose(x, x * 2))
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'allclose' reduces a comparison of tensors to one C++ bool, which vmap cannot batch when a tensor is batched [vmap-data-dependent]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: compare per member and keep the result a tensor: torch::eq(a, b).all() or torch::isclose(a, b).all()
      return x + 1;
    if (x.equal(x))
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'equal' reduces a comparison of tensors to one C++ bool, which vmap cannot batch when a tensor is batched [vmap-data-dependent]
      return x + 2;
    torch::Tensor rows = x.nonzero();
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'nonzero' returns a shape that depends on a tensor's values, which vmap cannot batch when the tensor is batched: each member's result may have another size [vmap-data-dependent]
    // CHECK-MESSAGES: :[[@LINE-2]]:28: note: keep the shape fixed: a mask (torch::where(mask, x, 0), x * mask) instead of selecting elements
    torch::Tensor picked = torch::masked_select(x, x > 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'masked_select' returns a shape that depends on a tensor's values, which vmap cannot batch when the tensor is batched: each member's result may have another size [vmap-data-dependent]
    std::vector<torch::Tensor> where = torch::where(x > 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'where' returns a shape that depends on a tensor's values, which vmap cannot batch when the tensor is batched: each member's result may have another size [vmap-data-dependent]
    float *data = x.data_ptr<float>();
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'data_ptr' accesses a tensor's storage, which fails under vmap when the tensor is batched: a batched tensor has no storage of its own [vmap-data-dependent]
    // CHECK-MESSAGES: :[[@LINE-2]]:21: note: read the values with tensor operations, or outside the vmapped function
    auto view = x.accessor<float, 1>();
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'accessor' accesses a tensor's storage, which fails under vmap when the tensor is batched: a batched tensor has no storage of its own [vmap-data-dependent]
    (void)data, (void)view, (void)where;
    return rows + picked;
  }
};
TORCH_MODULE(Net);

torch::Tensor run(Net &net, const torch::Tensor &x) {
  return vmap([&](const torch::Tensor &t) { return net(t); }, x);
}
