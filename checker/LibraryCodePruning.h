//===--- LibraryCodePruning.h - Skip library code when matching -----------===//
//
// A LibTorch translation unit is ~99% library declarations (LibTorch's and
// the standard library's, see CodeOwnership.h); walking them (and
// deserialising them from a precompiled header) dominates a clang-tidy run,
// yet no vmap check reports there. When the matcher reaches the translation
// unit, before it descends, this narrows the AST's traversal scope to the
// top-level declarations in the user's code, whether LibTorch came through
// -I or -isystem. Declarations reached through those (callees, types) stay
// fully available; only the walk over library bodies is skipped.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LIBRARYCODEPRUNING_H
#define VMAP_TIDY_CHECKER_LIBRARYCODEPRUNING_H

#include "checker/CodeOwnership.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy {
class ClangTidyContext;
namespace vmap {

namespace matchers {
/// Library code, wherever it is included from (CodeOwnership.h): pruning
/// skips library declarations, but user code can still expand library
/// macros.
AST_MATCHER(Stmt, isExpansionInLibraryCode) {
  return isLibraryCode(Finder->getASTContext().getSourceManager(),
                       Node.getBeginLoc());
}
} // namespace matchers

/// Registers the translation-unit matcher that triggers pruning.
void registerLibraryCodePruning(ast_matchers::MatchFinder *Finder,
                                ast_matchers::MatchFinder::MatchCallback *CB);

/// Call from the check's `check()`; returns true when \p Result was the
/// pruning trigger (and has been handled).
bool handleLibraryCodePruning(
    const ast_matchers::MatchFinder::MatchResult &Result,
    const ClangTidyContext &Context);

} // namespace vmap
} // namespace clang::tidy

#endif
