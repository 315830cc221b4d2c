//===--- Device.h - Where vmap-tidy-verify replays ------------------------===//

#ifndef VMAP_TIDY_VERIFY_DEVICE_H
#define VMAP_TIDY_VERIFY_DEVICE_H

#include "VerifyResult.h"

#include <c10/core/Device.h>

#include <cstdint>
#include <string>

namespace vmap_tidy::verify {

/// What the LibTorch in this process offers for CUDA.
struct CudaSupport {
  /// The CUDA version LibTorch was built with ("13.2"); empty for a
  /// CPU-only build (Debian's).
  std::string built_with;
  /// The CUDA devices it sees: none without a GPU or its driver.
  int64_t devices = 0;
};

/// Asks LibTorch.
CudaSupport detect_cuda();

/// The device \p spec ("cpu", "cuda", "cuda:N", "auto") names given
/// \p cuda; "auto" is CUDA device 0 when there is one, else the CPU. Throws
/// UsageError for a CUDA device that is not there.
c10::Device resolve_device(const std::string &spec, const CudaSupport &cuda);

/// Why "auto" chose the CPU when LibTorch is built with CUDA: no GPU was
/// found. Empty when \p spec is not "auto", LibTorch is CPU-only or a CUDA
/// device is there.
std::string no_gpu_note(const std::string &spec, const CudaSupport &cuda);

/// The tolerances for replays on \p device. CUDA kernels reduce in a
/// different order per batch layout (and may use TF32), so float32 outputs
/// get more slack than on the CPU.
Tolerances tolerances_for(const c10::Device &device);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_DEVICE_H
