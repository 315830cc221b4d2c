/* Another file of the same project: its licence header and comments differ,
 * its includes do not, so it shares vmapped.cpp's precompiled preamble. */

#include <torch/torch.h>   // the C++ frontend
#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &input);

int main() {
  torch::nn::BatchNorm1d bn(3);
  auto out = vmap([&](const torch::Tensor &x) { return bn(x); },
                  torch::ones({2, 5, 3}));
}
