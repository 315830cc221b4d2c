//===--- BatchNormRunningStatsCheck.h - vmap-batchnorm-running-stats ------===//
//
// Reports BatchNorm1d/2d/3d modules (and subclasses) whose running statistics
// stay enabled, the default: in training mode under vmap their in-place update
// of running_mean/running_var fails on a batched input. Documentation:
// docs/rules/vmap-batchnorm-running-stats.md
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_RULES_BATCHNORMRUNNINGSTATSCHECK_H
#define VMAP_TIDY_RULES_BATCHNORMRUNNINGSTATSCHECK_H

#include "checker/NormRunningStatsCheckBase.h"
#include "checker/RuleInfo.h"

namespace clang::tidy::vmap {

class BatchNormRunningStatsCheck : public NormRunningStatsCheckBase {
public:
  static constexpr RuleInfo Info{
      "vmap-batchnorm-running-stats",
      "BatchNorm keeps running statistics on a vmapped path",
      "A BatchNorm1d/2d/3d module built with track_running_stats (the "
      "default) updates running_mean and running_var in place. When a vmap "
      "call runs it in training mode, that update fails: 'Batch norm got a "
      "batched tensor as input while the running_mean or running_var, which "
      "will be updated in place, were not batched'. Construct it with "
      "track_running_stats(false), replace it with GroupNorm(G, C), or run "
      "the vmapped call in eval() mode."};

  BatchNormRunningStatsCheck(StringRef Name, ClangTidyContext *Context)
      : NormRunningStatsCheckBase(Name, Context, NormFamily::BatchNorm) {}
};

} // namespace clang::tidy::vmap

#endif
