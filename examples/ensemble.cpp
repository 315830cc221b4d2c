// Runs the model on an ensemble of minibatches with one vmapped call, in
// training mode: each member's minibatch is normalised with its own batch
// statistics. With BatchNorm keeping running statistics this fails at run
// time; vmap-tidy reports it statically.
//
// Calling `net->eval()` before the vmap would also run (BatchNorm then uses
// its stored statistics instead of updating them).
#include "model.h"
#include "vmap.h"

#include <iostream>

int main() {
  torch::manual_seed(0);
  example::Net net;
  net->train();

  const int64_t members = 3, minibatch = 4;
  torch::Tensor inputs = torch::randn({members, minibatch, 3, 16, 16});
  try {
    torch::Tensor logits = example::vmap(
        [&](const torch::Tensor &x) { return net->forward(x); }, inputs);
    std::cout << "vmap ok: output shape " << logits.sizes() << "\n";
    return 0;
  } catch (const c10::Error &error) {
    std::cout << "vmap failed: " << error.what_without_backtrace() << "\n";
    return 1;
  }
}
