//===--- CheckVmapSafeTest.cpp - vmap_tidy::check_vmap_safe ---------------===//

#include "vmap_tidy/CheckVmapSafe.h"
#include "TestModels.h"
#include "vmap_tidy/EvalModeGuard.h"
#include "vmap_tidy/ReplaceBatchNorm.h"

#include <gtest/gtest.h>

using namespace vmap_tidy;
using vmap_tidy::test::NestedNet;

namespace {

const char *const RunningStatsError =
    "Batch norm got a batched tensor as input while the running_mean or "
    "running_var, which will be updated in place, were not batched.";

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

TEST(CheckVmapSafeTest, NamesTheFirstFailingBatchNorm) {
  NestedNet net;
  net->train();
  torch::Tensor buffers_before = net->features[1]
                                     ->as<torch::nn::BatchNorm2d>()
                                     ->num_batches_tracked.clone();
  VmapCheck check = check_vmap_safe(net, torch::randn({2, 3, 5, 5}));
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.failing_module, "features.1");
  EXPECT_EQ(check.failing_kind, "BatchNorm2d");
  EXPECT_TRUE(contains(check.error, RunningStatsError)) << check.error;
  // No backtrace in the message.
  EXPECT_FALSE(contains(check.error, "Exception raised from")) << check.error;
  // The failed forward pass had counted a batch; the check undid it.
  EXPECT_TRUE(torch::equal(
      net->features[1]->as<torch::nn::BatchNorm2d>()->num_batches_tracked,
      buffers_before));
}

TEST(CheckVmapSafeTest, OkAfterReplacingBatchNorms) {
  NestedNet net;
  net->train();
  replace_all_batch_norm_modules_(*net);
  VmapCheck check = check_vmap_safe(net, torch::randn({2, 3, 5, 5}), 3);
  EXPECT_TRUE(check.ok) << check.error;
  EXPECT_EQ(check.failing_module, "");
  EXPECT_EQ(check.error, "");
}

TEST(CheckVmapSafeTest, OkInEvalMode) {
  NestedNet net;
  net->train();
  EvalModeGuard eval(*net);
  EXPECT_TRUE(check_vmap_safe(net, torch::randn({2, 3, 5, 5})).ok);
}

TEST(CheckVmapSafeTest, RootModuleFailing) {
  torch::nn::BatchNorm1d norm(5);
  VmapCheck check = check_vmap_safe(norm, torch::randn({4, 5}));
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.failing_module, "");
  EXPECT_EQ(check.failing_kind, "BatchNorm1d");
}

TEST(CheckVmapSafeTest, LaterNormIsNamedWhenEarlierOnesAreFixed) {
  NestedNet net;
  net->train();
  net->features->eval();
  VmapCheck check = check_vmap_safe(net, torch::randn({2, 3, 5, 5}));
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.failing_module, "head_norm");
  EXPECT_EQ(check.failing_kind, "BatchNorm1d");
}

TEST(CheckVmapSafeTest, FailureOutsideNormModulesHasNoCulprit) {
  torch::nn::Sequential net(torch::nn::Linear(4, 4), torch::nn::Dropout(0.5));
  net->train();
  VmapCheck check = check_vmap_safe(net, torch::randn({2, 4}));
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.failing_module, "");
  EXPECT_EQ(check.failing_kind, "");
  EXPECT_TRUE(contains(check.error, "randomness")) << check.error;
  EXPECT_TRUE(
      check_vmap_safe(net, torch::randn({2, 4}), 4, Randomness::Different).ok);
}

TEST(CheckVmapSafeTest, NeverThrowsOnBadArguments) {
  torch::nn::Linear net(4, 4);
  VmapCheck no_batch = check_vmap_safe(net, torch::randn({2, 4}), 0);
  EXPECT_FALSE(no_batch.ok);
  EXPECT_EQ(no_batch.error,
            "check_vmap_safe: batch_size must be at least 1, got 0");
  VmapCheck undefined = check_vmap_safe(net, torch::Tensor());
  EXPECT_EQ(undefined.error, "check_vmap_safe: the example input is undefined");
  VmapCheck wrong_shape = check_vmap_safe(net, torch::randn({2, 7}));
  EXPECT_FALSE(wrong_shape.ok);
  EXPECT_TRUE(contains(wrong_shape.error, "shapes cannot be multiplied"))
      << wrong_shape.error;
  EXPECT_EQ(active_functorch_levels(), 0u);
}

} // namespace
