// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

[[clang::annotate("vmap_tidy::vmapped")]] void build() {
  torch::nn::BatchNorm2d a(8); // NOLINT
  torch::nn::BatchNorm2d b(8); // NOLINT(vmap-batchnorm-running-stats)
  torch::nn::BatchNorm2d c(8); // NOLINT(vmap-*)
  // NOLINTNEXTLINE(vmap-batchnorm-running-stats)
  torch::nn::BatchNorm2d d(8);

  // NOLINTBEGIN(vmap-batchnorm-running-stats)
  torch::nn::BatchNorm2d e(8);
  torch::nn::BatchNorm1d f(8);
  // NOLINTEND(vmap-batchnorm-running-stats)

  // A NOLINT for another check does not hide this one.
  torch::nn::BatchNorm2d g(8); // NOLINT(bugprone-unused-raii)
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm2d' keeps running statistics,
  // NOLINTNEXTLINE(vmap-instancenorm-running-stats)
  torch::nn::BatchNorm2d h(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm2d' keeps running statistics,
}
