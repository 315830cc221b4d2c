//===--- Device.cpp - Where vmap-tidy-verify replays ----------------------===//

#include "Device.h"
#include "UsageError.h"

// Both are in every LibTorch build: a CPU-only one answers that CUDA is not
// built in and no device is available, so no CUDA headers are needed.
#include <ATen/Context.h>
#include <torch/cuda.h>

namespace vmap_tidy::verify {

namespace {

/// "13.2" for CUDART_VERSION 13020.
std::string cuda_version_text(long version) {
  return std::to_string(version / 1000) + "." +
         std::to_string(version % 1000 / 10);
}

std::string no_device_text(const CudaSupport &cuda) {
  return "no GPU found (LibTorch is built with CUDA " + cuda.built_with +
         " but sees no CUDA device)";
}

} // namespace

CudaSupport detect_cuda() {
  CudaSupport cuda;
  if (at::globalContext().hasCUDART())
    cuda.built_with = cuda_version_text(at::globalContext().versionCUDART());
  cuda.devices = static_cast<int64_t>(torch::cuda::device_count());
  return cuda;
}

c10::Device resolve_device(const std::string &spec, const CudaSupport &cuda) {
  if (spec == "auto")
    return cuda.devices > 0 ? c10::Device(c10::kCUDA, 0)
                            : c10::Device(c10::kCPU);
  if (spec == "cpu")
    return c10::Device(c10::kCPU);
  if (cuda.built_with.empty())
    throw UsageError("device '" + spec +
                     "' requested, but this LibTorch is built without CUDA");
  if (cuda.devices == 0)
    throw UsageError("device '" + spec + "' requested, but " +
                     no_device_text(cuda));
  c10::DeviceIndex index = 0;
  if (spec.size() > 5) // "cuda:N"
    index = static_cast<c10::DeviceIndex>(std::stoi(spec.substr(5)));
  if (index >= cuda.devices)
    throw UsageError("device '" + spec + "' requested, but only " +
                     std::to_string(cuda.devices) +
                     " CUDA device(s) are visible");
  return c10::Device(c10::kCUDA, index);
}

std::string no_gpu_note(const std::string &spec, const CudaSupport &cuda) {
  if (spec != "auto" || cuda.built_with.empty() || cuda.devices > 0)
    return "";
  return no_device_text(cuda) + "; verifying on cpu";
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
