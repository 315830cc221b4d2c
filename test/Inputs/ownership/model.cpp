// A model whose norm modules reach vmap through LibTorch's containers and
// holders: Sequential, ModuleList, a ModuleHolder forwarding constructor
// (BatchNorm2d(c) with a runtime c), and std::make_shared.
#include <torch/torch.h>

#include <functional>
#include <memory>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

struct NetImpl : torch::nn::Module {
  explicit NetImpl(int64_t c) {
    body = register_module("body", torch::nn::Sequential(torch::nn::BatchNorm2d(c)));
    list = register_module("list", torch::nn::ModuleList(torch::nn::BatchNorm2d(c)));
    shared = register_module("shared", std::make_shared<torch::nn::BatchNorm2dImpl>(c));
  }
  torch::Tensor forward(torch::Tensor x) {
    x = body->forward(x);
    for (const auto &m : *list)
      x = m->as<torch::nn::BatchNorm2d>()->forward(x);
    return shared->forward(x);
  }
  torch::nn::Sequential body{nullptr};
  torch::nn::ModuleList list{nullptr};
  std::shared_ptr<torch::nn::BatchNorm2dImpl> shared;
};
TORCH_MODULE(Net);

torch::Tensor run(Net &net, const torch::Tensor &x) {
  return vmap([&](const torch::Tensor &sample) { return net->forward(sample); }, x);
}
