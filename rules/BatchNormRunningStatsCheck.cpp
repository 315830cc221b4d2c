//===--- BatchNormRunningStatsCheck.cpp - vmap-batchnorm-running-stats ----===//
//
// The rule is a family choice over the shared implementation in
// checker/NormRunningStatsCheckBase.cpp.
//
//===----------------------------------------------------------------------===//

#include "rules/BatchNormRunningStatsCheck.h"
