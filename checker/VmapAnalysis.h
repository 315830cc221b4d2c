//===--- VmapAnalysis.h - The vmapped-path analysis every rule shares -----===//
//
// One service per translation unit, owned by no rule: every vmap-* check
// created for a translation unit holds the same instance, which
//   - builds the unit's VmapGraph once (per set of graph options, normally
//     one) however many rules ask, and merges the project summary into it;
//   - answers "how does a vmap call reach this?" for a function, a
//     statement, a module construction or a stored value, under a
//     training-mode policy chosen per question (ModePolicy);
//   - in project mode's summary pass, writes the unit's summary once.
// The options it needs (VmapFunctions, VmappedFunctions, AssumeTraining) are
// read by VmapAnalysisOptions, the same way for every rule; they are
// documented once, in docs/vmapped-path.md.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPANALYSIS_H
#define VMAP_TIDY_CHECKER_VMAPANALYSIS_H

#include "checker/VmapGraph.h"
#include "checker/VmapGraphBuilder.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

namespace clang::tidy::vmap {

/// The analysis options every rule reads, with clang-tidy's
/// getLocalOrGlobal: set once for all rules (`VmapFunctions: ...`) or for
/// one (`vmap-batchnorm-running-stats.VmapFunctions: ...`).
struct VmapAnalysisOptions {
  VmapGraphOptions Graph;
  /// Under ModePolicy::TrainingOnly, whether an entry whose training mode
  /// cannot be known counts as training.
  bool AssumeTraining = true;

  static VmapAnalysisOptions read(const ClangTidyCheck::OptionsView &Options);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Map) const;
};

/// What a rule asks about: which entries count (ModePolicy,
/// RandomnessPolicy). Converts from a ModePolicy alone.
struct VmapQuery {
  VmapQuery(ModePolicy Modes,
            RandomnessPolicy Randomness = RandomnessPolicy::Any)
      : Modes(Modes), Randomness(Randomness) {}
  ModePolicy Modes;
  RandomnessPolicy Randomness;
};

/// The function whose body holds \p S: the innermost function, lambda
/// call operator or template instantiation; null at namespace or class
/// scope.
const FunctionDecl *enclosingFunction(ASTContext &Context, const Stmt *S);

class VmapAnalysis {
public:
  /// The analysis of the translation unit whose checks are being created:
  /// checks created together (one translation unit) share one instance.
  static std::shared_ptr<VmapAnalysis> acquire(ClangTidyContext &Context);

  explicit VmapAnalysis(ClangTidyContext &Context) : Context(Context) {}

  /// Binds the AST being checked; called by every rule from check(), cheap
  /// after the first call.
  void startTranslationUnit(ASTContext &AST);
  bool started() const { return AST != nullptr; }
  ASTContext &astContext() const { return *AST; }

  /// The unit's graph, merged with the project summary when there is one.
  const VmapGraph &graph(const VmapAnalysisOptions &Options);

  /// How vmap reaches the body of \p Function; nullopt when it does not.
  std::optional<VmapPath> pathToFunction(const FunctionDecl *Function,
                                         const VmapAnalysisOptions &Options,
                                         VmapQuery Query);
  /// How vmap reaches \p S: through the function (or lambda) it is written
  /// in, or a raw functorch region that holds it.
  std::optional<VmapPath> pathToStatement(const Stmt *S,
                                          const VmapAnalysisOptions &Options,
                                          VmapQuery Query);
  /// How vmap reaches the module constructed at \p Site.
  std::optional<VmapPath> pathToConstruction(const Expr *Site,
                                             const VmapAnalysisOptions &Options,
                                             VmapQuery Query);
  /// How vmap reaches the stored value with graph key \p StorageKey.
  std::optional<VmapPath> pathToStorage(llvm::StringRef StorageKey,
                                        const VmapAnalysisOptions &Options,
                                        VmapQuery Query);

  /// In project mode's summary pass (summaryOutput() is set): writes the
  /// unit's summary, once, and returns true; rules then report nothing.
  bool writeSummaryIfRequested(const VmapAnalysisOptions &Options);

private:
  struct GraphEntry {
    VmapGraph Graph;
    /// Reachability per (policies, AssumeTraining), built on first use.
    std::map<std::tuple<ModePolicy, RandomnessPolicy, bool>,
             std::unique_ptr<VmapReachability>>
        Reach;
  };
  GraphEntry &entryFor(const VmapAnalysisOptions &Options);
  const VmapReachability &reach(const VmapAnalysisOptions &Options,
                                VmapQuery Query);
  void mergeProjectSummary(VmapGraph &Graph);

  ClangTidyContext &Context;
  ASTContext *AST = nullptr;
  /// Graphs by their options, serialised.
  std::map<std::string, GraphEntry> Graphs;
  bool SummaryWritten = false;
};

} // namespace clang::tidy::vmap

#endif
