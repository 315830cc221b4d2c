// A minimal C++ vmap over LibTorch's at::functorch (LibTorch 1.13 names).
// LibTorch has no public C++ vmap; this is the shape most projects write.
#pragma once

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>
#include <torch/torch.h>

#include <functional>

namespace example {

/// Pushes a vmap level for the lifetime of the guard, popping it even when
/// the vmapped function throws.
class VmapLevel {
public:
  explicit VmapLevel(int64_t BatchSize)
      : Level(at::functorch::initAndPushDynamicLayer(
            at::functorch::TransformType::Vmap, BatchSize,
            at::functorch::RandomnessType::Error)) {}
  ~VmapLevel() { at::functorch::popDynamicLayerAndDeleteMetadata(); }
  VmapLevel(const VmapLevel &) = delete;
  VmapLevel &operator=(const VmapLevel &) = delete;
  int64_t level() const { return Level; }

private:
  int64_t Level;
};

/// Runs `fn` once per slice of `input` along `in_dim`, as one batched call,
/// and stacks the results along dimension 0.
inline torch::Tensor
vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
     const torch::Tensor &input, int64_t in_dim = 0) {
  const int64_t batch_size = input.size(in_dim);
  VmapLevel level(batch_size);
  torch::Tensor result =
      fn(at::functorch::addBatchDim(input, in_dim, level.level()));
  auto *batched = at::functorch::maybeGetBatchedImpl(result);
  if (batched && batched->level() == level.level())
    return batched->value().movedim(batched->bdim(), 0);
  // The function ignored its input: every member gets the same result.
  return result.unsqueeze(0).expand({batch_size}).contiguous();
}

} // namespace example
