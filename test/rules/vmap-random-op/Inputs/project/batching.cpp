#include "batching.h"

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>

using at::functorch::RandomnessType;
using at::functorch::TransformType;

torch::Tensor vmap_different(const BatchedFn &fn, const torch::Tensor &x) {
  int64_t level = at::functorch::initAndPushDynamicLayer(
      TransformType::Vmap, x.size(0), RandomnessType::Different);
  torch::Tensor out = fn(at::functorch::addBatchDim(x, 0, level));
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return out;
}

torch::Tensor vmap_error(const BatchedFn &fn, const torch::Tensor &x) {
  int64_t level = at::functorch::initAndPushDynamicLayer(
      TransformType::Vmap, x.size(0), RandomnessType::Error);
  torch::Tensor out = fn(at::functorch::addBatchDim(x, 0, level));
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return out;
}
