//===--- NormRunningStatsCheckBase.h - Shared norm running-stats check ----===//
//
// The implementation behind vmap-batchnorm-running-stats and
// vmap-instancenorm-running-stats: reports each construction of a norm
// module of one family whose running statistics stay enabled, and each
// ineffective attempt to turn them off after construction. The rules only
// choose the family.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_NORMRUNNINGSTATSCHECKBASE_H
#define VMAP_TIDY_CHECKER_NORMRUNNINGSTATSCHECKBASE_H

#include "checker/EvalModeFix.h"
#include "checker/NormModuleKind.h"
#include "checker/RunningStatsEvaluator.h"
#include "checker/VmapGraph.h"
#include "checker/VmapGraphBuilder.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <map>
#include <memory>
#include <set>
#include <vector>

namespace clang::tidy::vmap {

/// Which constructions the norm rules report.
enum class AnalysisScope {
  /// Only constructions whose module can run under vmap in training mode.
  Vmapped,
  /// Every construction in the translation unit.
  All,
};

/// The fix attached to a norm diagnostic; the others are offered as notes.
enum class FixKind { RunningStats, GroupNorm, EvalMode };

class NormOnlyApiUses;

class NormRunningStatsCheckBase : public ClangTidyCheck {
public:
  NormRunningStatsCheckBase(StringRef Name, ClangTidyContext *Context,
                            NormFamily Family);
  ~NormRunningStatsCheckBase() override;

  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// One construction as seen in one template instantiation (or outside
  /// templates).
  struct Finding {
    const Expr *Site;
    /// The constructor arguments as written.
    llvm::SmallVector<const Expr *, 2> Args;
    NormModuleKind Kind;
    RunningStatsVerdict Verdict;
    /// The instantiation the construction was seen in, e.g. "Block<true>";
    /// empty outside templates.
    std::string Instantiation;
  };

  void recordConstruction(const ast_matchers::MatchFinder::MatchResult &Result);
  void recordLateSetting(const ast_matchers::MatchFinder::MatchResult &Result);
  /// Reports \p F; true when its running statistics are turned off by the
  /// fix on the warning.
  bool reportConstruction(const Finding &F, bool NameInstantiation,
                          const VmapPath &Path);
  /// The removal of the ineffective late-setting statement \p Site (with
  /// its line when it stands alone), or an empty hint.
  FixItHint removeStatement(const Expr *Site);
  /// Keeps \p Fix unless an earlier diagnostic attached an edit at the same
  /// place (one options variable shared by two modules); true if kept.
  bool claimFix(llvm::SmallVectorImpl<FixItHint> &Fix);
  /// Writes the fix data of this translation unit (option FixDataDir).
  void writeFixData();
  void clearTranslationUnit();
  /// In project mode's summary pass: writes this translation unit's graph
  /// instead of reporting.
  void writeSummary();
  /// Emits \p Path as notes.
  void reportPath(const std::vector<PathStep> &Path);
  bool shouldReport(const RunningStatsVerdict &Verdict) const;

  const std::string RuleName;
  const ClangTidyContext &TidyContext;
  const NormFamily Family;
  const AnalysisScope Scope;
  const bool FlagUnknownValue;
  const FixKind Kind;
  const int64_t MaxGroups;
  const EvalModeStyle EvalStyle;
  const std::string FixDataDir;
  /// The global option LibraryPaths (CodeOwnership.h).
  const std::string LibraryPaths;
  const VmapGraphOptions GraphOptions;
  const ReachOptions Reach;
  std::unique_ptr<NormOnlyApiUses> ApiUses;
  std::vector<llvm::json::Object> FixData;

  ASTContext *CurrentContext = nullptr;
  std::unique_ptr<RunningStatsEvaluator> Evaluator;
  /// Findings grouped by the file location they are reported at, so a
  /// construction seen in several instantiations is reported once.
  std::map<SourceLocation::UIntTy, std::vector<Finding>> Findings;
  /// Where fixes were attached already: one options variable shared by two
  /// constructions gets its edit once.
  std::set<SourceLocation::UIntTy> FixedLocations;
  /// Ineffective settings after construction, reported at the end of the
  /// translation unit once reachability is known.
  struct LateSettingFinding {
    const Expr *Site;
    std::string ModuleName;
    /// The graph key of the module's storage; empty when not known.
    std::string ModuleStorage;
  };
  std::vector<LateSettingFinding> LateSettings;
  /// Storage of modules whose construction the warnings' fixes change.
  std::set<std::string> FixedStorage;
};

} // namespace clang::tidy::vmap

namespace clang::tidy {
template <> struct OptionEnumMapping<vmap::AnalysisScope> {
  static llvm::ArrayRef<std::pair<vmap::AnalysisScope, StringRef>>
  getEnumMapping();
};
template <> struct OptionEnumMapping<vmap::FixKind> {
  static llvm::ArrayRef<std::pair<vmap::FixKind, StringRef>> getEnumMapping();
};
template <> struct OptionEnumMapping<vmap::EvalModeStyle> {
  static llvm::ArrayRef<std::pair<vmap::EvalModeStyle, StringRef>>
  getEnumMapping();
};
} // namespace clang::tidy

#endif
