//===--- LibraryCodePruning.cpp - Skip library code when matching ---------===//

#include "checker/LibraryCodePruning.h"
#include "checker/CodeOwnership.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;

static constexpr llvm::StringLiteral TranslationUnitID = "vmap-pruning-tu";

void registerLibraryCodePruning(MatchFinder *Finder,
                                MatchFinder::MatchCallback *CB) {
  Finder->addMatcher(translationUnitDecl().bind(TranslationUnitID), CB);
}

bool handleLibraryCodePruning(const MatchFinder::MatchResult &Result,
                              const ClangTidyContext &Context) {
  const auto *TU =
      Result.Nodes.getNodeAs<TranslationUnitDecl>(TranslationUnitID);
  if (!TU)
    return false;
  ASTContext &AST = *Result.Context;
  // With --system-headers other enabled checks may report there; and when
  // another check (or a second vmap rule) already pruned, leave it.
  std::optional<bool> SystemHeaders = Context.getOptions().SystemHeaders;
  std::vector<Decl *> Scope = AST.getTraversalScope();
  if ((SystemHeaders && *SystemHeaders) || Scope.size() != 1 ||
      Scope.front() != TU)
    return true;
  const SourceManager &SM = AST.getSourceManager();
  std::vector<Decl *> UserDecls;
  for (Decl *D : TU->decls()) {
    if (isLibraryCode(SM, D->getLocation()))
      continue;
    UserDecls.push_back(D);
  }
  AST.setTraversalScope(UserDecls);
  return true;
}

} // namespace clang::tidy::vmap
