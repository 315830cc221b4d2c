#include "model.h"

torch::Tensor ScaledImpl::forward(torch::Tensor x) {
  return x / x.abs().max().item<float>();
}
