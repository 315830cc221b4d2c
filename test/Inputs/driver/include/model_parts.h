#pragma once
#include <torch/torch.h>

[[clang::annotate("vmap_tidy::vmapped")]] inline torch::nn::BatchNorm2d makeHeaderNorm() {
  return torch::nn::BatchNorm2d(4);
}
