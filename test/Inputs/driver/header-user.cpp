#include "model_parts.h"
#include <vendor_norm.h>

[[clang::annotate("vmap_tidy::vmapped")]] void build() {
  auto a = makeHeaderNorm();
  torch::nn::BatchNorm2d b(8);
  auto c = makeVendorNorm();
}
