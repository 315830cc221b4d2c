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
#include "checker/RuleInfo.h"

namespace clang::tidy::vmap {

class InstanceNormRunningStatsCheck : public NormRunningStatsCheckBase {
public:
  static constexpr RuleInfo Info{
      "vmap-instancenorm-running-stats",
      "InstanceNorm tracks running statistics on a vmapped path",
      "An InstanceNorm1d/2d/3d module built with track_running_stats(true) "
      "updates running_mean and running_var in place, which fails under "
      "vmap in training mode. Drop track_running_stats(true), replace it "
      "with GroupNorm(C, C), or run the vmapped call in eval() mode."};

  InstanceNormRunningStatsCheck(StringRef Name, ClangTidyContext *Context)
      : NormRunningStatsCheckBase(Name, Context, NormFamily::InstanceNorm) {}
};

} // namespace clang::tidy::vmap

#endif
