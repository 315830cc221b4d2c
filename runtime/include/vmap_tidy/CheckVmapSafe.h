//===--- CheckVmapSafe.h - Does a module run under vmap? ------------------===//
//
// Runs a module once under vmap, in whatever mode it is in, and says whether
// that worked and, when it did not, which norm module is to blame:
//
//   vmap_tidy::VmapCheck check =
//       vmap_tidy::check_vmap_safe(net, torch::randn({8, 3, 32, 32}));
//   if (!check.ok)
//     std::cerr << check.failing_module << ": " << check.error << "\n";
//
// The batch is `batch_size` distinct copies of the example input (member i
// is example * (1 + i/10) + i/20), so per-member statistics differ. The
// check never throws: argument errors and every exception the forward pass
// raises are reported in the result. It leaves the module as it found it:
// every buffer is restored afterwards (a failing BatchNorm has already
// incremented num_batches_tracked when functorch rejects it).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKVMAPSAFE_H
#define VMAP_TIDY_CHECKVMAPSAFE_H

#include "vmap_tidy/VmapLevel.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <string>

namespace torch::nn {
class Module;
} // namespace torch::nn

namespace vmap_tidy {

struct VmapCheck {
  /// The module ran under vmap.
  bool ok = true;
  /// The qualified name (as named_modules() spells it; empty for the root)
  /// of the first norm module, in named_modules() order, that fails under
  /// vmap on its own. Empty when the failure was not traced to one.
  std::string failing_module;
  /// That module's kind ("BatchNorm2d"); empty when none was found, which
  /// tells a failing root module apart from an unknown culprit.
  std::string failing_kind;
  /// What the vmapped forward pass threw, without the C++ backtrace.
  std::string error;
};

/// Runs \p forward (the forward pass of \p module) under vmap over a batch
/// of \p batch_size copies of \p example_input; see the file comment.
VmapCheck
check_vmap_safe(torch::nn::Module &module,
                const std::function<at::Tensor(const at::Tensor &)> &forward,
                const at::Tensor &example_input, int64_t batch_size = 4,
                Randomness randomness = Randomness::Error);

/// The same for a module holder (torch::nn::Sequential, a TORCH_MODULE
/// type) or a shared_ptr to a module, whose forward takes one tensor.
template <typename ModulePointer>
VmapCheck check_vmap_safe(ModulePointer module, const at::Tensor &example_input,
                          int64_t batch_size = 4,
                          Randomness randomness = Randomness::Error) {
  // Taken by value: both pointer kinds are cheap to copy, and a const one
  // would only hand out a const module, whose forward() cannot be called.
  auto forward = [&](const at::Tensor &x) -> at::Tensor {
    return module->forward(x);
  };
  return check_vmap_safe(*module, forward, example_input, batch_size,
                         randomness);
}

} // namespace vmap_tidy

#endif // VMAP_TIDY_CHECKVMAPSAFE_H
