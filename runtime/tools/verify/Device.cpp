//===--- Device.cpp - Where vmap-tidy-verify replays ----------------------===//

#include "Device.h"
#include "UsageError.h"

// Part of the C++ frontend in every LibTorch build; CPU-only builds answer
// that no device is available, so no CUDA headers are needed.
#include <torch/cuda.h>

namespace vmap_tidy::verify {

c10::Device resolve_device(const std::string &spec) {
  bool has_cuda = torch::cuda::is_available();
  if (spec == "auto")
    return has_cuda ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
  if (spec == "cpu")
    return c10::Device(c10::kCPU);
  if (!has_cuda)
    throw UsageError("device '" + spec +
                     "' requested, but this LibTorch has no usable CUDA "
                     "device");
  c10::DeviceIndex index = 0;
  if (spec.size() > 5) // "cuda:N"
    index = static_cast<c10::DeviceIndex>(std::stoi(spec.substr(5)));
  int64_t count = static_cast<int64_t>(torch::cuda::device_count());
  if (index >= count)
    throw UsageError("device '" + spec + "' requested, but only " +
                     std::to_string(count) + " CUDA device(s) are visible");
  return c10::Device(c10::kCUDA, index);
}

Tolerances tolerances_for(const c10::Device &device) {
  // Gradients are compared in float64 on either device (see Replay.cpp).
  if (device.is_cuda())
    return {/*output_abs=*/1e-4, /*float64_abs=*/1e-9, /*grad_abs=*/1e-9,
            /*grad_rel=*/1e-7};
  return {/*output_abs=*/1e-5, /*float64_abs=*/1e-9, /*grad_abs=*/1e-9,
          /*grad_rel=*/1e-7};
}

} // namespace vmap_tidy::verify
