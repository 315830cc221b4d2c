// RUN: %check_vmap_tidy %s vmap-random-op %t

#include <torch/torch.h>

#include <functional>

namespace F = torch::nn::functional;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

struct NetImpl : torch::nn::Module {
  NetImpl() { drop = register_module("drop", torch::nn::Dropout(0.5)); }
    // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: 'Dropout' draws random numbers when it runs in training mode, which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode') [vmap-random-op]
    // CHECK-MESSAGES: :40:10: note: run this vmap call with 'net' in eval mode: dropout draws nothing in eval mode
    // CHECK-MESSAGES: :40:10: note: the randomness mode of this vmap call is not known here; assuming 'error', vmap's default
    // CHECK-MESSAGES: :40:10: note: or choose the randomness mode at this vmap call: 'different' draws independently per batch member, 'same' once for all (the RandomnessType that 'vmap' passes to initAndPushDynamicLayer)
    // CHECK-MESSAGES: :40:10: note: vmapped here
    // CHECK-MESSAGES: :40:52: note: which calls 'NetImpl::forward'
    // CHECK-MESSAGES: :22:14: note: which runs 'drop' under vmap
  torch::Tensor forward(torch::Tensor x) {
    auto a = drop(x);
    auto b = F::dropout(x, F::DropoutFuncOptions().p(0.2));
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'dropout' draws random numbers (its options' training defaults to true), which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode') [vmap-random-op]
    // CHECK-FIXES: auto b = F::dropout(x, F::DropoutFuncOptions().p(0.2).training(is_training()));
    auto c = torch::dropout(x, 0.1, /*train=*/true);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'dropout' draws random numbers (the training flag is true), which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode') [vmap-random-op]
    // CHECK-FIXES: auto c = torch::dropout(x, 0.1, /*train=*/is_training());
    auto noise = torch::randn_like(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'randn_like' draws random numbers, which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode') [vmap-random-op]
    torch::nn::Linear head(4, 4);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: constructing 'Linear' inside vmapped code draws its initial parameters at random, which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode'); construct it outside the vmapped function [vmap-random-op]
    return a + b + c + noise + head(x);
  }
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(Net);

torch::Tensor run(Net &net, const torch::Tensor &x) {
  return vmap([&](const torch::Tensor &t) { return net(t); }, x);
}
