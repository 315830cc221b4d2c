//===--- FunctionalBatchNormCheck.h - vmap-functional-batch-norm ----------===//
//
// Reports, on a vmapped path, functional batch and instance normalisation
// (`torch::batch_norm`, `F::batch_norm`, `torch::instance_norm`,
// `F::instance_norm`) given running statistics and training (or
// use_input_stats) true or unknown: the in-place update of the unbatched
// running_mean/running_var from a batched input fails as the module's does.
// Documentation: docs/rules/vmap-functional-batch-norm.md
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_RULES_FUNCTIONALBATCHNORMCHECK_H
#define VMAP_TIDY_RULES_FUNCTIONALBATCHNORMCHECK_H

#include "checker/BatchedValues.h"
#include "checker/FindingsByLocation.h"
#include "checker/RuleInfo.h"
#include "checker/VmapCheckBase.h"
#include <memory>

namespace clang::tidy::vmap {

/// Where a functional norm takes what the rule looks at.
struct FunctionalNormSignature;

class FunctionalBatchNormCheck : public VmapCheckBase {
public:
  static constexpr RuleInfo Info{
      "vmap-functional-batch-norm",
      "Functional batch norm updates running statistics on a vmapped path",
      "torch::batch_norm, torch::nn::functional::batch_norm and "
      "instance_norm called with defined running_mean/running_var and "
      "training (use_input_stats) true update those tensors in place. Under "
      "vmap, with a batched input, that fails: 'Batch norm got a batched "
      "tensor as input while the running_mean or running_var, which will be "
      "updated in place, were not batched'. Pass undefined tensors ({}) for "
      "the running statistics (the functional form of "
      "track_running_stats(false)), or training false."};

  using VmapCheckBase::VmapCheckBase;

protected:
  void registerRuleMatchers(ast_matchers::MatchFinder *Finder) override;
  void
  checkMatch(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void reportTranslationUnit() override;
  void clearTranslationUnit() override;

private:
  struct Finding {
    const CallExpr *Call;
    const FunctionalNormSignature *Callee;
  };
  void report(const Finding &F);
  /// A note naming the module whose buffer \p Stats is.
  void explainBuffer(const Expr *Stats);

  /// A call in a template is reported once.
  FindingsByLocation<Finding> Findings;
  std::unique_ptr<BatchedValues> Batched;
};

} // namespace clang::tidy::vmap

#endif
