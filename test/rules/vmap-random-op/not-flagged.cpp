// Dropout in eval mode, dropout switched off, and random operations that
// vmap does not reach: nothing is reported.
// RUN: %check_vmap_tidy %s vmap-random-op %t

#include <torch/torch.h>

#include <functional>

namespace F = torch::nn::functional;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

struct NetImpl : torch::nn::Module {
  NetImpl() {
    drop = register_module("drop", torch::nn::Dropout(0.5));
    head = register_module("head", torch::nn::Linear(4, 4));
  }
  torch::Tensor forward(torch::Tensor x) {
    auto a = drop(x);
    // Follows the module: eval mode below, so no draw.
    auto b = F::dropout(x, F::DropoutFuncOptions().training(is_training()));
    auto c = torch::dropout(x, 0.1, /*train=*/false);
    return head(a + b + c);
  }
  torch::nn::Dropout drop{nullptr};
  torch::nn::Linear head{nullptr};
};
TORCH_MODULE(Net);

torch::Tensor run(const torch::Tensor &x) {
  // Built and initialised before vmap: the draws happen outside.
  Net net;
  auto noise = torch::randn_like(x);
  net->eval();
  return vmap([&](const torch::Tensor &t) { return net(t); }, x) + noise;
}
