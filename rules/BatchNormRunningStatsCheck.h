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

namespace clang::tidy::vmap {

class BatchNormRunningStatsCheck : public NormRunningStatsCheckBase {
public:
  BatchNormRunningStatsCheck(StringRef Name, ClangTidyContext *Context)
      : NormRunningStatsCheckBase(Name, Context, NormFamily::BatchNorm) {}
};

} // namespace clang::tidy::vmap

#endif
