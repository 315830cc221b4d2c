#include "model.h"

torch::Tensor NoisyImpl::forward(torch::Tensor x) {
  return x + 0.1 * torch::randn_like(x);
}
