//===--- FunctionalBatchNormTest.cpp - vmap-functional-batch-norm ---------===//
//
// Runs every call docs/rules/vmap-functional-batch-norm.md reports under
// vmap_tidy::vmap and checks functorch's own error; checks that what the
// rule leaves alone (no running statistics, training false, the functional
// options' defaults) works and equals a per-member loop; and that the fix,
// undefined running statistics, gives the original call's output and leaves
// the statistics alone, while `{}` in eval mode would fail.
//
//===----------------------------------------------------------------------===//

#include "VmapAssertions.h"
#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

using torch::Tensor;
using vmap_tidy::active_functorch_levels;
using vmap_tidy::vmap;
namespace F = torch::nn::functional;

namespace {

// functorch's message (its first sentence; a hint about modules follows),
// the same in LibTorch 1.13 and 2.15 (what the suite runs against).
const std::string kRunningStats =
    "Batch norm got a batched tensor as input while the running_mean or "
    "running_var, which will be updated in place, were not batched.";
/// LibTorch's own error for batch norm in eval mode without statistics.
const std::string kEvalWithoutStats =
    "running_mean must be defined in evaluation mode";

/// Four members, each a batch of six samples of three features; the
/// members' statistics differ.
Tensor batches() {
  return torch::sin(torch::arange(72, torch::kFloat)).reshape({4, 6, 3}) *
         (torch::arange(4, torch::kFloat) + 1).view({4, 1, 1});
}
/// Four members, each two 3-channel 5x5 images.
Tensor images() {
  return torch::cos(torch::arange(4 * 2 * 3 * 5 * 5, torch::kFloat) / 7)
      .reshape({4, 2, 3, 5, 5});
}

/// Per-channel statistics and affine parameters for three channels.
struct Stats {
  Tensor mean = torch::tensor({0.1f, -0.2f, 0.3f});
  Tensor var = torch::tensor({1.5f, 0.5f, 2.f});
  Tensor weight = torch::tensor({1.f, 2.f, 0.5f});
  Tensor bias = torch::tensor({0.f, 0.1f, -0.1f});
};

using Body = std::function<Tensor(const Tensor &)>;

/// A call to run on each member, with the input it runs on.
struct Case {
  std::string name;
  Body body;
  Tensor input = batches();
};

/// Fails under vmap over batches() unless another batch is given.
::testing::AssertionResult fails_under_vmap_with(const std::string &expected,
                                                 const Body &body,
                                                 const Tensor &x = batches()) {
  return vmap_tidy::test::fails_under_vmap_with(expected, body, x);
}

using vmap_tidy::test::per_member_loop;

/// Equals the loop over batches() unless another batch is given, within
/// 1e-6 absolute.
::testing::AssertionResult
matches_per_member_loop(const Body &fixed, const Body &original,
                        const Tensor &x = batches()) {
  return vmap_tidy::test::matches_per_member_loop(
      fixed, original, x, vmap_tidy::Randomness::Error, 1e-5, 1e-6);
}

/// Whether \p stats still hold Stats' initial values.
::testing::AssertionResult untouched(const Stats &stats) {
  Stats initial;
  if (!torch::equal(stats.mean, initial.mean) ||
      !torch::equal(stats.var, initial.var))
    return ::testing::AssertionFailure() << "running statistics changed:\n"
                                         << stats.mean << "\n"
                                         << stats.var;
  return ::testing::AssertionSuccess();
}

/// A functional BatchNorm whose weights and statistics live in a struct, as
/// wrappers of functional ResNets keep them.
struct FunctionalNorm {
  Stats stats;
  bool training = true;
  Tensor operator()(const Tensor &x) const {
    return torch::batch_norm(x, stats.weight, stats.bias, stats.mean, stats.var,
                             training, 0.1, 1e-5, false);
  }
};

/// A module that keeps its statistics as registered buffers and normalises
/// with F::batch_norm, training as the module does.
struct FunctionalBatchNormNetImpl : torch::nn::Module {
  FunctionalBatchNormNetImpl() {
    Stats initial;
    running_mean = register_buffer("running_mean", initial.mean);
    running_var = register_buffer("running_var", initial.var);
  }
  Tensor forward(const Tensor &x) {
    return F::batch_norm(x, running_mean, running_var,
                         F::BatchNormFuncOptions().training(is_training()));
  }
  Tensor running_mean, running_var;
};
TORCH_MODULE(FunctionalBatchNormNet);

//===--- Reported ---------------------------------------------------------===//

TEST(FunctionalBatchNormTest, BatchNormWithRunningStatsAndTrainingFails) {
  Stats s;
  std::vector<Case> cases = {
      {"torch::batch_norm",
       [&](const Tensor &t) {
         return torch::batch_norm(t, s.weight, s.bias, s.mean, s.var, true, 0.1,
                                  1e-5, false);
       }},
      {"at::batch_norm",
       [&](const Tensor &t) {
         return at::batch_norm(t, s.weight, s.bias, s.mean, s.var, true, 0.1,
                               1e-5, false);
       }},
      {"F::batch_norm(training(true))",
       [&](const Tensor &t) {
         return F::batch_norm(t, s.mean, s.var,
                              F::BatchNormFuncOptions().training(true));
       }},
      {"F::batch_norm(weight, bias, training(true))",
       [&](const Tensor &t) {
         return F::batch_norm(
             t, s.mean, s.var,
             F::BatchNormFuncOptions().weight(s.weight).bias(s.bias).training(
                 true));
       }},
      {"F::detail::batch_norm",
       [&](const Tensor &t) {
         return F::detail::batch_norm(t, s.mean, s.var, s.weight, s.bias, true,
                                      0.1, 1e-5);
       }},
      {"torch::batch_norm on images",
       [&](const Tensor &t) {
         return torch::batch_norm(t, s.weight, s.bias, s.mean, s.var, true, 0.1,
                                  1e-5, false);
       },
       images()}};
  for (const Case &c : cases)
    EXPECT_TRUE(fails_under_vmap_with(kRunningStats, c.body, c.input))
        << c.name;
  // functorch refuses before the statistics are touched.
  EXPECT_TRUE(untouched(s));
}

// One defined statistic is enough: it would be updated in place.
TEST(FunctionalBatchNormTest, OneDefinedRunningStatisticFails) {
  Stats s;
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, [&](const Tensor &t) {
    return torch::batch_norm(t, s.weight, s.bias, s.mean, {}, true, 0.1, 1e-5,
                             false);
  }));
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, [&](const Tensor &t) {
    return torch::batch_norm(t, s.weight, s.bias, {}, s.var, true, 0.1, 1e-5,
                             false);
  }));
}

// instance_norm with use_input_stats and running statistics updates them
// through batch norm (the mean over the instances), and fails alike.
TEST(FunctionalBatchNormTest, InstanceNormWithInputStatsAndRunningStatsFails) {
  Stats s;
  ASSERT_TRUE(F::InstanceNormFuncOptions().use_input_stats());
  std::vector<Case> cases = {
      {"torch::instance_norm",
       [&](const Tensor &t) {
         return torch::instance_norm(t, s.weight, s.bias, s.mean, s.var, true,
                                     0.1, 1e-5, false);
       },
       images()},
      {"F::instance_norm(running_mean, running_var)",
       [&](const Tensor &t) {
         return F::instance_norm(
             t, F::InstanceNormFuncOptions().running_mean(s.mean).running_var(
                    s.var));
       },
       images()},
      {"F::instance_norm(..., use_input_stats(true))",
       [&](const Tensor &t) {
         return F::instance_norm(t, F::InstanceNormFuncOptions()
                                        .running_mean(s.mean)
                                        .running_var(s.var)
                                        .use_input_stats(true));
       },
       images()}};
  for (const Case &c : cases)
    EXPECT_TRUE(fails_under_vmap_with(kRunningStats, c.body, c.input))
        << c.name;
  EXPECT_TRUE(untouched(s));
}

TEST(FunctionalBatchNormTest, RunningStatsOfABatchNormModuleFail) {
  torch::nn::BatchNorm1d bn(3);
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, [&](const Tensor &t) {
    return torch::batch_norm(t, bn->weight, bn->bias, bn->running_mean,
                             bn->running_var, true, 0.1, 1e-5, false);
  }));
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, [&](const Tensor &t) {
    return F::batch_norm(t, bn->running_mean, bn->running_var,
                         F::BatchNormFuncOptions()
                             .weight(bn->weight)
                             .bias(bn->bias)
                             .training(true));
  }));
  EXPECT_TRUE(torch::equal(bn->running_mean, torch::zeros({3})));
  EXPECT_TRUE(torch::equal(bn->running_var, torch::ones({3})));
}

TEST(FunctionalBatchNormTest, StatisticsKeptInAStructFail) {
  FunctionalNorm norm;
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, norm));
}

// training(is_training()) follows the module: it fails where the module
// trains, and only reads the statistics in eval mode.
TEST(FunctionalBatchNormTest, TrainingThatFollowsTheModuleFailsOnlyInTraining) {
  FunctionalBatchNormNet net;
  auto run = [&](const Tensor &t) { return net(t); };
  ASSERT_TRUE(net->is_training());
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, run));
  net->eval();
  EXPECT_TRUE(matches_per_member_loop(run, run));
  Stats initial;
  EXPECT_TRUE(torch::equal(net->running_mean, initial.mean));
  EXPECT_TRUE(torch::equal(net->running_var, initial.var));
}

//===--- Not reported -----------------------------------------------------===//

TEST(FunctionalBatchNormTest, NoRunningStatsWork) {
  Stats s;
  auto bn = [&](const Tensor &t) {
    return torch::batch_norm(t, s.weight, s.bias, {}, {}, true, 0.1, 1e-5,
                             false);
  };
  EXPECT_TRUE(matches_per_member_loop(bn, bn));
  EXPECT_TRUE(matches_per_member_loop(bn, bn, images()));
  auto optional_stats = [&](const Tensor &t) {
    return at::batch_norm(t, s.weight, s.bias, c10::nullopt, c10::nullopt, true,
                          0.1, 1e-5, false);
  };
  EXPECT_TRUE(matches_per_member_loop(optional_stats, optional_stats));
  auto plain_tensors = [&](const Tensor &t) {
    return F::batch_norm(t, Tensor(), Tensor(),
                         F::BatchNormFuncOptions().training(true));
  };
  EXPECT_TRUE(matches_per_member_loop(plain_tensors, plain_tensors));
  auto instance = [&](const Tensor &t) {
    return torch::instance_norm(t, s.weight, s.bias, {}, {}, true, 0.1, 1e-5,
                                false);
  };
  EXPECT_TRUE(matches_per_member_loop(instance, instance, images()));
}

TEST(FunctionalBatchNormTest, TrainingFalseReadsTheStatistics) {
  Stats s;
  auto bn = [&](const Tensor &t) {
    return torch::batch_norm(t, s.weight, s.bias, s.mean, s.var, false, 0.1,
                             1e-5, false);
  };
  EXPECT_TRUE(matches_per_member_loop(bn, bn));
  EXPECT_TRUE(matches_per_member_loop(bn, bn, images()));
  // What eval-mode batch norm computes.
  EXPECT_TRUE(matches_per_member_loop(bn, [&](const Tensor &t) {
    return (t - s.mean) / torch::sqrt(s.var + 1e-5) * s.weight + s.bias;
  }));
  auto instance = [&](const Tensor &t) {
    return torch::instance_norm(t, s.weight, s.bias, s.mean, s.var,
                                /*use_input_stats=*/false, 0.1, 1e-5, false);
  };
  EXPECT_TRUE(matches_per_member_loop(instance, instance, images()));
  EXPECT_TRUE(untouched(s));
}

// F::batch_norm's options default to training(false): the statistics are
// only read. F::instance_norm's default to use_input_stats(true) without
// running statistics: nothing to update.
TEST(FunctionalBatchNormTest, FunctionalDefaultsWork) {
  Stats s;
  ASSERT_FALSE(F::BatchNormFuncOptions().training());
  ASSERT_FALSE(F::InstanceNormFuncOptions().running_mean().defined());
  ASSERT_FALSE(F::InstanceNormFuncOptions().running_var().defined());
  auto bn = [&](const Tensor &t) { return F::batch_norm(t, s.mean, s.var); };
  EXPECT_TRUE(matches_per_member_loop(bn, bn));
  EXPECT_TRUE(matches_per_member_loop(bn, [&](const Tensor &t) {
    return torch::batch_norm(t, {}, {}, s.mean, s.var, false, 0.1, 1e-5, false);
  }));
  auto instance = [](const Tensor &t) { return F::instance_norm(t); };
  EXPECT_TRUE(matches_per_member_loop(instance, instance, images()));
  // Each image normalised over its own pixels.
  EXPECT_TRUE(matches_per_member_loop(
      instance,
      [](const Tensor &t) {
        Tensor mean = t.mean({2, 3}, /*keepdim=*/true);
        Tensor var = t.var({2, 3}, /*unbiased=*/false, /*keepdim=*/true);
        return (t - mean) / torch::sqrt(var + 1e-5);
      },
      images()));
  EXPECT_TRUE(untouched(s));
}

//===--- The fix ----------------------------------------------------------===//

// In training mode batch norm normalises with the batch's statistics, so
// undefined running statistics give the original call's output: the fix
// under vmap equals a per-member loop of the original call (to rounding:
// vmap normalises all members in one call). The loop updates the statistics;
// the fix does not.
TEST(FunctionalBatchNormTest, UndefinedStatsGiveTheOriginalOutput) {
  Stats fixed_stats, loop_stats;
  auto fixed = [&](const Tensor &t) {
    return torch::batch_norm(t, fixed_stats.weight, fixed_stats.bias, {}, {},
                             true, 0.1, 1e-5, false);
  };
  auto original = [&](const Tensor &t) {
    return torch::batch_norm(t, loop_stats.weight, loop_stats.bias,
                             loop_stats.mean, loop_stats.var, true, 0.1, 1e-5,
                             false);
  };
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, original));
  EXPECT_TRUE(matches_per_member_loop(fixed, original));
  EXPECT_TRUE(untouched(fixed_stats));
  EXPECT_FALSE(untouched(loop_stats));

  // The same for images, for F::batch_norm and for instance_norm.
  Stats s;
  EXPECT_TRUE(matches_per_member_loop(
      fixed, [&](const Tensor &t) { return FunctionalNorm{s}(t); }, images()));
  Stats f;
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) {
        return F::batch_norm(t, {}, {},
                             F::BatchNormFuncOptions().training(true));
      },
      [&](const Tensor &t) {
        return F::batch_norm(t, f.mean, f.var,
                             F::BatchNormFuncOptions().training(true));
      }));
  Stats i;
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) {
        return torch::instance_norm(t, {}, {}, {}, {}, true, 0.1, 1e-5, false);
      },
      [&](const Tensor &t) {
        return torch::instance_norm(t, {}, {}, i.mean, i.var, true, 0.1, 1e-5,
                                    false);
      },
      images()));
}

// With a BatchNorm module's buffers: the fix runs under vmap and leaves the
// buffers as they were.
TEST(FunctionalBatchNormTest, UndefinedStatsLeaveModuleBuffersAlone) {
  torch::nn::BatchNorm1d bn(3);
  auto fixed = [&](const Tensor &t) {
    return torch::batch_norm(t, bn->weight, bn->bias, {}, {}, true, 0.1, 1e-5,
                             false);
  };
  torch::nn::BatchNorm1d reference(3);
  auto original = [&](const Tensor &t) {
    return torch::batch_norm(t, reference->weight, reference->bias,
                             reference->running_mean, reference->running_var,
                             true, 0.1, 1e-5, false);
  };
  EXPECT_TRUE(matches_per_member_loop(fixed, original));
  EXPECT_TRUE(torch::equal(bn->running_mean, torch::zeros({3})));
  EXPECT_TRUE(torch::equal(bn->running_var, torch::ones({3})));
  EXPECT_FALSE(torch::equal(reference->running_mean, torch::zeros({3})));
}

// Why the fix is not made where training may be false: in eval mode batch
// norm reads the statistics, and without them it fails, outside vmap too.
TEST(FunctionalBatchNormTest, UndefinedStatsBreakEvalMode) {
  auto eval_without_stats = [](const Tensor &t) {
    return torch::batch_norm(t, {}, {}, {}, {}, false, 0.1, 1e-5, false);
  };
  EXPECT_TRUE(fails_under_vmap_with(kEvalWithoutStats, eval_without_stats));
  EXPECT_THROW(eval_without_stats(batches()[0]), c10::Error);
  EXPECT_TRUE(fails_under_vmap_with(kEvalWithoutStats, [](const Tensor &t) {
    return F::batch_norm(t, {}, {});
  }));
  // training false with the statistics (the other suggestion) works.
  Stats s;
  auto eval_with_stats = [&](const Tensor &t) {
    return torch::batch_norm(t, {}, {}, s.mean, s.var, false, 0.1, 1e-5, false);
  };
  EXPECT_TRUE(matches_per_member_loop(eval_with_stats, eval_with_stats));
}

//===--- The level stack --------------------------------------------------===//

TEST(FunctionalBatchNormTest, FailuresLeaveNoLevel) {
  Stats s;
  EXPECT_TRUE(fails_under_vmap_with(kRunningStats, FunctionalNorm{s}));
  EXPECT_EQ(active_functorch_levels(), 0u);
  // Outside vmap the same call works and updates the statistics.
  Tensor y = FunctionalNorm{s}(batches()[0]);
  EXPECT_EQ(y.sizes().vec(), (std::vector<int64_t>{6, 3}));
  EXPECT_FALSE(untouched(s));
}

} // namespace
