#pragma once
#include <torch/torch.h>

struct NoisyImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x);
};
TORCH_MODULE(Noisy);
