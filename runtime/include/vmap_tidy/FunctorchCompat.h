//===--- FunctorchCompat.h - at::functorch across LibTorch versions -------===//
//
// The only place the runtime touches at::functorch. LibTorch ships no public
// C++ vmap; these are the internal entry points that torch.func.vmap calls
// through torch._C._functorch (_vmap_increment_nesting, _add_batch_dim,
// _remove_batch_dim, _vmap_decrement_nesting).
//
// What differs between the LibTorch versions it is built with (1.13.1,
// Debian's, and 2.15.0, the pip wheel; both built and tested):
//
//  * initAndPushDynamicLayer's batch size is `optional<int64_t>` in 1.13 and
//    `optional<c10::SymInt>` in 2.15, which also has more trailing defaulted
//    arguments (prev_inference_mode). The batch size is passed as an
//    int64_t, which converts implicitly to both (SymInt's constructor from
//    int64_t is implicit), and only the first three arguments are passed,
//    so one call compiles against either signature.
//  * RandomnessType is a plain enum in 1.13 and a scoped one later; it is
//    always named as `RandomnessType::X`, which compiles with both.
//  * c10::optional is its own type in 1.13 and std::optional from 2.3 on;
//    nothing here names it, only std::optional of the runtime's own values.
//  * From 2.10, <ATen/functorch/Interpreter.h> includes <nlohmann/json.hpp>,
//    which the wheels do not ship; the build supplies a stand-in (see
//    runtime/cmake/VmapTidyFindTorch.cmake), so only the runtime's own
//    sources include this header.
//  * 2.x leaves functorch out of its stable-ABI modes (TORCH_STABLE_ONLY,
//    TORCH_TARGET_VERSION); the runtime needs it, and says so below.
//  * LibTorch 2.15's TorchConfig requires C++20 of what links it, 1.13's
//    C++14; the runtime is C++17 and compiles as either.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_FUNCTORCHCOMPAT_H
#define VMAP_TIDY_FUNCTORCHCOMPAT_H

#include <torch/version.h>

/// True when the LibTorch being compiled against is at least MAJOR.MINOR.
#define VMAP_TIDY_TORCH_AT_LEAST(MAJOR, MINOR)                                 \
  (TORCH_VERSION_MAJOR > (MAJOR) ||                                            \
   (TORCH_VERSION_MAJOR == (MAJOR) && TORCH_VERSION_MINOR >= (MINOR)))

#if !VMAP_TIDY_TORCH_AT_LEAST(1, 13)
#error "vmap_tidy needs LibTorch 1.13 or later (ATen/functorch)"
#endif
#if defined(TORCH_STABLE_ONLY) || defined(TORCH_TARGET_VERSION)
#error "vmap_tidy needs at::functorch, outside LibTorch's stable ABI"
#endif

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace vmap_tidy::compat {

using RandomnessType = at::functorch::RandomnessType;

/// Pushes a vmap level for \p batch_size members and returns its level id.
inline int64_t push_vmap_level(int64_t batch_size, RandomnessType randomness) {
  // optional<int64_t> (1.13) or optional<c10::SymInt> (2.15), both from
  // the int64_t.
  return at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, batch_size, randomness);
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
