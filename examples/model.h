// A small CNN: the model a training script vmaps over an ensemble of
// minibatches (see ensemble.cpp).
#pragma once

#include <torch/torch.h>

namespace example {

struct NetImpl : torch::nn::Module {
  NetImpl();
  torch::Tensor forward(const torch::Tensor &x);

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::BatchNorm2d bn2{nullptr};
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
  torch::nn::BatchNorm1d head_norm{nullptr};
};
TORCH_MODULE(Net);

} // namespace example
