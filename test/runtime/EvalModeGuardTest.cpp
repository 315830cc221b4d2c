//===--- EvalModeGuardTest.cpp - vmap_tidy::EvalModeGuard -----------------===//

#include "vmap_tidy/EvalModeGuard.h"
#include "TestModels.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

using vmap_tidy::EvalModeGuard;
using vmap_tidy::test::NestedNet;

namespace {

/// Training flag of every module, the root as "".
std::map<std::string, bool> modes(const NestedNet &net) {
  std::map<std::string, bool> result{{"", net->is_training()}};
  for (const auto &item : net->named_modules("", /*include_self=*/false))
    result[item.key()] = item.value()->is_training();
  return result;
}

/// Training root, an eval subtree with one training module inside it.
NestedNet mixed_modes() {
  NestedNet net;
  net->train();
  net->features->eval();
  net->features[1]->train();
  return net;
}

bool all_eval(const std::map<std::string, bool> &flags) {
  for (const auto &[name, training] : flags)
    if (training)
      return false;
  return true;
}

TEST(EvalModeGuardTest, RestoresEachModulesOwnFlag) {
  NestedNet net = mixed_modes();
  const std::map<std::string, bool> before = modes(net);
  ASSERT_TRUE(before.at(""));
  ASSERT_FALSE(before.at("features"));
  ASSERT_TRUE(before.at("features.1"));
  ASSERT_FALSE(before.at("features.3"));
  {
    EvalModeGuard guard(*net);
    EXPECT_TRUE(all_eval(modes(net)));
  }
  EXPECT_EQ(modes(net), before);
}

TEST(EvalModeGuardTest, RestoresWhenAnExceptionUnwinds) {
  NestedNet net = mixed_modes();
  const std::map<std::string, bool> before = modes(net);
  try {
    EvalModeGuard guard(*net);
    EXPECT_TRUE(all_eval(modes(net)));
    throw std::runtime_error("boom");
  } catch (const std::runtime_error &) {
  }
  EXPECT_EQ(modes(net), before);
}

TEST(EvalModeGuardTest, EvalModeRunsUnderVmap) {
  torch::manual_seed(0);
  NestedNet net;
  net->train();
  torch::Tensor batch = torch::randn({3, 2, 3, 5, 5});
  // Populate the running statistics the way training would.
  for (int i = 0; i < 3; ++i)
    net->forward(batch[i]);
  torch::Tensor running_mean = net->head_norm->running_mean.clone();
  EXPECT_THROW(vmap_tidy::test::vmapped(net, batch), c10::Error);
  {
    EvalModeGuard guard(*net);
    torch::Tensor vmapped = vmap_tidy::test::vmapped(net, batch);
    torch::Tensor looped = vmap_tidy::test::per_member(net, batch);
    EXPECT_LE((vmapped - looped).abs().max().item<double>(), 1e-5);
  }
  EXPECT_TRUE(net->is_training());
  // Eval mode reads the statistics without updating them.
  EXPECT_TRUE(torch::equal(net->head_norm->running_mean, running_mean));
}

TEST(EvalModeGuardTest, RootNotOwnedBySharedPtr) {
  torch::nn::BatchNorm1dImpl norm(torch::nn::BatchNorm1dOptions(3));
  norm.train();
  {
    EvalModeGuard guard(norm);
    EXPECT_FALSE(norm.is_training());
  }
  EXPECT_TRUE(norm.is_training());
}

} // namespace
