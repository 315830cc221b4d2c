#pragma once
#include <torch/torch.h>

struct ScaledImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x);
};
TORCH_MODULE(Scaled);
