#include <torch/torch.h>

[[clang::annotate("vmap_tidy::vmapped")]] void build() {
  torch::nn::BatchNorm2d norm(8);
}
