// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

// Normalisation layers without running statistics are not reported.
void otherNorms() {
  torch::nn::GroupNorm gn(torch::nn::GroupNormOptions(2, 8));
  torch::nn::LayerNorm ln(torch::nn::LayerNormOptions({8}));
  torch::nn::LocalResponseNorm lrn(2);
  auto gnImpl = std::make_shared<torch::nn::GroupNormImpl>(2, 8);
}

// A user's own class that happens to be called BatchNorm2d.
namespace mylib {
struct BatchNorm2d {
  explicit BatchNorm2d(int);
};
struct BatchNorm2dImpl {
  explicit BatchNorm2dImpl(int);
};
} // namespace mylib

void userClass() {
  mylib::BatchNorm2d bn(8);
  auto impl = std::make_shared<mylib::BatchNorm2dImpl>(8);
  auto *raw = new mylib::BatchNorm2d(4);
  delete raw;
}

// The functional form is a different rule's business.
torch::Tensor functional(const torch::Tensor &x, const torch::Tensor &mean,
                         const torch::Tensor &var) {
  namespace F = torch::nn::functional;
  auto y = F::batch_norm(x, mean, var, F::BatchNormFuncOptions().training(true));
  return torch::batch_norm(y, {}, {}, mean, var, true, 0.1, 1e-5, false);
}

// Options objects alone construct no module.
void optionsOnly() {
  auto o = torch::nn::BatchNorm2dOptions(8);
  torch::nn::BatchNorm2dOptions p(8);
  p.track_running_stats(true);
}

// Empty holders construct no module.
void emptyHolders() {
  torch::nn::BatchNorm1d a{nullptr};
  torch::nn::BatchNorm2d b = nullptr;
  torch::nn::BatchNorm3d c(nullptr);
}
