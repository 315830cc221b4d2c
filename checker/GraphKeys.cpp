//===--- GraphKeys.cpp - How the vmap graph names declarations and places -===//

#include "checker/GraphKeys.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::vmap {

GraphSite graphSite(const SourceManager &SM, SourceLocation Loc) {
  SourceLocation Expansion = SM.getExpansionLoc(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Expansion));
  if (!File)
    return {};
  // One spelling per file, whichever way each translation unit included
  // it, so that summaries of different files agree.
  std::string Path = File->getFileEntry().tryGetRealPathName().str();
  if (Path.empty())
    Path = File->getName().str();
  return {Path, SM.getExpansionLineNumber(Expansion),
          SM.getExpansionColumnNumber(Expansion)};
}

std::string constructionKey(const SourceManager &SM, const Expr *Site) {
  return graphSite(SM, Site->getBeginLoc()).str();
}

std::string graphKey(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  if (const auto *Param = dyn_cast<ParmVarDecl>(D))
    if (const auto *Function = dyn_cast<FunctionDecl>(Param->getDeclContext()))
      return graphKey(Function) + "@p" +
             std::to_string(Param->getFunctionScopeIndex());
  // Closure classes have no name to build a USR from; their place does.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(D);
      Method && Method->getParent()->isLambda())
    return "lambda@" + graphSite(SM, Method->getParent()->getLocation()).str() +
           "@" + Method->getType().getAsString();
  llvm::SmallString<128> USR;
  if (!index::generateUSRForDecl(D, USR) && !USR.empty())
    return std::string(USR);
  std::string Name;
  if (const auto *Named = dyn_cast<NamedDecl>(D))
    Name = Named->getNameAsString();
  return "decl@" + graphSite(SM, D->getLocation()).str() + "@" + Name;
}

std::string returnKey(const FunctionDecl *F) { return "ret@" + graphKey(F); }

std::string storageKey(const StorageRef &S) {
  return S.Decl ? graphKey(S.Decl) : "";
}

std::string contentsKey(const CXXRecordDecl *Impl) {
  return graphKey(Impl->getCanonicalDecl()) + "#contents";
}

std::string displayName(const FunctionDecl *F) {
  const SourceManager &SM = F->getASTContext().getSourceManager();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F);
      Method && Method->getParent()->isLambda()) {
    GraphSite Site = graphSite(SM, Method->getParent()->getLocation());
    return "lambda at " + llvm::sys::path::filename(Site.File).str() + ":" +
           std::to_string(Site.Line) + ":" + std::to_string(Site.Column);
  }
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  F->getNameForDiagnostic(OS, F->getASTContext().getPrintingPolicy(),
                          /*Qualified=*/true);
  return Name;
}

} // namespace clang::tidy::vmap
