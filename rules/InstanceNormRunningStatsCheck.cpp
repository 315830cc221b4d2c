//===--- InstanceNormRunningStatsCheck.cpp - vmap-instancenorm-running-stats
//----===//
//
// The rule is a family choice over the shared implementation in
// checker/NormRunningStatsCheckBase.cpp.
//
//===----------------------------------------------------------------------===//

#include "rules/InstanceNormRunningStatsCheck.h"
