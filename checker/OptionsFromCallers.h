//===--- OptionsFromCallers.h - Constructions decided by a helper's calls -===//
//
// A helper that builds a module from what it is given
// (`template <class Impl, class... A> ModuleHolder<Impl> create(A &&...a)`,
// `std::shared_ptr<Impl> make_layer(const Opts &o)`) does not decide the
// module's running statistics: each of its calls does, and that call names
// the type and writes the options. This evaluates such a construction again
// for every call of the helper, with the helper's parameters bound to the
// call's arguments, and follows the calls outwards through helpers that pass
// their own parameters or type on, up to the call that decides.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_OPTIONSFROMCALLERS_H
#define VMAP_TIDY_CHECKER_OPTIONSFROMCALLERS_H

#include "checker/CallSiteIndex.h"
#include "checker/NormConstructionMatchers.h"
#include "checker/RunningStatsEvaluator.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap {

struct CallerDecision {
  /// The outermost call whose arguments decide the construction.
  const CallExpr *Call;
  /// The argument of Call the module's options (or channel count) come
  /// from, where an edit can add the setting; null when the options are not
  /// written at Call or the helpers' parameters cannot take options.
  const Expr *Options;
  /// Why Options is null when the construction does take an argument.
  std::string OptionsRefusal;
  RunningStatsVerdict Verdict;
};

/// The calls that decide construction \p C, whose verdict in the helper is
/// \p InHelper: every call of the function holding it, when its options come
/// from that function's parameters or its module type from the function's
/// template arguments. Nothing when the construction decides its options
/// itself or no call of its function is visible.
std::optional<llvm::SmallVector<CallerDecision, 2>>
decideAtCallers(const NormConstruction &C, const RunningStatsVerdict &InHelper,
                CallSiteIndex &Calls, ASTContext &Context);

} // namespace clang::tidy::vmap

#endif
