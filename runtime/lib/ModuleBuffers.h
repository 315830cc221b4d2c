//===--- ModuleBuffers.h - Unregister a module's buffer in place ----------===//
//
// LibTorch 1.13 and 2.x have no unregister_buffer, and register_buffer()
// throws for a name that exists. A norm module keeps each running statistic
// twice: in its member (running_mean, ...), which forward() reads, and in the
// Module's private buffer table, which named_buffers(), to(), clone() and
// serialisation read. Making the member undefined is enough for forward(),
// but clone() then fails ("incompatible tensor type") and to()/save() still
// see the stale statistics. This sets the table entry itself to an
// undefined tensor, the state a module constructed with
// track_running_stats(false) is in.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_LIB_MODULEBUFFERS_H
#define VMAP_TIDY_LIB_MODULEBUFFERS_H

#include <torch/nn/module.h>

#include <string>

namespace vmap_tidy::detail {

/// Sets \p module's own buffer \p name (not a descendant's) to an undefined
/// tensor. Returns false when no buffer of that name is registered.
bool clear_registered_buffer(torch::nn::Module &module,
                             const std::string &name);

} // namespace vmap_tidy::detail

#endif // VMAP_TIDY_LIB_MODULEBUFFERS_H
