// A file that does not compile: the compiler error is reported with exit
// code 1, and the checks still run on what parsed.
// RUN: %check_vmap_tidy --expect-exit 1 %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

[[clang::annotate("vmap_tidy::vmapped")]] void build() {
  torch::nn::BatchNorm2d bn(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'BatchNorm2d' keeps running statistics,
  int broken = ;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: error: expected expression [clang-diagnostic-error]
}
