//===--- ReplaceBatchNorm.h - Drop running stats from a module tree -------===//
//
// The C++ counterpart of torch.func.replace_all_batch_norm_modules_: every
// norm module in a tree stops keeping running statistics, so the tree runs
// under vmap in training mode, normalising each member with its own batch
// statistics. In eval mode such modules also use batch statistics, as
// modules built with track_running_stats(false) do.
//
// Setting `options.track_running_stats(false)` alone does not do this:
// forward() passes running_mean/running_var to batch_norm whenever they are
// defined, and they stay defined. This clears them, member and registered
// buffer, so the module is indistinguishable from one constructed with
// track_running_stats(false): clone(), to() and named_buffers() agree.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_REPLACEBATCHNORM_H
#define VMAP_TIDY_REPLACEBATCHNORM_H

#include "vmap_tidy/NormModules.h"

#include <string>
#include <vector>

namespace torch::nn {
class Module;
} // namespace torch::nn

namespace vmap_tidy {

/// A norm module replace_all_batch_norm_modules_ changed.
struct ReplacedNormModule {
  /// Its qualified name as Module::named_modules() spells it ("features.1");
  /// empty for the root.
  std::string name;
  NormKind kind;
};

/// Makes every BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d in \p root's tree,
/// \p root included, stop tracking running statistics: running_mean,
/// running_var and num_batches_tracked become undefined (members and
/// registered buffers) and options.track_running_stats becomes false. Learned
/// weight and bias are kept (same tensors). Returns the modules changed, in
/// named_modules() order; modules that had no running statistics are left
/// alone and not listed. \p root need not be owned by a shared_ptr.
std::vector<ReplacedNormModule>
replace_all_batch_norm_modules_(torch::nn::Module &root);

} // namespace vmap_tidy

#endif // VMAP_TIDY_REPLACEBATCHNORM_H
