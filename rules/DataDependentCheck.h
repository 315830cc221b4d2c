//===--- DataDependentCheck.h - vmap-data-dependent -----------------------===//
//
// Reports, on a vmapped path, operations that need the values of a tensor
// that may be batched, which vmap cannot batch in either training mode:
// reading a value into C++ (`item`), branching on one (`is_nonzero`),
// reducing a comparison to one bool (`equal`, `allclose`), operators whose
// output shape depends on the values (`nonzero`, `masked_select`, `unique`,
// one-argument `where`, ...), and raw access to the storage (`data_ptr`,
// `accessor`). Documentation: docs/rules/vmap-data-dependent.md
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_RULES_DATADEPENDENTCHECK_H
#define VMAP_TIDY_RULES_DATADEPENDENTCHECK_H

#include "checker/BatchedValues.h"
#include "checker/FindingsByLocation.h"
#include "checker/RuleInfo.h"
#include "checker/VmapCheckBase.h"
#include <memory>

namespace clang::tidy::vmap {

class DataDependentCheck : public VmapCheckBase {
public:
  static constexpr RuleInfo Info{
      "vmap-data-dependent", "Code on a vmapped path needs a tensor's values",
      "Under vmap a tensor argument is a batch of values, so C++ cannot read "
      "one value from it: '.item()' fails with 'vmap: It looks like you're "
      "calling .item() on a Tensor', 'is_nonzero()' with 'vmap: It looks "
      "like you're attempting to use a Tensor in some data-dependent control "
      "flow', operators whose output shape depends on the values (nonzero, "
      "masked_select, unique, one-argument where) with 'vmap: We do not "
      "support batching operators that can output dynamic shape', and "
      "equal, allclose and data_ptr/accessor fail too, in training and eval "
      "mode alike. Keep the computation in tensor operations: torch::where, "
      "clamp, masks, comparisons kept as tensors."};

  using VmapCheckBase::VmapCheckBase;

protected:
  void registerRuleMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void reportTranslationUnit() override;
  void clearTranslationUnit() override;

private:
  /// The traps, in the order of their texts in DataDependentCheck.cpp.
  enum class Trap {
    ReadsValue,
    ControlFlow,
    WholeComparison,
    DynamicShape,
    Storage
  };
  struct Finding {
    const CallExpr *Call;
    std::string Operation;
    Trap Kind;
  };
  /// A call in a template is reported once, from the first instantiation
  /// vmap reaches.
  FindingsByLocation<Finding> Findings;
  std::unique_ptr<BatchedValues> Batched;
};

} // namespace clang::tidy::vmap

#endif
