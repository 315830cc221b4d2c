//===--- VmapRandomness.h - The randomness a vmap runs with ---------------===//
//
// vmap's `randomness` (functorch's RandomnessType) is an argument of the
// vmap call, or of `initAndPushDynamicLayer` for a raw functorch region: an
// argument whose type is an enum named `Randomness` or `RandomnessType`.
// A constant enumerator named error, same or different (any case) gives
// that mode; anything else of that type (or an `optional` of it that is not
// built from a constant) gives Unknown. Default arguments count as written.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPRANDOMNESS_H
#define VMAP_TIDY_CHECKER_VMAPRANDOMNESS_H

#include "checker/VmapGraph.h"
#include "clang/AST/Expr.h"
#include <optional>

namespace clang::tidy::vmap {

/// The randomness argument of \p Call; nullopt when it has none.
std::optional<RandomnessMode> randomnessArgument(const CallExpr *Call,
                                                 const ASTContext &Context);

/// The randomness of a call of the vmap-like \p Callee: its argument, else
/// Error for the runtime's `vmap_tidy::vmap` (functorch's default), else
/// Unknown.
RandomnessMode vmapCallRandomness(const CallExpr *Call,
                                  const FunctionDecl *Callee,
                                  const ASTContext &Context);

/// The randomness of the region \p Push (`initAndPushDynamicLayer`) starts:
/// its argument, else Error (functorch's default).
RandomnessMode regionRandomness(const CallExpr *Push,
                                const ASTContext &Context);

} // namespace clang::tidy::vmap

#endif
