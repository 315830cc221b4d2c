//===--- FunctionalOptions.h - Arguments of LibTorch's functional calls ---===//
//
// What the rules about functional calls (`torch::batch_norm`,
// `F::batch_norm`, `F::dropout`, ...) need to know about an argument: the
// value a setter of an options object was given (`F::BatchNormFuncOptions()
// .training(true)`), whether a boolean flag is true, false, the module's own
// training mode (`is_training()`) or unknown, and whether a tensor argument
// is an undefined tensor (`{}`, `torch::Tensor()`).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_FUNCTIONALOPTIONS_H
#define VMAP_TIDY_CHECKER_FUNCTIONALOPTIONS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::vmap {

/// The argument given to setter \p Setter of the options object \p Options:
/// along a chain of setters on a temporary (`Opts().a(1).b(2)`), or the
/// initialiser of a local options variable that no later statement sets
/// again. Sets \p Unknown (and returns null) when the options come from
/// somewhere the search cannot follow; null without \p Unknown means the
/// setter is not called and its default applies.
const Expr *findOptionSetter(const Expr *Options, llvm::StringRef Setter,
                             ASTContext &Context, bool &Unknown);

/// What a boolean flag argument is at compile time.
enum class FlagValue {
  True,
  False,
  /// The module's own mode: `is_training()` (of `this` or another module).
  ModuleTrainingMode,
  Unknown,
};
FlagValue classifyFlag(const Expr *Flag, ASTContext &Context);

/// \p E without what passing it adds: implicit nodes, parentheses, copies,
/// default arguments, the conversion to an optional.
const Expr *ignoringArgumentWrappers(const Expr *E);

/// True for an undefined tensor: `{}`, `torch::Tensor()`, `at::Tensor{}`,
/// `c10::nullopt`/`std::nullopt` for an optional tensor.
bool isUndefinedTensor(const Expr *E);

} // namespace clang::tidy::vmap

#endif
