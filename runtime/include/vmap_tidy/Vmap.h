//===--- Vmap.h - torch.func.vmap for LibTorch C++ ------------------------===//
//
// vmap(fn, in_dims, out_dims, randomness) returns a function that runs `fn`
// once over a whole batch, as if it ran once per member: each argument is
// wrapped as a functorch BatchedTensor for a fresh vmap level, `fn` sees the
// per-member (logical) shapes, and each output is unwrapped with its batch
// dimension moved to `out_dims`. It mirrors torch.func.vmap:
//
//   auto f = vmap_tidy::vmap([&](const torch::Tensor &x) { return net(x); });
//   torch::Tensor y = f(inputs);                  // inputs: [B, N, ...]
//
//   // Several arguments; the weight is shared by every member.
//   auto g = vmap_tidy::vmap(
//       [](const torch::Tensor &x, const torch::Tensor &w) { return x * w; },
//       {0, std::nullopt});
//
// Arguments are tensors (passed separately) or a single
// std::vector<torch::Tensor>; outputs are a tensor, a std::vector of tensors
// or a std::tuple of tensors. An output that does not depend on the batched
// arguments is expanded (a view, as torch.func does) to the batch size.
// Nested calls build nested levels.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VMAP_H
#define VMAP_TIDY_VMAP_H

#include "vmap_tidy/VmapLevel.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace vmap_tidy {

/// Per argument, the dimension that holds the batch, or std::nullopt for an
/// argument every member shares. A single entry applies to every argument.
using InDims = std::vector<std::optional<int64_t>>;

/// Per output, where its batch dimension goes (negative counts from the
/// end). A single entry applies to every output.
using OutDims = std::vector<int64_t>;

namespace detail {

// The non-template half of vmap, in VmapBatching.cpp. Errors in the
// arguments throw std::invalid_argument with a message starting "vmap: ".

/// \p in_dims with one entry per argument.
InDims expand_in_dims(const InDims &in_dims, std::size_t arguments);

/// The batch size shared by every batched argument.
int64_t batch_size_of(const std::vector<at::Tensor> &arguments,
                      const InDims &in_dims);

/// The arguments as the vmapped function sees them at \p level.
std::vector<at::Tensor> add_batch_dims(const std::vector<at::Tensor> &arguments,
                                       const InDims &in_dims, int64_t level);

/// Where output \p index of \p outputs puts its batch dimension.
int64_t out_dim_for(const OutDims &out_dims, std::size_t index,
                    std::size_t outputs);

/// The physical tensor behind \p output with the batch of \p level at
/// \p out_dim, expanded when \p output is not batched at that level.
at::Tensor remove_batch_dim(const at::Tensor &output, const VmapLevel &level,
                            int64_t out_dim);

template <typename Result> struct Unbatch {
  static_assert(sizeof(Result) == 0,
                "vmap: the function must return a Tensor, a std::vector of "
                "Tensors or a std::tuple of Tensors");
};

template <> struct Unbatch<at::Tensor> {
  static at::Tensor apply(const at::Tensor &output, const VmapLevel &level,
                          const OutDims &out_dims) {
    return remove_batch_dim(output, level, out_dim_for(out_dims, 0, 1));
  }
};

template <> struct Unbatch<std::vector<at::Tensor>> {
  static std::vector<at::Tensor> apply(const std::vector<at::Tensor> &outputs,
                                       const VmapLevel &level,
                                       const OutDims &out_dims) {
    std::vector<at::Tensor> result;
    result.reserve(outputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i)
      result.push_back(remove_batch_dim(
          outputs[i], level, out_dim_for(out_dims, i, outputs.size())));
    return result;
  }
};

template <typename... Elements> struct Unbatch<std::tuple<Elements...>> {
  static_assert((std::is_same_v<Elements, at::Tensor> && ...),
                "vmap: every element of a returned tuple must be a Tensor");

  static std::tuple<Elements...> apply(const std::tuple<Elements...> &outputs,
                                       const VmapLevel &level,
                                       const OutDims &out_dims) {
    return apply(outputs, level, out_dims,
                 std::index_sequence_for<Elements...>{});
  }

private:
  template <std::size_t... I>
  static std::tuple<Elements...>
  apply(const std::tuple<Elements...> &outputs, const VmapLevel &level,
        const OutDims &out_dims, std::index_sequence<I...>) {
    return std::tuple<Elements...>(
        remove_batch_dim(std::get<I>(outputs), level,
                         out_dim_for(out_dims, I, sizeof...(Elements)))...);
  }
};

template <typename T>
using RemoveCVRef = std::remove_cv_t<std::remove_reference_t<T>>;

} // namespace detail

/// The function vmap returns: calls the wrapped function once over a batch.
template <typename Fn> class BatchedFunction {
public:
  BatchedFunction(Fn fn, InDims in_dims, OutDims out_dims,
                  Randomness randomness)
      : fn_(std::move(fn)), in_dims_(std::move(in_dims)),
        out_dims_(std::move(out_dims)), randomness_(randomness) {}

  /// Runs the function over tensors passed separately, or over the elements
  /// of one std::vector<Tensor> (the function then takes that vector).
  template <typename... Args> auto operator()(Args &&...args) const {
    if constexpr (sizeof...(Args) == 1 &&
                  (std::is_same_v<detail::RemoveCVRef<Args>,
                                  std::vector<at::Tensor>> &&
                   ...)) {
      return call_with_vector(args...);
    } else {
      static_assert(sizeof...(Args) > 0, "vmap: the function needs an input");
      static_assert(
          (std::is_convertible_v<Args, const at::Tensor &> && ...),
          "vmap: pass Tensors, or a single std::vector<Tensor>; arguments "
          "that are not tensors belong in the function's captures");
      return call_with_tensors(std::index_sequence_for<Args...>{}, args...);
    }
  }

private:
  template <std::size_t... I, typename... Args>
  auto call_with_tensors(std::index_sequence<I...>, const Args &...args) const {
    std::vector<at::Tensor> arguments{at::Tensor(args)...};
    InDims dims = detail::expand_in_dims(in_dims_, arguments.size());
    VmapLevel level(detail::batch_size_of(arguments, dims), randomness_);
    std::vector<at::Tensor> batched =
        detail::add_batch_dims(arguments, dims, level.level());
    // Unwrap before the level is popped, as torch.func does: the outputs
    // still carry it.
    auto outputs = std::invoke(fn_, batched[I]...);
    return detail::Unbatch<detail::RemoveCVRef<decltype(outputs)>>::apply(
        outputs, level, out_dims_);
  }

  auto call_with_vector(const std::vector<at::Tensor> &arguments) const {
    InDims dims = detail::expand_in_dims(in_dims_, arguments.size());
    VmapLevel level(detail::batch_size_of(arguments, dims), randomness_);
    std::vector<at::Tensor> batched =
        detail::add_batch_dims(arguments, dims, level.level());
    auto outputs = std::invoke(fn_, batched);
    return detail::Unbatch<detail::RemoveCVRef<decltype(outputs)>>::apply(
        outputs, level, out_dims_);
  }

  Fn fn_;
  InDims in_dims_;
  OutDims out_dims_;
  Randomness randomness_;
};

/// Vectorises \p fn over a batch dimension of its tensor arguments; see the
/// file comment. \p fn is called once, as a const callable.
template <typename Fn>
BatchedFunction<std::decay_t<Fn>>
vmap(Fn &&fn, InDims in_dims = {0}, OutDims out_dims = {0},
     Randomness randomness = Randomness::Error) {
  return BatchedFunction<std::decay_t<Fn>>(std::forward<Fn>(fn),
                                           std::move(in_dims),
                                           std::move(out_dims), randomness);
}

} // namespace vmap_tidy

#endif // VMAP_TIDY_VMAP_H
