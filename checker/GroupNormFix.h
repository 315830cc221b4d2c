//===--- GroupNormFix.h - Replace a norm module with GroupNorm ------------===//
//
// The `group-norm` fix: `BatchNorm2d(BatchNorm2dOptions(64).eps(1e-3))`
// becomes `torch::nn::GroupNorm(torch::nn::GroupNormOptions(32, 64)
// .eps(1e-3))`, keeping eps and affine, and the declared type of the member
// or variable that holds it changes to `torch::nn::GroupNorm`. An
// InstanceNorm becomes GroupNorm(C, C), which is the same normalisation.
//
// The fix is refused, with the reason, when it cannot be right: the channel
// count is not a compile-time constant, no group count divides it (or, for
// BatchNorm1d, every grouping leaves one channel per group, which GroupNorm
// normalises to zero), the module is used through BatchNorm-only API
// (`running_mean`, `reset_running_stats`, `options`...), it is built as an
// implementation object or returned from a function whose type would have
// to change, or the edit would land in a macro.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_GROUPNORMFIX_H
#define VMAP_TIDY_CHECKER_GROUPNORMFIX_H

#include "checker/NormConfiguration.h"
#include "checker/NormConstructionMatchers.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <string>

namespace clang::tidy::vmap {

struct GroupNormFix {
  /// The edits; empty when refused.
  llvm::SmallVector<FixItHint, 3> Hints;
  /// Why the fix is not offered; empty when it is.
  std::string Refusal;
  /// The groups and channels chosen, when known.
  std::optional<int64_t> Groups;
  /// What the module becomes, for messages: "GroupNorm(8, 64)".
  std::string Replacement;
};

/// Finds, once per translation unit, the uses of BatchNorm-only API
/// (`running_mean`, `running_var`, `num_batches_tracked`,
/// `reset_running_stats`, `options`, `as<BatchNormNd>()`) per stored module.
class NormOnlyApiUses {
public:
  explicit NormOnlyApiUses(ASTContext &Context);
  /// The first such use on the module stored in \p Storage, or null.
  const Expr *firstUse(const ValueDecl *Storage) const;

private:
  llvm::DenseMap<const ValueDecl *, const Expr *> Uses;
};

GroupNormFix buildGroupNormFix(const NormConstruction &Construction,
                               const NormConfiguration &Config,
                               int64_t MaxGroups, const NormOnlyApiUses &Api,
                               ASTContext &Context);

} // namespace clang::tidy::vmap

#endif
