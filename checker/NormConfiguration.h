//===--- NormConfiguration.h - What a norm module is built with -----------===//
//
// Reads the configuration a norm module is constructed with from the
// arguments as written: the channel count and the `eps`, `affine` and
// `momentum` setters of an inline options chain, or of the initialiser of a
// local options variable. The GroupNorm fix keeps `eps` and `affine`, and the
// fix data for the verifier reports all of it.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_NORMCONFIGURATION_H
#define VMAP_TIDY_CHECKER_NORMCONFIGURATION_H

#include "checker/NormModuleKind.h"
#include "clang/AST/ASTContext.h"
#include <optional>

namespace clang::tidy::vmap {

struct NormConfiguration {
  /// The channel count as written, and its value when it is a constant.
  const Expr *ChannelsExpr = nullptr;
  std::optional<int64_t> Channels;
  /// The arguments of the setters, when called; null otherwise.
  const Expr *Eps = nullptr;
  const Expr *Affine = nullptr;
  const Expr *Momentum = nullptr;
};

/// The configuration of a norm module constructed from \p Args.
NormConfiguration readNormConfiguration(llvm::ArrayRef<const Expr *> Args,
                                        ASTContext &Context);

/// The number of groups the GroupNorm fix uses for \p Channels channels: the
/// largest divisor of \p Channels that is at most \p MaxGroups. With
/// \p PerFeature (BatchNorm1d over features), groups must hold at least two
/// channels, since a group of one is normalised to zero. None when no such
/// divisor exists. The runtime's vmap_tidy::group_norm_groups is the same rule.
std::optional<int64_t> groupNormGroups(int64_t Channels, int64_t MaxGroups,
                                       bool PerFeature);

} // namespace clang::tidy::vmap

#endif
