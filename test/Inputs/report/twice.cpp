#include <torch/torch.h>

// Two findings with the same message in one file.
[[clang::annotate("vmap_tidy::vmapped")]] void run() {
  torch::nn::BatchNorm1d first(4);
  torch::nn::BatchNorm1d second(8);
}
