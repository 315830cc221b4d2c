// Embeds an ensemble of minibatches with a functional encoder: its weights
// live in a struct, as in code ported from JAX or a functional ResNet. The
// encoder has three more traps of the same family, each reported by its own
// rule:
//  * batch_norm with running statistics in training mode
//    (vmap-functional-batch-norm; fixed automatically),
//  * functional dropout, whose options train by default, under vmap's
//    `error` randomness (vmap-random-op; fixed automatically),
//  * a tensor's value read into C++ (vmap-data-dependent; its notes say how
//    to rewrite it, by hand).
#include "vmap.h"

#include <iostream>

namespace F = torch::nn::functional;

namespace example {

struct EncoderWeights {
  torch::Tensor weight = torch::randn({8, 16}) * 0.1;
  torch::Tensor bias = torch::zeros({8});
  torch::Tensor running_mean = torch::zeros({8});
  torch::Tensor running_var = torch::ones({8});
};

torch::Tensor encode(const EncoderWeights &w, const torch::Tensor &x) {
  torch::Tensor h = torch::linear(x, w.weight, w.bias);
  h = torch::batch_norm(h, /*weight=*/{}, /*bias=*/{}, w.running_mean,
                        w.running_var, /*training=*/true, /*momentum=*/0.1,
                        /*eps=*/1e-5, /*cudnn_enabled=*/false);
  h = F::dropout(torch::relu(h), F::DropoutFuncOptions().p(0.1));
  // Unit-norm embeddings, skipping an all-zero one.
  torch::Tensor norm = h.norm();
  if (norm.item<float>() > 0)
    h = h / norm;
  return h;
}

} // namespace example

int main() {
  torch::manual_seed(0);
  example::EncoderWeights weights;
  const int64_t members = 3, minibatch = 4;
  torch::Tensor inputs = torch::randn({members, minibatch, 16});
  try {
    torch::Tensor embeddings = example::vmap(
        [&](const torch::Tensor &x) { return example::encode(weights, x); },
        inputs);
    std::cout << "vmap ok: embeddings shape " << embeddings.sizes() << "\n";
    return 0;
  } catch (const c10::Error &error) {
    std::cout << "vmap failed: " << error.what_without_backtrace() << "\n";
    return 1;
  }
}
