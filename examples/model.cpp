#include "model.h"

namespace example {

using namespace torch::nn;

NetImpl::NetImpl() {
  conv1 = register_module("conv1", Conv2d(Conv2dOptions(3, 8, 3).padding(1)));
  // Default options: keeps running statistics.
  bn1 = register_module("bn1", BatchNorm2d(8));
  conv2 = register_module("conv2", Conv2d(Conv2dOptions(8, 16, 3).padding(1)));
  // Tuned options, but running statistics are still on.
  auto bn2_opts = BatchNorm2dOptions(16).momentum(0.05);
  bn2 = register_module("bn2", BatchNorm2d(bn2_opts));
  fc1 = register_module("fc1", Linear(16, 32));
  // Fine under vmap: no running statistics.
  head_norm = register_module(
      "head_norm",
      BatchNorm1d(BatchNorm1dOptions(32).track_running_stats(false)));
  fc2 = register_module("fc2", Linear(32, 10));
}

torch::Tensor NetImpl::forward(const torch::Tensor &x) {
  auto h = torch::relu(bn1(conv1(x)));
  h = torch::relu(bn2(conv2(h)));
  h = torch::adaptive_avg_pool2d(h, {1, 1}).flatten(1);
  h = torch::relu(head_norm(fc1(h)));
  return fc2(h);
}

} // namespace example
