// A vmapped BatchNorm2d and a user header in the preamble: the input of the
// preamble cache tests.
#include <torch/torch.h>

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &input);

struct NetImpl : torch::nn::Module {
  NetImpl() {
    bn = register_module("bn", torch::nn::BatchNorm2d(4));
    norm = register_module(
        "norm", torch::nn::InstanceNorm1d(
                    torch::nn::InstanceNorm1dOptions(6).track_running_stats(true)));
  }
  torch::Tensor forward(torch::Tensor x) { return norm(bn(x).flatten(2)); }
  torch::nn::BatchNorm2d bn{nullptr};
  torch::nn::InstanceNorm1d norm{nullptr};
};
TORCH_MODULE(Net);

int main() {
  Net net;
  auto out = vmap([&](const torch::Tensor &x) { return net(x); },
                  torch::ones({3, 2, 4, 2, 3}));
}
