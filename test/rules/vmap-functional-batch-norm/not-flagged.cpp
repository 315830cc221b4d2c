// Functional batch norm without running statistics, in eval form, or not
// under vmap: nothing is reported.
// RUN: %check_vmap_tidy %s vmap-functional-batch-norm %t

#include <torch/torch.h>

#include <functional>

namespace F = torch::nn::functional;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

torch::Tensor stats(const torch::Tensor &x, const torch::Tensor &mean,
                    const torch::Tensor &var) {
  // Not reached by vmap.
  return torch::batch_norm(x, {}, {}, mean, var, true, 0.1, 1e-5, false);
}

torch::Tensor run(const torch::Tensor &x, const torch::Tensor &mean,
                  const torch::Tensor &var) {
  return vmap(
      [&](const torch::Tensor &t) {
        // No running statistics: nothing is updated in place.
        auto a = torch::batch_norm(t, {}, {}, {}, {}, true, 0.1, 1e-5, false);
        auto b = F::batch_norm(t, torch::Tensor(), torch::Tensor(),
                               F::BatchNormFuncOptions().training(true));
        // training false (F::batch_norm's default): the statistics are read.
        auto c = F::batch_norm(t, mean, var);
        auto d = torch::batch_norm(t, {}, {}, mean, var, false, 0.1, 1e-5,
                                   false);
        // F::instance_norm without running statistics (its default).
        auto e = F::instance_norm(t);
        return a + b + c + d + e;
      },
      x);
}
