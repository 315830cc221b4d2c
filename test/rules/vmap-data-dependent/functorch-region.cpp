// Code written between initAndPushDynamicLayer(Vmap) and its pop runs under
// vmap: a read of a batched value there is reported at the region.
// RUN: %check_vmap_tidy %s vmap-data-dependent %t

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>
#include <torch/torch.h>

namespace ft = at::functorch;

float rawRegion(const torch::Tensor &x) {
  int64_t level = ft::initAndPushDynamicLayer(ft::TransformType::Vmap, 3,
                                              ft::RandomnessType::Error);
  torch::Tensor y = ft::addBatchDim(x, 0, level);
  float inside = y.sum().item<float>();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'item' reads a tensor's value into C++, which fails under vmap when the tensor is batched ('vmap: It looks like you're calling .item() on a Tensor') [vmap-data-dependent]
  // CHECK-MESSAGES: :12:19: note: vmapped region starts here
  ft::popDynamicLayerAndDeleteMetadata();
  // After the pop: plain again.
  return inside + x.sum().item<float>();
}
