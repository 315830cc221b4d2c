#pragma once
#include <torch/torch.h>

inline torch::nn::BatchNorm2d makeHeaderNorm() {
  return torch::nn::BatchNorm2d(4);
}
