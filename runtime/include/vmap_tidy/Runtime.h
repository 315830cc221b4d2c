//===--- Runtime.h - Everything in the vmap-tidy runtime ------------------===//
//
// The runtime companion of the vmap-tidy checks: a C++ vmap, and the fixes
// the checks suggest for norm modules, runnable. See docs/runtime.md.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_RUNTIME_H
#define VMAP_TIDY_RUNTIME_H

#include "vmap_tidy/CheckVmapSafe.h"
#include "vmap_tidy/EvalModeGuard.h"
#include "vmap_tidy/GroupNormGroups.h"
#include "vmap_tidy/NormModules.h"
#include "vmap_tidy/ReplaceBatchNorm.h"
#include "vmap_tidy/Vmap.h"
#include "vmap_tidy/VmapLevel.h"

#endif // VMAP_TIDY_RUNTIME_H
