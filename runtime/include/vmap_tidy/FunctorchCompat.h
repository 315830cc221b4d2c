//===--- FunctorchCompat.h - at::functorch across LibTorch versions -------===//
//
// The only place the runtime touches at::functorch. LibTorch ships no public
// C++ vmap; these are the internal entry points that torch.func.vmap calls
// through torch._C._functorch (_vmap_increment_nesting, _add_batch_dim,
// _remove_batch_dim, _vmap_decrement_nesting).
//
// Differences hidden here:
//
//  * 1.13 and 2.0 declare
//      int64_t initAndPushDynamicLayer(TransformType,
//                                      optional<int64_t> batch_size,
//                                      optional<RandomnessType>, ...);
//    2.1 and later take `optional<c10::SymInt> batch_size` instead, and
//    newer releases add trailing optional arguments (prev_inference_mode).
//    Only the first three arguments are passed, so the defaults cover the
//    additions; the batch size is spelled as a SymInt from 2.1 on.
//  * RandomnessType is a plain enum in 1.13 and a scoped one later; it is
//    always named as `RandomnessType::X`, which compiles with both.
//  * c10::optional is std::optional from 2.3 on; only `.has_value()` style
//    uses appear here, which both spell the same.
//
// Only LibTorch 1.13 (Debian's libtorch-dev) is compiled in this project's
// CI; the 2.x branches follow the upstream headers and are untested here.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_FUNCTORCHCOMPAT_H
#define VMAP_TIDY_FUNCTORCHCOMPAT_H

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>
#include <torch/version.h>

#include <cstddef>
#include <cstdint>
#include <optional>

/// True when the LibTorch being compiled against is at least MAJOR.MINOR.
#define VMAP_TIDY_TORCH_AT_LEAST(MAJOR, MINOR)                                 \
  (TORCH_VERSION_MAJOR > (MAJOR) ||                                            \
   (TORCH_VERSION_MAJOR == (MAJOR) && TORCH_VERSION_MINOR >= (MINOR)))

#if !VMAP_TIDY_TORCH_AT_LEAST(1, 13)
#error "vmap_tidy needs LibTorch 1.13 or later (ATen/functorch)"
#endif

namespace vmap_tidy::compat {

using RandomnessType = at::functorch::RandomnessType;

/// Pushes a vmap level for \p batch_size members and returns its level id.
inline int64_t push_vmap_level(int64_t batch_size, RandomnessType randomness) {
#if VMAP_TIDY_TORCH_AT_LEAST(2, 1)
  return at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, c10::SymInt(batch_size), randomness);
#else
  return at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, batch_size, randomness);
#endif
}

/// Pops the innermost functorch level (of any transform).
inline void pop_level() { at::functorch::popDynamicLayerAndDeleteMetadata(); }

/// How many functorch levels are active on this thread.
inline std::size_t active_levels() {
  return at::functorch::getDynamicLayerStack().size();
}

/// Wraps \p tensor as batched along \p dim at \p level.
inline at::Tensor add_batch_dim(const at::Tensor &tensor, int64_t dim,
                                int64_t level) {
  return at::functorch::addBatchDim(tensor, dim, level);
}

/// The outermost batching of a tensor: the wrapped value, the batch
/// dimension within it and the level it belongs to.
struct BatchedView {
  at::Tensor value;
  int64_t bdim;
  int64_t level;
};

/// The outermost batching of \p tensor, or nothing for a plain tensor.
inline std::optional<BatchedView> outermost_batching(const at::Tensor &tensor) {
  const auto *batched = at::functorch::maybeGetBatchedImpl(tensor);
  if (!batched)
    return std::nullopt;
  return BatchedView{batched->value(), batched->bdim(), batched->level()};
}

} // namespace vmap_tidy::compat

#endif // VMAP_TIDY_FUNCTORCHCOMPAT_H
