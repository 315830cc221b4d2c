//===--- InstanceNormRunningStatsCheck.h - vmap-instancenorm-running-stats
//------===//
//
// Reports InstanceNorm1d/2d/3d modules constructed with
// track_running_stats(true): in training mode under vmap their in-place update
// of running_mean/running_var fails on a batched input. Documentation:
// docs/rules/vmap-instancenorm-running-stats.md
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_RULES_INSTANCENORMRUNNINGSTATSCHECK_H
#define VMAP_TIDY_RULES_INSTANCENORMRUNNINGSTATSCHECK_H

#include "checker/NormRunningStatsCheckBase.h"

namespace clang::tidy::vmap {

class InstanceNormRunningStatsCheck : public NormRunningStatsCheckBase {
public:
  InstanceNormRunningStatsCheck(StringRef Name, ClangTidyContext *Context)
      : NormRunningStatsCheckBase(Name, Context, NormFamily::InstanceNorm) {}
};

} // namespace clang::tidy::vmap

#endif
