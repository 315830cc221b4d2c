#pragma once
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl();
  torch::Tensor forward(const torch::Tensor &x);
  torch::nn::BatchNorm1d norm{nullptr};
};
TORCH_MODULE(Net);
