#include <torch/torch.h>

torch::Tensor broken(torch::Tensor x) {
  return x +
