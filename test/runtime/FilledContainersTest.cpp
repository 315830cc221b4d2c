//===--- FilledContainersTest.cpp - Modules added after construction ------===//
//
// The programs of test/checker/vmapped-path/reach-filled-containers.cpp,
// run under vmap_tidy::vmap: a BatchNorm added to a Sequential subclass by
// its own constructor, or kept in a C array, fails under vmap in training
// mode (what vmap-tidy reports); built with track_running_stats(false) it
// runs; the Sequential subclass never vmapped is not run under vmap.
//
//===----------------------------------------------------------------------===//

#include "VmapAssertions.h"
#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>

using namespace torch::nn;
using torch::Tensor;
using vmap_tidy::vmap;

namespace {

struct StackImpl : SequentialImpl {
  explicit StackImpl(bool trackRunningStats) {
    push_back(Linear(4, 4));
    push_back(BatchNorm1d(
        BatchNorm1dOptions(4).track_running_stats(trackRunningStats)));
  }
};

TEST(FilledContainersTest, SequentialSubclassFilledByItsConstructor) {
  Tensor x = torch::randn({3, 5, 4});
  auto flagged = std::make_shared<StackImpl>(true);
  EXPECT_TRUE(vmap_tidy::test::throws_vmap_error(
      vmap_tidy::test::kRunningStatsError,
      [&] { vmap([&](const Tensor &t) { return flagged->forward(t); })(x); }));
  auto fixed = std::make_shared<StackImpl>(false);
  Tensor y = vmap([&](const Tensor &t) { return fixed->forward(t); })(x);
  for (int64_t i = 0; i < x.size(0); ++i)
    EXPECT_TRUE(torch::allclose(y[i], fixed->forward(x[i]), 1e-5, 1e-6));
  EXPECT_EQ(vmap_tidy::active_functorch_levels(), 0u);
}

TEST(FilledContainersTest, CArrayOfHolders) {
  Tensor x = torch::randn({3, 5, 4});
  BatchNorm1d flagged[2] = {BatchNorm1d(4), BatchNorm1d(4)};
  EXPECT_TRUE(vmap_tidy::test::throws_vmap_error(
      vmap_tidy::test::kRunningStatsError,
      [&] { vmap([&](const Tensor &t) { return flagged[1](t); })(x); }));
  BatchNorm1d fixed[2] = {
      BatchNorm1d(BatchNorm1dOptions(4).track_running_stats(false)),
      BatchNorm1d(BatchNorm1dOptions(4).track_running_stats(false))};
  Tensor y = vmap([&](const Tensor &t) { return fixed[1](t); })(x);
  for (int64_t i = 0; i < x.size(0); ++i)
    EXPECT_TRUE(torch::allclose(y[i], fixed[1](x[i]), 1e-5, 1e-6));
}

} // namespace
