#include "model.h"

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

torch::Tensor run(Normed &model, const torch::Tensor &x) {
  return vmap([&](const torch::Tensor &t) { return model(t); }, x);
}
