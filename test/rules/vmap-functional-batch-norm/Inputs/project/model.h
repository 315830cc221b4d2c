#pragma once
#include <torch/torch.h>

struct NormedImpl : torch::nn::Module {
  NormedImpl();
  torch::Tensor forward(torch::Tensor x);
  torch::Tensor mean, var;
};
TORCH_MODULE(Normed);
