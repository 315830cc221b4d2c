//===--- VmapCheckBase.h - What every vmap-* rule has in common -----------===//
//
// The base of every rule: it reads the options all rules share (Scope, the
// analysis options, LibraryPaths), holds the translation unit's VmapAnalysis,
// skips library code while matching, answers "is this on a vmapped path?"
// under the rule's Scope, explains a path as notes, and keeps project mode's
// summary pass from reporting. A rule adds its matchers, what it records for
// each match, and what it reports at the end of the translation unit, when
// the whole unit's paths are known.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPCHECKBASE_H
#define VMAP_TIDY_CHECKER_VMAPCHECKBASE_H

#include "checker/VmapAnalysis.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <memory>

namespace clang::tidy::vmap {

/// Where a rule reports.
enum class AnalysisScope {
  /// Only code that a vmap call can reach (in training mode, for traps that
  /// only fail there).
  Vmapped,
  /// Everywhere in the translation unit.
  All,
};

class VmapCheckBase : public ClangTidyCheck {
public:
  VmapCheckBase(StringRef Name, ClangTidyContext *Context);

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const final {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) final;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  void onEndOfTranslationUnit() final;

protected:
  /// The rule's own options (stored with Options.store).
  virtual void storeRuleOptions(ClangTidyOptions::OptionMap &Opts) {}
  virtual void registerRuleMatchers(ast_matchers::MatchFinder *Finder) = 0;
  /// One match of the rule's matchers (library code never matches).
  virtual void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) = 0;
  /// Reports what the rule recorded in this translation unit.
  virtual void reportTranslationUnit() = 0;
  /// Forgets what the rule recorded in this translation unit.
  virtual void clearTranslationUnit() {}

  /// The path to explain a finding with, under the rule's Scope: with
  /// `vmapped`, the path from a vmap entry (nullopt: not on a vmapped path,
  /// not reported); with `all`, an empty path (always reported).
  std::optional<VmapPath> pathToStatement(const Stmt *S, VmapQuery Query);
  std::optional<VmapPath> pathToConstruction(const Expr *Site, VmapQuery Query);
  std::optional<VmapPath> pathToStorage(llvm::StringRef StorageKey,
                                        VmapQuery Query);

  /// Emits \p Path's steps as notes, from the vmap entry on.
  void reportPath(const VmapPath &Path);

  ASTContext &astContext() const { return Analysis->astContext(); }
  VmapAnalysis &analysis() const { return *Analysis; }
  const VmapAnalysisOptions &analysisOptions() const { return AnalysisOpts; }
  AnalysisScope scope() const { return Scope; }

private:
  const ClangTidyContext &TidyContext;
  const AnalysisScope Scope;
  const VmapAnalysisOptions AnalysisOpts;
  /// The global option LibraryPaths (CodeOwnership.h).
  const std::string LibraryPaths;
  std::shared_ptr<VmapAnalysis> Analysis;
  /// Whether this check saw the current translation unit.
  bool Started = false;
};

} // namespace clang::tidy::vmap

namespace clang::tidy {
template <> struct OptionEnumMapping<vmap::AnalysisScope> {
  static llvm::ArrayRef<std::pair<vmap::AnalysisScope, StringRef>>
  getEnumMapping();
};
} // namespace clang::tidy

#endif
