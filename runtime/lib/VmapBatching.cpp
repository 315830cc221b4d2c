//===--- VmapBatching.cpp - Wrapping and unwrapping vmap's tensors --------===//
//
// The non-template half of vmap: checking in_dims/out_dims, wrapping the
// arguments for a level and unwrapping the outputs, as torch.func's
// _create_batched_inputs and _unwrap_batched do.
//
//===----------------------------------------------------------------------===//

#include "vmap_tidy/FunctorchCompat.h"
#include "vmap_tidy/Vmap.h"

#include <stdexcept>
#include <string>

namespace vmap_tidy::detail {

namespace {

[[noreturn]] void fail(const std::string &message) {
  throw std::invalid_argument("vmap: " + message);
}

/// \p dim wrapped into [0, rank), as PyTorch reads negative dimensions.
std::optional<int64_t> wrap_dim(int64_t dim, int64_t rank) {
  int64_t wrapped = dim < 0 ? dim + rank : dim;
  if (wrapped < 0 || wrapped >= rank)
    return std::nullopt;
  return wrapped;
}

} // namespace

InDims expand_in_dims(const InDims &in_dims, std::size_t arguments) {
  if (in_dims.size() == arguments)
    return in_dims;
  if (in_dims.size() == 1)
    return InDims(arguments, in_dims.front());
  fail("in_dims has " + std::to_string(in_dims.size()) +
       " entries but the function got " + std::to_string(arguments) +
       " arguments");
}

int64_t batch_size_of(const std::vector<at::Tensor> &arguments,
                      const InDims &in_dims) {
  std::optional<int64_t> batch_size;
  std::size_t first_batched = 0;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (!in_dims[i])
      continue;
    const at::Tensor &argument = arguments[i];
    if (!argument.defined())
      fail("argument " + std::to_string(i) + " is an undefined tensor");
    std::optional<int64_t> dim = wrap_dim(*in_dims[i], argument.dim());
    if (!dim)
      fail("in_dim " + std::to_string(*in_dims[i]) +
           " is out of range for argument " + std::to_string(i) + " of rank " +
           std::to_string(argument.dim()));
    int64_t size = argument.size(*dim);
    if (!batch_size) {
      batch_size = size;
      first_batched = i;
    } else if (size != *batch_size) {
      fail("argument " + std::to_string(i) + " has size " +
           std::to_string(size) + " along its in_dim but argument " +
           std::to_string(first_batched) + " has size " +
           std::to_string(*batch_size));
    }
  }
  if (!batch_size)
    fail("no argument is batched: every in_dims entry is std::nullopt");
  if (*batch_size == 0)
    fail("cannot vmap over a batch of size 0");
  return *batch_size;
}

std::vector<at::Tensor> add_batch_dims(const std::vector<at::Tensor> &arguments,
                                       const InDims &in_dims, int64_t level) {
  std::vector<at::Tensor> batched;
  batched.reserve(arguments.size());
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (!in_dims[i]) {
      batched.push_back(arguments[i]);
      continue;
    }
    int64_t dim = *wrap_dim(*in_dims[i], arguments[i].dim());
    batched.push_back(compat::add_batch_dim(arguments[i], dim, level));
  }
  return batched;
}

int64_t out_dim_for(const OutDims &out_dims, std::size_t index,
                    std::size_t outputs) {
  if (out_dims.size() == outputs)
    return out_dims[index];
  if (out_dims.size() == 1)
    return out_dims.front();
  fail("out_dims has " + std::to_string(out_dims.size()) +
       " entries but the function returned " + std::to_string(outputs) +
       " outputs");
}

at::Tensor remove_batch_dim(const at::Tensor &output, const VmapLevel &level,
                            int64_t out_dim) {
  if (!output.defined())
    fail("the function returned an undefined tensor");
  // Levels nest with the innermost outermost, so a tensor batched at this
  // level has it as its outermost wrapper.
  std::optional<compat::BatchedView> batching =
      compat::outermost_batching(output);
  bool batched_here = batching && batching->level == level.level();
  // The result has one dimension more than the member's output.
  int64_t result_rank = output.dim() + 1;
  std::optional<int64_t> dim = wrap_dim(out_dim, result_rank);
  if (!dim)
    fail("out_dim " + std::to_string(out_dim) +
         " is out of range for an output of rank " +
         std::to_string(result_rank));
  if (batched_here)
    return batching->value.movedim(batching->bdim, *dim);
  // Every member computed the same value.
  std::vector<int64_t> sizes = output.sizes().vec();
  sizes.insert(sizes.begin() + *dim, level.batch_size());
  return output.unsqueeze(*dim).expand(sizes);
}

} // namespace vmap_tidy::detail
