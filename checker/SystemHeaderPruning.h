//===--- SystemHeaderPruning.h - Skip system headers when matching
//---------===//
//
// A LibTorch translation unit is ~99% system-header declarations; walking
// them (and deserialising them from a precompiled header) dominates a
// clang-tidy run, yet no check reports there unless --system-headers is on.
// When the matcher reaches the translation unit, before it descends, this
// narrows the AST's traversal scope to the top-level declarations outside
// system headers. Declarations reached through those (callees, types) stay
// fully available; only the walk over system-header bodies is skipped.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_SYSTEMHEADERPRUNING_H
#define VMAP_TIDY_CHECKER_SYSTEMHEADERPRUNING_H

#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy {
class ClangTidyContext;
namespace vmap {

/// Registers the translation-unit matcher that triggers pruning.
void registerSystemHeaderPruning(ast_matchers::MatchFinder *Finder,
                                 ast_matchers::MatchFinder::MatchCallback *CB);

/// Call from the check's `check()`; returns true when \p Result was the
/// pruning trigger (and has been handled).
bool handleSystemHeaderPruning(
    const ast_matchers::MatchFinder::MatchResult &Result,
    const ClangTidyContext &Context);

} // namespace vmap
} // namespace clang::tidy

#endif
