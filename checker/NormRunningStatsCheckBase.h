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

#include "checker/CallSiteIndex.h"
#include "checker/EvalModeFix.h"
#include "checker/NormModuleKind.h"
#include "checker/RunningStatsEvaluator.h"
#include "checker/VmapCheckBase.h"
#include <map>
#include <memory>
#include <set>
#include <vector>

namespace clang::tidy::vmap {

/// The fix attached to a norm diagnostic; the others are offered as notes.
enum class FixKind { RunningStats, GroupNorm, EvalMode };

class NormOnlyApiUses;

class NormRunningStatsCheckBase : public VmapCheckBase {
public:
  NormRunningStatsCheckBase(StringRef Name, ClangTidyContext *Context,
                            NormFamily Family);
  ~NormRunningStatsCheckBase() override;

protected:
  void storeRuleOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerRuleMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void reportTranslationUnit() override;
  void clearTranslationUnit() override;

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
    /// For a finding at a helper's call: the construction inside the helper
    /// and the helper's name ("util::create_module").
    const Expr *BuiltIn = nullptr;
    std::string Builder;
    /// True when the call names the module's type as a template argument.
    bool BuilderNamesType = false;
    /// Why the running-stats edit cannot be made at the call.
    std::string FixRefusal;
  };

  void recordConstruction(const ast_matchers::MatchFinder::MatchResult &Result);
  void recordLateSetting(const ast_matchers::MatchFinder::MatchResult &Result);
  /// Reports \p F at the calls of the helper it is built in when those calls
  /// decide its options; false when F is to be reported where it is.
  bool reportAtCallers(const Finding &F, const VmapPath &Path);
  /// Reports \p F; true when its running statistics are turned off by the
  /// fix on the warning.
  /// \p Instantiations: every finding at F's place (one per instantiation
  /// of a template), which a fix of the pattern must suit.
  bool reportConstruction(const Finding &F,
                          llvm::ArrayRef<Finding> Instantiations,
                          bool NameInstantiation, const VmapPath &Path);
  /// The removal of the ineffective late-setting statement \p Site (with
  /// its line when it stands alone), or an empty hint.
  FixItHint removeStatement(const Expr *Site);
  /// Keeps \p Fix unless an earlier diagnostic attached an edit at the same
  /// place (one options variable shared by two modules); true if kept.
  bool claimFix(llvm::SmallVectorImpl<FixItHint> &Fix);
  /// Writes the fix data of this translation unit (option FixDataDir).
  void writeFixData();
  bool shouldReport(const RunningStatsVerdict &Verdict) const;

  const std::string RuleName;
  const NormFamily Family;
  const bool FlagUnknownValue;
  const FixKind Kind;
  const int64_t MaxGroups;
  const EvalModeStyle EvalStyle;
  const std::string FixDataDir;
  std::unique_ptr<NormOnlyApiUses> ApiUses;
  std::vector<llvm::json::Object> FixData;

  std::unique_ptr<RunningStatsEvaluator> Evaluator;
  std::unique_ptr<CallSiteIndex> Calls;
  /// (call, construction) pairs reported at a helper's call already.
  std::set<std::pair<SourceLocation::UIntTy, SourceLocation::UIntTy>>
      ReportedCalls;
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
template <> struct OptionEnumMapping<vmap::FixKind> {
  static llvm::ArrayRef<std::pair<vmap::FixKind, StringRef>> getEnumMapping();
};
template <> struct OptionEnumMapping<vmap::EvalModeStyle> {
  static llvm::ArrayRef<std::pair<vmap::EvalModeStyle, StringRef>>
  getEnumMapping();
};
} // namespace clang::tidy

#endif
