//===--- NormModules.h - LibTorch's norm modules with running stats -------===//
//
// The modules whose running statistics break vmap in training mode:
// BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d (the subclasses of
// torch::nn::NormImplBase), recognised by their implementation class, so a
// user class derived from BatchNorm2dImpl counts as a BatchNorm2d.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_NORMMODULES_H
#define VMAP_TIDY_NORMMODULES_H

#include <optional>
#include <string>
#include <string_view>

namespace torch::nn {
class Module;
} // namespace torch::nn

namespace vmap_tidy {

enum class NormKind {
  BatchNorm1d,
  BatchNorm2d,
  BatchNorm3d,
  InstanceNorm1d,
  InstanceNorm2d,
  InstanceNorm3d,
};

/// The module name as LibTorch spells it, e.g. "BatchNorm2d".
std::string_view norm_kind_name(NormKind kind);

/// The kind named \p name ("BatchNorm2d"), or nothing.
std::optional<NormKind> parse_norm_kind(std::string_view name);

/// 1, 2 or 3: the spatial rank the module expects after [N, C].
int norm_kind_dims(NormKind kind);

bool is_instance_norm(NormKind kind);

/// The kind of \p module, or nothing when it is not one of the norm modules.
std::optional<NormKind> classify_norm_module(const torch::nn::Module &module);

} // namespace vmap_tidy

#endif // VMAP_TIDY_NORMMODULES_H
