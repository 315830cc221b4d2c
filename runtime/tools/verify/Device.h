//===--- Device.h - Where vmap-tidy-verify replays ------------------------===//

#ifndef VMAP_TIDY_VERIFY_DEVICE_H
#define VMAP_TIDY_VERIFY_DEVICE_H

#include "VerifyResult.h"

#include <c10/core/Device.h>

#include <string>

namespace vmap_tidy::verify {

/// The device \p spec ("cpu", "cuda", "cuda:N", "auto") names on this
/// machine; "auto" is the first CUDA device when LibTorch sees one, else the
/// CPU. Throws UsageError for a CUDA device LibTorch cannot use (a CPU-only
/// build, as Debian's, or no such GPU).
c10::Device resolve_device(const std::string &spec);

/// The tolerances for replays on \p device. CUDA kernels reduce in a
/// different order per batch layout (and may use TF32), so float32 outputs
/// get more slack than on the CPU.
Tolerances tolerances_for(const c10::Device &device);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_DEVICE_H
