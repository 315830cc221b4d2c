// A raw functorch region's randomness argument decides: RandomnessType::
// Different draws per member, Error (as LibTorch's default) fails.
// RUN: %check_vmap_tidy %s vmap-random-op %t

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>
#include <torch/torch.h>

namespace ft = at::functorch;

torch::Tensor region(const torch::Tensor &x, bool different) {
  if (different) {
    int64_t level = ft::initAndPushDynamicLayer(ft::TransformType::Vmap, 3,
                                                ft::RandomnessType::Different);
    torch::Tensor noise = torch::rand_like(ft::addBatchDim(x, 0, level));
    ft::popDynamicLayerAndDeleteMetadata();
    return noise;
  }
  int64_t level = ft::initAndPushDynamicLayer(ft::TransformType::Vmap, 3,
                                              ft::RandomnessType::Error);
  torch::Tensor noise = torch::rand_like(ft::addBatchDim(x, 0, level));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'rand_like' draws random numbers, which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode') [vmap-random-op]
  // CHECK-MESSAGES-NOT: not known here
  // CHECK-MESSAGES: :19:19: note: or choose the randomness mode at this vmap call
  // CHECK-MESSAGES: :19:19: note: vmapped region starts here
  ft::popDynamicLayerAndDeleteMetadata();
  return noise;
}
