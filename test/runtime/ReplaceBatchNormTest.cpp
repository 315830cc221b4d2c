//===--- ReplaceBatchNormTest.cpp - replace_all_batch_norm_modules_ -------===//

#include "vmap_tidy/ReplaceBatchNorm.h"
#include "TestModels.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace vmap_tidy;
using vmap_tidy::test::NestedNet;

namespace {

std::vector<std::string> describe(const std::vector<ReplacedNormModule> &all) {
  std::vector<std::string> result;
  for (const ReplacedNormModule &m : all)
    result.push_back(m.name + ":" + std::string(norm_kind_name(m.kind)));
  return result;
}

std::vector<std::string> buffer_names(const torch::nn::Module &module) {
  std::vector<std::string> names;
  for (const auto &item : module.named_buffers())
    names.push_back(item.key());
  return names;
}

const char *const RunningStatsError =
    "Batch norm got a batched tensor as input while the running_mean or "
    "running_var, which will be updated in place, were not batched.";

TEST(ReplaceBatchNormTest, NestedModelRunsUnderVmapAfterwards) {
  torch::manual_seed(0);
  NestedNet net;
  net->train();
  torch::Tensor batch = torch::randn({3, 2, 3, 5, 5});
  try {
    test::vmapped(net, batch);
    FAIL() << "the unfixed model ran under vmap";
  } catch (const c10::Error &error) {
    EXPECT_NE(std::string(error.what()).find(RunningStatsError),
              std::string::npos);
  }
  torch::Tensor head_weight = net->head_norm->weight;

  std::vector<ReplacedNormModule> replaced =
      replace_all_batch_norm_modules_(*net);

  EXPECT_EQ(describe(replaced),
            (std::vector<std::string>{"features.1:BatchNorm2d",
                                      "features.3:InstanceNorm2d",
                                      "head_norm:BatchNorm1d"}));
  // Registered buffers are gone too, as after track_running_stats(false).
  EXPECT_TRUE(buffer_names(*net).empty());
  EXPECT_FALSE(net->head_norm->options.track_running_stats());
  EXPECT_FALSE(net->head_norm->running_mean.defined());
  // Learned parameters are the same tensors.
  EXPECT_TRUE(net->head_norm->weight.is_same(head_weight));

  torch::Tensor vmapped = test::vmapped(net, batch);
  torch::Tensor looped = test::per_member(net, batch);
  ASSERT_EQ(vmapped.sizes(), (std::vector<int64_t>{3, 2, 6}));
  EXPECT_LE((vmapped - looped).abs().max().item<double>(), 1e-5);
}

TEST(ReplaceBatchNormTest, FlippingTheOptionAloneIsNotEnough) {
  torch::nn::BatchNorm1d norm(4);
  norm->options.track_running_stats(false);
  torch::Tensor batch = torch::randn({3, 5, 4});
  EXPECT_THROW(test::vmapped(norm, batch), c10::Error);

  std::vector<ReplacedNormModule> replaced =
      replace_all_batch_norm_modules_(*norm);
  EXPECT_EQ(describe(replaced), (std::vector<std::string>{":BatchNorm1d"}));
  EXPECT_NO_THROW(test::vmapped(norm, batch));
}

TEST(ReplaceBatchNormTest, ClonesAndMovesLikeAStatsFreeModule) {
  torch::nn::Sequential net(torch::nn::BatchNorm2d(3));
  replace_all_batch_norm_modules_(*net);
  // clone() copies every registered buffer into a fresh module built from
  // the options; it fails if the table and the options disagree.
  std::shared_ptr<torch::nn::Module> copy = net->clone();
  EXPECT_TRUE(buffer_names(*copy).empty());
  net->to(torch::kDouble);
  EXPECT_EQ(net[0]->as<torch::nn::BatchNorm2d>()->weight.dtype(),
            torch::kDouble);
}

TEST(ReplaceBatchNormTest, RootNotOwnedBySharedPtr) {
  torch::nn::BatchNorm3dImpl norm(torch::nn::BatchNorm3dOptions(2));
  EXPECT_EQ(describe(replace_all_batch_norm_modules_(norm)),
            (std::vector<std::string>{":BatchNorm3d"}));
  EXPECT_FALSE(norm.running_var.defined());
}

TEST(ReplaceBatchNormTest, SecondCallChangesNothing) {
  NestedNet net;
  EXPECT_EQ(replace_all_batch_norm_modules_(*net).size(), 3u);
  EXPECT_TRUE(replace_all_batch_norm_modules_(*net).empty());
}

} // namespace
