//===--- ReplaceBatchNorm.cpp - Drop running stats from a module tree -----===//

#include "vmap_tidy/ReplaceBatchNorm.h"
#include "ModuleBuffers.h"
#include "NormModuleVisitor.h"

namespace vmap_tidy {

namespace {

/// Turns running statistics off in \p norm; false when they were off.
template <typename NormImpl> bool drop_running_stats(NormImpl &norm) {
  // A module whose option was flipped after construction still holds its
  // statistics, and still fails under vmap: count it too.
  bool had_stats = norm.options.track_running_stats() ||
                   norm.running_mean.defined() || norm.running_var.defined() ||
                   norm.num_batches_tracked.defined();
  if (!had_stats)
    return false;
  for (const char *name :
       {"running_mean", "running_var", "num_batches_tracked"})
    detail::clear_registered_buffer(norm, name);
  norm.running_mean = torch::Tensor();
  norm.running_var = torch::Tensor();
  norm.num_batches_tracked = torch::Tensor();
  norm.options.track_running_stats(false);
  return true;
}

void replace_in(torch::nn::Module &module, const std::string &name,
                std::vector<ReplacedNormModule> &replaced) {
  detail::visit_norm_module(module, [&](auto &norm, NormKind kind) {
    if (drop_running_stats(norm))
      replaced.push_back({name, kind});
  });
}

} // namespace

std::vector<ReplacedNormModule>
replace_all_batch_norm_modules_(torch::nn::Module &root) {
  std::vector<ReplacedNormModule> replaced;
  // named_modules() with the root included needs the root in a shared_ptr;
  // the descendants alone do not.
  replace_in(root, "", replaced);
  for (const auto &item : root.named_modules(/*name_prefix=*/"",
                                             /*include_self=*/false))
    replace_in(*item.value(), item.key(), replaced);
  return replaced;
}

} // namespace vmap_tidy
