// With AssumeTraining off, a vmap call whose modules' mode cannot be known
// here is not reported; one whose modules are known to train still is.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {AssumeTraining: false}}"

#include <torch/torch.h>

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

struct NetImpl : torch::nn::Module {
  NetImpl() { bn = register_module("bn", torch::nn::BatchNorm2d(4)); }
  torch::Tensor forward(torch::Tensor x) { return bn(x); }
  torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(Net);

void fromParameter(Net &net, const torch::Tensor &x) {
  vmap([&](const torch::Tensor &t) { return net(t); }, x);
}

void local(const torch::Tensor &x) {
  torch::nn::BatchNorm1d local(4);
  vmap([&](const torch::Tensor &t) { return local(t); }, x);
}

// CHECK-MESSAGES: :24:26: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :25:3: note: vmapped here
// CHECK-MESSAGES: :25:45: note: which runs 'local' under vmap
