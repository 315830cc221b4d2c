// One small LibTorch file: the BatchNorm header alone keeps g++ quick.
#include <torch/nn/modules/batchnorm.h>

// Stands in for a C++ vmap: vmap-tidy treats any function named vmap as one.
template <typename F> torch::Tensor vmap(F fn, const torch::Tensor &x) {
  return fn(x);
}

torch::Tensor ensemble(const torch::Tensor &x) {
  torch::nn::BatchNorm2d norm(4);
  return vmap([&](const torch::Tensor &t) { return norm(t); }, x);
}
