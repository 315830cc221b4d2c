#pragma once
#include <torch/torch.h>

// A third-party header on a -isystem path: never reported.
inline torch::nn::BatchNorm2d makeVendorNorm() {
  return torch::nn::BatchNorm2d(4);
}
