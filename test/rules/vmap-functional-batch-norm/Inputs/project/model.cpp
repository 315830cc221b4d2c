#include "model.h"

NormedImpl::NormedImpl() {
  mean = register_buffer("mean", torch::zeros({4}));
  var = register_buffer("var", torch::ones({4}));
}

torch::Tensor NormedImpl::forward(torch::Tensor x) {
  return torch::batch_norm(x, {}, {}, mean, var, /*training=*/true, 0.1, 1e-5,
                           false);
}
