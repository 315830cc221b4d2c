//===--- ClassTemplatesTest.cpp - Modules built in class templates --------===//
//
// The program of test/checker/vmapped-path/reach-class-templates.cpp, run
// under vmap_tidy::vmap: a BatchNorm2d built in a class template over its
// channel count, instantiated through std::make_shared, fails under vmap in
// training mode for each instantiation; the pattern fixed as vmap-tidy
// fixes it (track_running_stats(false)) runs for both and equals a
// per-member loop.
//
//===----------------------------------------------------------------------===//

#include "VmapAssertions.h"
#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <memory>
#include <string>

using namespace torch::nn;
using torch::Tensor;
using vmap_tidy::vmap;

namespace {

template <int64_t C> struct FlaggedImpl : Module {
  FlaggedImpl() { bn = register_module("bn", BatchNorm2d(C)); }
  Tensor forward(Tensor x) { return bn(x); }
  BatchNorm2d bn{nullptr};
};

template <int64_t C> struct FixedImpl : Module {
  FixedImpl() {
    bn = register_module(
        "bn", BatchNorm2d(
                  torch::nn::BatchNorm2dOptions(C).track_running_stats(false)));
  }
  Tensor forward(Tensor x) { return bn(x); }
  BatchNorm2d bn{nullptr};
};

template <int64_t C> void checkInstantiation() {
  Tensor x = torch::randn({3, 2, C, 5, 5});
  auto flagged = std::make_shared<FlaggedImpl<C>>();
  EXPECT_TRUE(vmap_tidy::test::throws_vmap_error(
      vmap_tidy::test::kRunningStatsError,
      [&] { vmap([&](const Tensor &t) { return flagged->forward(t); })(x); }))
      << "C = " << C;
  auto fixed = std::make_shared<FixedImpl<C>>();
  Tensor y = vmap([&](const Tensor &t) { return fixed->forward(t); })(x);
  for (int64_t i = 0; i < x.size(0); ++i)
    EXPECT_TRUE(torch::allclose(y[i], fixed->forward(x[i]), 1e-5, 1e-6));
  EXPECT_EQ(vmap_tidy::active_functorch_levels(), 0u);
}

TEST(ClassTemplatesTest, EveryInstantiationFailsAndThePatternFixSuitsEach) {
  checkInstantiation<4>();
  checkInstantiation<6>();
}

} // namespace
