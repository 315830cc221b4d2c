//===--- RandomOpCheck.h - vmap-random-op ---------------------------------===//
//
// Reports, on a path from a vmap call whose randomness mode is `error`
// (vmap's default) or not known, every operation that draws random numbers:
// dropout modules run in training mode, functional dropout whose train flag
// is true or unknown, random factories and samplers (`torch::rand`,
// `bernoulli_`, ...), and constructing a module whose parameters are
// initialised randomly. Documentation: docs/rules/vmap-random-op.md
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_RULES_RANDOMOPCHECK_H
#define VMAP_TIDY_RULES_RANDOMOPCHECK_H

#include "checker/BatchedValues.h"
#include "checker/FindingsByLocation.h"
#include "checker/RandomInitialisation.h"
#include "checker/RuleInfo.h"
#include "checker/VmapCheckBase.h"
#include "llvm/Support/JSON.h"
#include <memory>
#include <set>
#include <vector>

namespace clang::tidy::vmap {

class RandomOpCheck : public VmapCheckBase {
public:
  static constexpr RuleInfo Info{
      "vmap-random-op", "A random operation runs on a vmapped path",
      "Under vmap's default randomness mode ('error') every random operation "
      "fails: 'vmap: called random operation while in randomness error mode. "
      "Please either use the 'same' or 'different' randomness flags on vmap "
      "or perform the randomness operation out of vmap'. That covers dropout "
      "in training mode, random factories and samplers, and constructing a "
      "module whose weights are initialised randomly. Run dropout in eval "
      "mode, choose the randomness mode at the vmap call, or construct "
      "modules outside the vmapped function."};

  RandomOpCheck(StringRef Name, ClangTidyContext *Context);

protected:
  void storeRuleOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerRuleMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void reportTranslationUnit() override;
  void clearTranslationUnit() override;

private:
  enum class Draw {
    /// A dropout module: draws when it runs in training mode.
    DropoutModule,
    /// Functional dropout; Flag is its train flag (null: the default, true).
    FunctionalDropout,
    /// A random factory or sampler.
    Sampler,
    /// Building a module whose parameters are initialised randomly.
    Construction,
  };
  struct Finding {
    const Expr *Site;
    std::string Name;
    Draw Kind;
    const Expr *Flag = nullptr;
    /// For functional dropout: the options argument, null when defaulted;
    /// for a dropout module: its first constructor argument (p or the
    /// options), null when there is none.
    const Expr *Options = nullptr;
    /// The randomness modes it fails under.
    RandomnessPolicy Fails = RandomnessPolicy::FailsOnRandom;
  };
  void report(const Finding &F);
  /// The notes that explain the entry's randomness and how to choose it.
  void explainRandomness(const VmapPath &Path, RandomnessPolicy Fails);
  RandomnessPolicy samplerPolicy(const CallExpr *Call, ASTContext &Context);
  /// What vmap-tidy-verify needs to replay the dropout module \p F.
  llvm::json::Object dropoutFixData(const Finding &F);

  /// Option FixDataDir: where the reported dropout modules' configurations
  /// go, for vmap-tidy-verify (as the norm rules write theirs).
  const std::string FixDataDir;
  std::vector<llvm::json::Object> FixData;

  FindingsByLocation<Finding> Findings;
  /// vmap calls whose eval-mode fix is attached already: one call may run
  /// several dropout modules.
  std::set<std::string> FixedEntries;
  std::unique_ptr<RandomInitialisation> Initialisation;
  std::unique_ptr<BatchedValues> Batched;
};

} // namespace clang::tidy::vmap

#endif
