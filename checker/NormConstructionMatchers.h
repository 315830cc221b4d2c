//===--- NormConstructionMatchers.h - Where norm modules are constructed --===//
//
// Finds every expression that creates a LibTorch norm module: a holder
// (`BatchNorm2d(8)`, `BatchNorm2d bn{opts}`), an implementation object
// (`BatchNorm2dImpl(8)`, a `BatchNorm2dImpl` member), `new`, and the standard
// factories (`std::make_shared<BatchNorm3dImpl>(...)`). Wrapping an existing
// module (`BatchNorm2d(nullptr)`, `BatchNorm2d(shared_ptr)`, copies) is not a
// construction. Also finds the setting of `track_running_stats` on a module's
// `options` member after construction, which has no effect.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_NORMCONSTRUCTIONMATCHERS_H
#define VMAP_TIDY_CHECKER_NORMCONSTRUCTIONMATCHERS_H

#include "checker/NormModuleKind.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::vmap {

/// The node the construction matcher binds.
inline constexpr llvm::StringLiteral NormConstructionID = "norm-construction";
/// The node the late-setting matcher binds.
inline constexpr llvm::StringLiteral LateSettingID = "late-setting";

struct NormConstruction {
  /// The whole construction expression; diagnostics point at it.
  const Expr *Site;
  /// The arguments forwarded to the implementation's constructor.
  llvm::SmallVector<const Expr *, 2> Args;
  NormModuleKind Kind;
};

/// A module built at Site: its class (a holder or an implementation) and
/// the arguments written for its constructor.
struct ModuleConstruction {
  const Expr *Site;
  const CXXRecordDecl *Record;
  llvm::SmallVector<const Expr *, 2> Args;
};

/// Matches every expression that builds a module of a class \p ModuleClass
/// matches (holder, implementation, new, factories, emplace), outside
/// library code; decode it with getModuleConstruction(). Wrapping an
/// existing module in a holder matches too: the caller tells them apart.
ast_matchers::StatementMatcher moduleConstructionMatcher(
    ast_matchers::internal::Matcher<CXXRecordDecl> ModuleClass);
std::optional<ModuleConstruction> getModuleConstruction(const Expr *Matched);

/// Matches norm-module constructions outside library code, bound to
/// NormConstructionID; decode them with getNormConstruction().
ast_matchers::StatementMatcher normConstructionMatcher();
std::optional<NormConstruction> getNormConstruction(const Expr *Matched);

/// Matches candidate `track_running_stats` settings bound to LateSettingID;
/// getLateSetting() keeps those applied to an existing module's `options`.
ast_matchers::StatementMatcher lateSettingMatcher();

struct LateSetting {
  const Expr *Site;
  /// The value assigned to track_running_stats, or null when the whole
  /// options object is replaced.
  const Expr *Value;
  /// The replacement options object, or null.
  const Expr *NewOptions;
  NormModuleKind Kind;
  /// The module whose options are changed (`bn` in `bn->options...`).
  const Expr *Module;
};
std::optional<LateSetting> getLateSetting(const Stmt *Matched);

} // namespace clang::tidy::vmap

#endif
