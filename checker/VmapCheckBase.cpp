//===--- VmapCheckBase.cpp - What every vmap-* rule has in common ---------===//

#include "checker/VmapCheckBase.h"
#include "checker/CodeOwnership.h"
#include "checker/EvalModeFix.h"
#include "checker/LibraryCodePruning.h"

namespace clang::tidy {

llvm::ArrayRef<std::pair<vmap::AnalysisScope, StringRef>>
OptionEnumMapping<vmap::AnalysisScope>::getEnumMapping() {
  static constexpr std::pair<vmap::AnalysisScope, StringRef> Mapping[] = {
      {vmap::AnalysisScope::Vmapped, "vmapped"},
      {vmap::AnalysisScope::All, "all"}};
  return Mapping;
}

namespace vmap {

using namespace ast_matchers;

VmapCheckBase::VmapCheckBase(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), TidyContext(*Context),
      Scope(Options.getLocalOrGlobal("Scope", AnalysisScope::Vmapped)),
      AnalysisOpts(VmapAnalysisOptions::read(Options)),
      // Global only: which files are third-party is the project's business,
      // not a rule's, and every rule must agree on it.
      LibraryPaths(
          Context->getOptions().CheckOptions.lookup(LibraryPathsOption).Value),
      Analysis(VmapAnalysis::acquire(*Context)) {
  // Checks are created for each translation unit with that file's options.
  setLibraryPaths(LibraryPaths);
}

void VmapCheckBase::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Scope", Scope);
  AnalysisOpts.store(Options, Opts);
  Opts.insert_or_assign(LibraryPathsOption,
                        ClangTidyOptions::ClangTidyValue(LibraryPaths));
  storeRuleOptions(Opts);
}

void VmapCheckBase::registerMatchers(MatchFinder *Finder) {
  registerLibraryCodePruning(Finder, this);
  registerRuleMatchers(Finder);
}

void VmapCheckBase::check(const MatchFinder::MatchResult &Result) {
  Analysis->startTranslationUnit(*Result.Context);
  Started = true;
  if (handleLibraryCodePruning(Result, TidyContext))
    return;
  checkMatch(Result);
}

void VmapCheckBase::onEndOfTranslationUnit() {
  if (!Started)
    return;
  Started = false;
  if (!Analysis->writeSummaryIfRequested(AnalysisOpts))
    reportTranslationUnit();
  clearTranslationUnit();
}

std::optional<VmapPath> VmapCheckBase::pathToStatement(const Stmt *S,
                                                       VmapQuery Query) {
  if (Scope == AnalysisScope::All)
    return VmapPath();
  return Analysis->pathToStatement(S, AnalysisOpts, Query);
}

std::optional<VmapPath> VmapCheckBase::pathToConstruction(const Expr *Site,
                                                          VmapQuery Query) {
  if (Scope == AnalysisScope::All)
    return VmapPath();
  return Analysis->pathToConstruction(Site, AnalysisOpts, Query);
}

std::optional<VmapPath> VmapCheckBase::pathToStorage(llvm::StringRef StorageKey,
                                                     VmapQuery Query) {
  if (Scope == AnalysisScope::All)
    return VmapPath();
  return Analysis->pathToStorage(StorageKey, AnalysisOpts, Query);
}

void VmapCheckBase::reportPath(const VmapPath &Path) {
  SourceManager &SM = astContext().getSourceManager();
  for (const PathStep &Step : Path.Steps) {
    SourceLocation Loc = resolveSite(SM, Step.Site);
    if (Loc.isValid())
      diag(Loc, "%0", DiagnosticIDs::Note) << Step.Message;
  }
}

} // namespace vmap
} // namespace clang::tidy
