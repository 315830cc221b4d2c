//===--- Claims.h - Check what vmap-tidy says about one module ------------===//
//
// For a module that tracks running statistics, in training mode:
//
//   original-fails-under-vmap     the module as written fails under vmap
//                                 with functorch's running-stats error;
//   fix-track-running-stats       track_running_stats(false) runs,
//   fix-group-norm                GroupNorm(G, C) runs,
//   fix-eval-mode                 the original in eval mode (EvalModeGuard)
//                                 runs and leaves its statistics unchanged,
//   replace-all-batch-norm-modules  replace_all_batch_norm_modules_ on the
//                                 original drops its statistics and it runs;
//
// where "runs" means: under vmap, with the output shape preserved, equal to
// the per-member loop within tolerance, and with finite gradients for the
// input and the affine parameters that match the loop's. A module built
// without running statistics gets one claim, original-runs-under-vmap.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_CLAIMS_H
#define VMAP_TIDY_VERIFY_CLAIMS_H

#include "Configuration.h"
#include "VerifyResult.h"

#include <c10/core/Device.h>

namespace vmap_tidy::verify {

/// Replays \p configuration on \p device and checks every claim. Never
/// throws for what LibTorch raises: a claim that cannot be computed fails
/// with the reason.
ConfigurationResult
verify_configuration(const ModuleConfiguration &configuration,
                     const ReplaySettings &settings, const c10::Device &device);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_CLAIMS_H
