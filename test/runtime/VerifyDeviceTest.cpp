//===--- VerifyDeviceTest.cpp - Which device vmap-tidy-verify replays on --===//
//
// The choice of device for each kind of LibTorch (CPU-only, CUDA without a
// GPU, CUDA with GPUs), from a described CudaSupport, so that every case is
// checked on any machine; and what this process's LibTorch reports, against
// what CMake found (VMAP_TIDY_TEST_TORCH_HAS_CUDA).
//
//===----------------------------------------------------------------------===//

#include "Device.h"
#include "UsageError.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

using namespace vmap_tidy::verify;

namespace {

const CudaSupport CpuOnly{"", 0};
const CudaSupport CudaWithoutGpu{"13.2", 0};
const CudaSupport CudaWithTwoGpus{"12.8", 2};

std::string device_error(const std::string &spec, const CudaSupport &cuda) {
  try {
    return resolve_device(spec, cuda).str();
  } catch (const UsageError &error) {
    return error.what();
  }
}

TEST(VerifyDeviceTest, AutoIsTheFirstGpuElseTheCpu) {
  EXPECT_EQ(device_error("auto", CpuOnly), "cpu");
  EXPECT_EQ(device_error("auto", CudaWithoutGpu), "cpu");
  EXPECT_EQ(device_error("auto", CudaWithTwoGpus), "cuda:0");
  EXPECT_EQ(device_error("cpu", CudaWithTwoGpus), "cpu");
  EXPECT_EQ(device_error("cuda", CudaWithTwoGpus), "cuda:0");
  EXPECT_EQ(device_error("cuda:1", CudaWithTwoGpus), "cuda:1");
}

TEST(VerifyDeviceTest, MissingCudaDevicesAreBadInput) {
  EXPECT_EQ(device_error("cuda", CpuOnly),
            "device 'cuda' requested, but this LibTorch is built without "
            "CUDA");
  EXPECT_EQ(device_error("cuda:0", CudaWithoutGpu),
            "device 'cuda:0' requested, but no GPU found (LibTorch is built "
            "with CUDA 13.2 but sees no CUDA device)");
  EXPECT_EQ(device_error("cuda:2", CudaWithTwoGpus),
            "device 'cuda:2' requested, but only 2 CUDA device(s) are "
            "visible");
}

TEST(VerifyDeviceTest, NoteOnlyWhenAutoFallsBackFromCuda) {
  EXPECT_EQ(no_gpu_note("auto", CudaWithoutGpu),
            "no GPU found (LibTorch is built with CUDA 13.2 but sees no CUDA "
            "device); verifying on cpu");
  EXPECT_EQ(no_gpu_note("auto", CpuOnly), "");
  EXPECT_EQ(no_gpu_note("auto", CudaWithTwoGpus), "");
  EXPECT_EQ(no_gpu_note("cpu", CudaWithoutGpu), "");
}

TEST(VerifyDeviceTest, ThisLibTorchIsWhatCMakeFound) {
  CudaSupport cuda = detect_cuda();
#if VMAP_TIDY_TEST_TORCH_HAS_CUDA
  EXPECT_TRUE(std::regex_match(cuda.built_with, std::regex(R"(\d+\.\d+)")))
      << "CUDA version '" << cuda.built_with << "'";
#else
  EXPECT_EQ(cuda.built_with, "");
  EXPECT_EQ(cuda.devices, 0);
#endif
}

} // namespace
