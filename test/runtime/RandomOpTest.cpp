//===--- RandomOpTest.cpp - What vmap-random-op reports -------------------===//
//
// Runs every random operation docs/rules/vmap-random-op.md lists under
// vmap_tidy::vmap in vmap's default randomness mode and checks functorch's
// own error; checks that what the rule leaves alone (dropout in eval mode,
// training false) works; and that the suggested fixes run under vmap:
// `different` draws per member (as a seeded loop would, where that holds),
// `same` draws once for every member, and a module built outside the
// vmapped function equals a per-member loop. A helper of one's own that
// pushes its functorch level in a guard's constructor runs in the mode it
// pushes.
//
// Two limits of the fixes that the page does not state are checked too:
// `same` refuses samplers whose parameters are batched (bernoulli(t),
// normal(t, ...), poisson, multinomial, binomial, bernoulli_(t)), and
// `different` refuses in-place sampling of a tensor that is not batched,
// which is what constructing a module or an nn::init call on a fresh tensor
// inside the vmapped function does.
//
//===----------------------------------------------------------------------===//

#include "VmapAssertions.h"
#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

using torch::Tensor;
using vmap_tidy::active_functorch_levels;
using vmap_tidy::Randomness;
using vmap_tidy::vmap;
namespace F = torch::nn::functional;

namespace {

// functorch's messages, the same in LibTorch 1.13 and 2.15 (what the suite
// runs against).
const std::string kErrorMode =
    "vmap: called random operation while in randomness error mode. Please "
    "either use the 'same' or 'different' randomness flags on vmap or perform "
    "the randomness operation out of vmap";
/// `same` with a sampler whose parameters (probabilities, means, rates) are
/// batched: one draw cannot serve members with different parameters.
const std::string kSameWithBatchedInput =
    "Vmap does not currently support same randomness with a batched tensor "
    "input. Please file an issue with functorch";
/// `different` with an in-place sampler on a tensor that is not batched:
/// there is one tensor to fill, not one per member.
const std::string kDifferentInPlaceOnUnbatched =
    "vmap: Cannot ask for different inplace randomness on an unbatched "
    "tensor. This will appear like same randomness. If this is necessary for "
    "your usage, please file an issue with functorch.";

/// Four members, each two 3-channel 5x5 images. Every value is distinct and
/// positive, so a dropped value (0) and a kept one (x / (1 - p)) cannot be
/// confused, and no two members are equal.
Tensor images() {
  return torch::arange(1, 1 + 4 * 2 * 3 * 5 * 5, torch::kFloat)
             .reshape({4, 2, 3, 5, 5}) /
         100;
}
/// Four members, each two 3-channel 2x4x4 volumes, for Dropout3d.
Tensor volumes() {
  return torch::arange(1, 1 + 4 * 2 * 3 * 2 * 4 * 4, torch::kFloat)
             .reshape({4, 2, 3, 2, 4, 4}) /
         100;
}
/// Four members of six probabilities in (0, 1), different in each member.
Tensor probabilities() {
  return (torch::arange(24, torch::kFloat).reshape({4, 6}) + 1) / 25;
}

using Body = std::function<Tensor(const Tensor &)>;

/// An operation to run on each member, with the input it runs on.
struct Case {
  std::string name;
  Body body;
  Tensor input = images();
};

/// Fails under vmap over images() unless another batch is given.
::testing::AssertionResult
fails_under_vmap_with(const std::string &expected, const Body &body,
                      const Tensor &x = images(),
                      Randomness randomness = Randomness::Error) {
  return vmap_tidy::test::fails_under_vmap_with(expected, body, x, randomness);
}

/// Every case of \p cases fails under vmap with \p expected.
void expect_all_fail_with(const std::string &expected,
                          const std::vector<Case> &cases,
                          Randomness randomness = Randomness::Error) {
  for (const Case &c : cases)
    EXPECT_TRUE(fails_under_vmap_with(expected, c.body, c.input, randomness))
        << c.name;
}

using vmap_tidy::test::per_member_loop;

/// Equals the loop over images() unless another batch is given.
::testing::AssertionResult
matches_per_member_loop(const Body &fixed, const Body &original,
                        const Tensor &x = images(),
                        Randomness randomness = Randomness::Error) {
  return vmap_tidy::test::matches_per_member_loop(fixed, original, x,
                                                  randomness);
}

/// Whether no two members (slices along dimension 0) of \p y are equal.
::testing::AssertionResult members_all_differ(const Tensor &y) {
  for (int64_t i = 0; i < y.size(0); ++i)
    for (int64_t j = i + 1; j < y.size(0); ++j)
      if (torch::equal(y[i], y[j]))
        return ::testing::AssertionFailure()
               << "members " << i << " and " << j << " are equal";
  return ::testing::AssertionSuccess();
}

constexpr uint64_t kSeed = 7;

/// \p body under vmap with `different`, seeded with kSeed.
Tensor draw_different(const Body &body, const Tensor &x) {
  torch::manual_seed(kSeed);
  return vmap(body, {0}, {0}, Randomness::Different)(x);
}

/// \p body under vmap with `same`, seeded with kSeed.
Tensor draw_same(const Body &body, const Tensor &x) {
  torch::manual_seed(kSeed);
  return vmap(body, {0}, {0}, Randomness::Same)(x);
}

/// A module that drops and adds noise, as the doc's NetImpl does.
struct DocNetImpl : torch::nn::Module {
  DocNetImpl() { drop = register_module("drop", torch::nn::Dropout(0.5)); }
  Tensor forward(Tensor x) {
    auto b = F::dropout(x, F::DropoutFuncOptions().p(0.2));
    return drop(x) + b + torch::randn_like(x);
  }
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(DocNet);

/// Functional dropout that follows the module's mode: the rule's fix.
struct FollowingDropoutImpl : torch::nn::Module {
  Tensor forward(const Tensor &x) {
    return F::dropout(x,
                      F::DropoutFuncOptions().p(0.5).training(is_training())) +
           torch::dropout(x, 0.5, is_training());
  }
};
TORCH_MODULE(FollowingDropout);

/// A user module whose constructor builds a Linear.
struct HeadImpl : torch::nn::Module {
  HeadImpl() { linear = register_module("linear", torch::nn::Linear(5, 2)); }
  Tensor forward(const Tensor &x) { return linear(x); }
  torch::nn::Linear linear{nullptr};
};
TORCH_MODULE(Head);

/// A function-local static module, first built where it is first called.
Tensor static_linear(const Tensor &x) {
  static torch::nn::Linear linear(5, 2);
  return linear(x);
}

//===--- Dropout ----------------------------------------------------------===//

TEST(RandomOpTest, DropoutModulesInTrainingModeFail) {
  torch::nn::Dropout dropout(0.5);
  torch::nn::Dropout2d dropout2d(0.5);
  torch::nn::Dropout3d dropout3d(0.5);
  torch::nn::AlphaDropout alpha(0.5);
  torch::nn::FeatureAlphaDropout feature_alpha(0.5);
  ASSERT_TRUE(dropout->is_training());
  expect_all_fail_with(
      kErrorMode,
      {{"Dropout", [&](const Tensor &t) { return dropout(t); }},
       {"Dropout2d", [&](const Tensor &t) { return dropout2d(t); }},
       {"Dropout3d", [&](const Tensor &t) { return dropout3d(t); }, volumes()},
       {"AlphaDropout", [&](const Tensor &t) { return alpha(t); }},
       {"FeatureAlphaDropout",
        [&](const Tensor &t) { return feature_alpha(t); }}});
}

TEST(RandomOpTest, FunctionalDropoutWithTrainTrueFails) {
  // The in-place forms, on a copy of the member.
  using InPlace = std::function<void(Tensor &)>;
  auto in_place = [](InPlace op) {
    return [op](const Tensor &t) {
      Tensor copy = t.clone();
      op(copy);
      return copy;
    };
  };
  expect_all_fail_with(
      kErrorMode,
      {{"torch::dropout",
        [](const Tensor &t) { return torch::dropout(t, 0.5, true); }},
       {"at::dropout",
        [](const Tensor &t) { return at::dropout(t, 0.5, true); }},
       {"torch::alpha_dropout",
        [](const Tensor &t) { return torch::alpha_dropout(t, 0.5, true); }},
       {"torch::feature_dropout",
        [](const Tensor &t) { return torch::feature_dropout(t, 0.5, true); }},
       {"torch::feature_alpha_dropout",
        [](const Tensor &t) {
          return torch::feature_alpha_dropout(t, 0.5, true);
        }},
       {"torch::dropout_",
        in_place([](Tensor &c) { torch::dropout_(c, 0.5, true); })},
       {"torch::alpha_dropout_",
        in_place([](Tensor &c) { torch::alpha_dropout_(c, 0.5, true); })},
       {"torch::feature_dropout_",
        in_place([](Tensor &c) { torch::feature_dropout_(c, 0.5, true); })},
       {"torch::feature_alpha_dropout_", in_place([](Tensor &c) {
          torch::feature_alpha_dropout_(c, 0.5, true);
        })}});
}

// DropoutFuncOptions (and Dropout2d/3dFuncOptions, its aliases) default to
// training(true): the default options draw even where the module is in eval
// mode. The alpha forms draw when told training(true).
TEST(RandomOpTest, FunctionalDropoutWithDefaultOrTrainingOptionsFails) {
  ASSERT_TRUE(F::DropoutFuncOptions().training());
  expect_all_fail_with(
      kErrorMode,
      {{"F::dropout()", [](const Tensor &t) { return F::dropout(t); }},
       {"F::dropout(p)",
        [](const Tensor &t) {
          return F::dropout(t, F::DropoutFuncOptions().p(0.2));
        }},
       {"F::dropout2d", [](const Tensor &t) { return F::dropout2d(t); }},
       {"F::dropout3d", [](const Tensor &t) { return F::dropout3d(t); },
        volumes()},
       {"F::alpha_dropout(training)",
        [](const Tensor &t) {
          return F::alpha_dropout(t,
                                  F::AlphaDropoutFuncOptions().training(true));
        }},
       {"F::feature_alpha_dropout(training)", [](const Tensor &t) {
          return F::feature_alpha_dropout(
              t, F::FeatureAlphaDropoutFuncOptions().training(true));
        }}});
}

// Unlike DropoutFuncOptions, AlphaDropoutFuncOptions and
// FeatureAlphaDropoutFuncOptions default to training(false): with default
// options these two draw nothing and return their input.
TEST(RandomOpTest, AlphaDropoutFunctionalOptionsDefaultToNoTraining) {
  EXPECT_FALSE(F::AlphaDropoutFuncOptions().training());
  EXPECT_FALSE(F::FeatureAlphaDropoutFuncOptions().training());
  auto identity = [](const Tensor &t) { return t; };
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return F::alpha_dropout(t); }, identity));
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) {
        return F::feature_alpha_dropout(
            t, F::FeatureAlphaDropoutFuncOptions().p(0.5));
      },
      identity));
}

//===--- Random factories and samplers ------------------------------------===//

// The factories take no batched tensor, yet fail: functorch intercepts every
// random operation inside a vmap level.
TEST(RandomOpTest, RandomFactoriesFail) {
  expect_all_fail_with(
      kErrorMode,
      {{"torch::rand", [](const Tensor &) { return torch::rand({3}); }},
       {"torch::randn", [](const Tensor &) { return torch::randn({3}); }},
       {"torch::randint",
        [](const Tensor &) { return torch::randint(10, {3}); }},
       {"torch::randperm", [](const Tensor &) { return torch::randperm(5); }},
       {"torch::normal",
        [](const Tensor &) { return torch::normal(0.0, 1.0, {3}); }},
       {"at::rand", [](const Tensor &) { return at::rand({3}); }}});
}

TEST(RandomOpTest, SamplersAndLikeFactoriesFail) {
  expect_all_fail_with(
      kErrorMode,
      {{"torch::rand_like",
        [](const Tensor &t) { return torch::rand_like(t); }},
       {"torch::randn_like",
        [](const Tensor &t) { return torch::randn_like(t); }},
       {"torch::randint_like",
        [](const Tensor &t) { return torch::randint_like(t, 10); }},
       {"at::normal(mean tensor)",
        [](const Tensor &t) { return at::normal(t, 1.0); }},
       {"torch::bernoulli", [](const Tensor &t) { return torch::bernoulli(t); },
        probabilities()},
       {"torch::bernoulli(p)",
        [](const Tensor &t) { return torch::bernoulli(t, 0.5); }},
       {"Tensor::bernoulli", [](const Tensor &t) { return t.bernoulli(); },
        probabilities()},
       {"torch::multinomial",
        [](const Tensor &t) { return torch::multinomial(t, 3); },
        probabilities()},
       {"Tensor::multinomial", [](const Tensor &t) { return t.multinomial(3); },
        probabilities()},
       {"torch::poisson", [](const Tensor &t) { return torch::poisson(t); }},
       {"at::binomial", [](const Tensor &t) { return at::binomial(t * 10, t); },
        probabilities()}});
}

TEST(RandomOpTest, InPlaceSamplersFail) {
  auto on_copy = [](std::function<void(Tensor &)> sample) {
    return [sample](const Tensor &t) {
      Tensor copy = t.clone();
      sample(copy);
      return copy;
    };
  };
  expect_all_fail_with(
      kErrorMode,
      {{"uniform_", on_copy([](Tensor &c) { c.uniform_(); })},
       {"normal_", on_copy([](Tensor &c) { c.normal_(); })},
       {"bernoulli_", on_copy([](Tensor &c) { c.bernoulli_(0.5); })},
       {"random_", on_copy([](Tensor &c) { c.random_(10); })},
       {"exponential_", on_copy([](Tensor &c) { c.exponential_(); })},
       {"geometric_", on_copy([](Tensor &c) { c.geometric_(0.5); })},
       {"cauchy_", on_copy([](Tensor &c) { c.cauchy_(); })},
       {"log_normal_", on_copy([](Tensor &c) { c.log_normal_(); })},
       // A tensor created inside the vmapped function is not batched; the
       // sampler still fails.
       {"uniform_ on a fresh tensor",
        [](const Tensor &) { return torch::empty({3}).uniform_(); }}});
}

TEST(RandomOpTest, InitialisersFail) {
  using Init = std::function<void(Tensor &)>;
  std::vector<std::pair<std::string, Init>> initialisers = {
      {"uniform_", [](Tensor &w) { torch::nn::init::uniform_(w); }},
      {"normal_", [](Tensor &w) { torch::nn::init::normal_(w); }},
      {"kaiming_uniform_",
       [](Tensor &w) { torch::nn::init::kaiming_uniform_(w); }},
      {"kaiming_normal_",
       [](Tensor &w) { torch::nn::init::kaiming_normal_(w); }},
      {"xavier_uniform_",
       [](Tensor &w) { torch::nn::init::xavier_uniform_(w); }},
      {"xavier_normal_", [](Tensor &w) { torch::nn::init::xavier_normal_(w); }},
      {"orthogonal_", [](Tensor &w) { torch::nn::init::orthogonal_(w); }},
      {"sparse_", [](Tensor &w) { torch::nn::init::sparse_(w, 0.5); }}};
  std::vector<Case> cases;
  for (const auto &[name, init] : initialisers) {
    Init apply = init;
    cases.push_back(
        {"init::" + name + " on a batched tensor", [apply](const Tensor &t) {
           Tensor w = t.flatten(1).clone();
           apply(w);
           return w;
         }});
    cases.push_back(
        {"init::" + name + " on a fresh tensor", [apply](const Tensor &) {
           Tensor w = torch::empty({4, 6});
           apply(w);
           return w;
         }});
  }
  expect_all_fail_with(kErrorMode, cases);
}

// Random operations fail whatever the module's mode: eval mode stops only
// dropout modules (and functional dropout told so) from drawing.
TEST(RandomOpTest, RandomOperationsFailInEvalMode) {
  DocNet net;
  net->eval();
  EXPECT_TRUE(fails_under_vmap_with(kErrorMode,
                                    [&](const Tensor &t) { return net(t); }));
  EXPECT_TRUE(fails_under_vmap_with(kErrorMode, [&](const Tensor &t) {
    return net->drop(t) + torch::randn_like(t);
  }));
}

TEST(RandomOpTest, DocExampleFailsAndRunsWithDifferent) {
  DocNet net;
  ASSERT_TRUE(net->is_training());
  EXPECT_TRUE(fails_under_vmap_with(kErrorMode,
                                    [&](const Tensor &t) { return net(t); }));
  Tensor y = draw_different([&](const Tensor &t) { return net(t); }, images());
  EXPECT_EQ(y.sizes(), images().sizes());
  EXPECT_TRUE(members_all_differ(y - images()));
}

//===--- Constructing modules inside vmapped code -------------------------===//

TEST(RandomOpTest, ConstructingWeightedModulesInsideFails) {
  namespace nn = torch::nn;
  expect_all_fail_with(
      kErrorMode,
      {{"Linear", [](const Tensor &t) { return nn::Linear(5, 2)(t); }},
       {"Conv1d",
        [](const Tensor &t) {
          return nn::Conv1d(nn::Conv1dOptions(15, 2, 3))(t.flatten(1, 2));
        }},
       {"Conv2d",
        [](const Tensor &t) {
          return nn::Conv2d(nn::Conv2dOptions(3, 2, 3))(t);
        }},
       {"Conv3d",
        [](const Tensor &t) {
          return nn::Conv3d(nn::Conv3dOptions(3, 2, 1))(t.unsqueeze(2));
        }},
       {"ConvTranspose2d",
        [](const Tensor &t) {
          return nn::ConvTranspose2d(nn::ConvTranspose2dOptions(3, 2, 3))(t);
        }},
       {"Bilinear",
        [](const Tensor &t) { return nn::Bilinear(5, 5, 2)(t, t); }},
       {"Embedding",
        [](const Tensor &t) {
          nn::Embedding embedding(4, 2);
          return t;
        }},
       {"EmbeddingBag",
        [](const Tensor &t) {
          nn::EmbeddingBag bag(4, 2);
          return t;
        }},
       {"RNN",
        [](const Tensor &t) {
          nn::RNN rnn(5, 2);
          return t;
        }},
       {"LSTM",
        [](const Tensor &t) {
          nn::LSTM lstm(5, 2);
          return t;
        }},
       {"GRU",
        [](const Tensor &t) {
          nn::GRU gru(5, 2);
          return t;
        }},
       {"RNNCell",
        [](const Tensor &t) {
          nn::RNNCell cell(5, 2);
          return t;
        }},
       {"LSTMCell",
        [](const Tensor &t) {
          nn::LSTMCell cell(5, 2);
          return t;
        }},
       {"GRUCell",
        [](const Tensor &t) {
          nn::GRUCell cell(5, 2);
          return t;
        }},
       {"MultiheadAttention",
        [](const Tensor &t) {
          nn::MultiheadAttention attention(4, 2);
          return t;
        }},
       {"TransformerEncoderLayer",
        [](const Tensor &t) {
          nn::TransformerEncoderLayer layer(
              nn::TransformerEncoderLayerOptions(4, 2).dim_feedforward(8));
          return t;
        }},
       {"Transformer",
        [](const Tensor &t) {
          nn::Transformer transformer(
              nn::TransformerOptions(4, 2, 1, 1).dim_feedforward(8));
          return t;
        }},
       {"a user module that builds a Linear",
        [](const Tensor &t) { return Head()(t); }},
       {"a function-local static Linear first built under vmap",
        [](const Tensor &t) { return static_linear(t); }}});
}

//===--- Not flagged ------------------------------------------------------===//

TEST(RandomOpTest, DropoutModulesInEvalModeWork) {
  torch::nn::Dropout dropout(0.5);
  torch::nn::Dropout2d dropout2d(0.5);
  torch::nn::Dropout3d dropout3d(0.5);
  torch::nn::AlphaDropout alpha(0.5);
  torch::nn::FeatureAlphaDropout feature_alpha(0.5);
  for (torch::nn::Module *m : std::vector<torch::nn::Module *>{
           dropout.get(), dropout2d.get(), dropout3d.get(), alpha.get(),
           feature_alpha.get()})
    m->eval();
  auto identity = [](const Tensor &t) { return t; };
  EXPECT_TRUE(matches_per_member_loop(
      [&](const Tensor &t) { return dropout(t); }, identity));
  EXPECT_TRUE(matches_per_member_loop(
      [&](const Tensor &t) { return dropout2d(t); }, identity));
  EXPECT_TRUE(matches_per_member_loop(
      [&](const Tensor &t) { return dropout3d(t); }, identity, volumes()));
  EXPECT_TRUE(matches_per_member_loop([&](const Tensor &t) { return alpha(t); },
                                      identity));
  EXPECT_TRUE(matches_per_member_loop(
      [&](const Tensor &t) { return feature_alpha(t); }, identity));
}

TEST(RandomOpTest, FunctionalDropoutWithTrainingFalseWorks) {
  auto identity = [](const Tensor &t) { return t; };
  auto off = F::DropoutFuncOptions().p(0.5).training(false);
  EXPECT_TRUE(matches_per_member_loop(
      [&](const Tensor &t) { return F::dropout(t, off); }, identity));
  EXPECT_TRUE(matches_per_member_loop(
      [&](const Tensor &t) { return F::dropout2d(t, off); }, identity));
  EXPECT_TRUE(matches_per_member_loop(
      [&](const Tensor &t) { return F::dropout3d(t, off); }, identity,
      volumes()));
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::dropout(t, 0.5, false); }, identity));
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::alpha_dropout(t, 0.5, false); },
      identity));
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::feature_dropout(t, 0.5, false); },
      identity));
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) {
        return torch::feature_alpha_dropout(t, 0.5, false);
      },
      identity));
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) {
        Tensor copy = t.clone();
        return torch::dropout_(copy, 0.5, false);
      },
      identity));
}

// functorch's message offers drawing outside vmap: noise drawn before the
// call and passed in is an ordinary batched argument.
TEST(RandomOpTest, NoiseDrawnOutsideVmapWorks) {
  torch::manual_seed(kSeed);
  Tensor noise = torch::randn(images().sizes());
  Tensor y = vmap([](const Tensor &t, const Tensor &n) { return t + n; })(
      images(), noise);
  EXPECT_TRUE(torch::equal(y, images() + noise));
}

//===--- The fixes: randomness `different` --------------------------------===//

TEST(RandomOpTest, DifferentDrawsIndependentlyForEachMember) {
  std::vector<Case> cases = {
      {"rand", [](const Tensor &) { return torch::rand({20}); }},
      {"randn", [](const Tensor &) { return torch::randn({20}); }},
      {"randint", [](const Tensor &) { return torch::randint(1000, {20}); }},
      {"randperm", [](const Tensor &) { return torch::randperm(20); }},
      {"normal", [](const Tensor &) { return torch::normal(0.0, 1.0, {20}); }},
      {"rand_like", [](const Tensor &t) { return torch::rand_like(t); }},
      {"uniform_", [](const Tensor &t) { return t.clone().uniform_(); }},
      {"normal_", [](const Tensor &t) { return t.clone().normal_(); }},
      {"nn::init::kaiming_uniform_ on a batched tensor",
       [](const Tensor &t) {
         Tensor w = t.flatten(1).clone();
         torch::nn::init::kaiming_uniform_(w);
         return w;
       }},
      {"Dropout", [](const Tensor &t) { return torch::nn::Dropout(0.5)(t); }},
      {"bernoulli", [](const Tensor &t) { return torch::bernoulli(t); },
       torch::full({4, 100}, 0.5)}};
  for (const Case &c : cases) {
    Tensor y = draw_different(c.body, c.input);
    EXPECT_EQ(y.size(0), c.input.size(0)) << c.name;
    EXPECT_TRUE(members_all_differ(y)) << c.name;
  }
  // Each member is a valid draw of its own.
  Tensor perms = draw_different(
      [](const Tensor &) { return torch::randperm(20); }, images());
  for (int64_t i = 0; i < perms.size(0); ++i)
    EXPECT_TRUE(torch::equal(std::get<0>(perms[i].sort()),
                             torch::arange(20, torch::kLong)));
  Tensor uniform = draw_different(
      [](const Tensor &) { return torch::rand({1000}); }, images());
  EXPECT_TRUE(((uniform >= 0) & (uniform < 1)).all().item<bool>());
  Tensor integers = draw_different(
      [](const Tensor &) { return torch::randint(10, {1000}); }, images());
  EXPECT_TRUE(((integers >= 0) & (integers < 10)).all().item<bool>());
  // Normal draws: each member standard normal.
  Tensor normal = draw_different(
      [](const Tensor &) { return torch::randn({4000}); }, images());
  for (int64_t i = 0; i < normal.size(0); ++i) {
    EXPECT_NEAR(normal[i].mean().item<double>(), 0.0, 0.1) << i;
    EXPECT_NEAR(normal[i].std().item<double>(), 1.0, 0.1) << i;
  }
}

// Each member of a `different` dropout is a dropout of that member: every
// value either dropped (0) or kept and scaled by 1 / (1 - p); the masks
// differ between members.
TEST(RandomOpTest, DifferentDropoutDropsOrScalesEachValue) {
  Tensor x = images();
  for (double p : {0.25, 0.5}) {
    Tensor y = draw_different(
        [p](const Tensor &t) { return torch::nn::Dropout(p)(t); }, x);
    EXPECT_TRUE(((y == 0) | torch::isclose(y, x / (1 - p))).all().item<bool>())
        << p;
    Tensor kept = (y != 0);
    EXPECT_TRUE(members_all_differ(kept)) << p;
    double dropped = 1 - kept.to(torch::kDouble).mean().item<double>();
    EXPECT_NEAR(dropped, p, 0.1) << p;
  }
  // Dropout2d drops whole channels of each member's images (here 4 images
  // of 8 channels).
  Tensor ones = torch::ones({4, 4, 8, 2, 2});
  Tensor y = draw_different(
      [](const Tensor &t) { return torch::nn::Dropout2d(0.5)(t); }, ones);
  Tensor channel_kept = (y != 0).flatten(3);
  EXPECT_TRUE(torch::equal(channel_kept.all(3), channel_kept.any(3)));
  EXPECT_TRUE(((y == 0) | (y == 2)).all().item<bool>());
  EXPECT_TRUE(members_all_differ(channel_kept.all(3)));
}

// On the CPU generator, `different` consumes random numbers in member order:
// with the same seed it equals a per-member loop bit for bit, for uniform,
// integer, permutation, Bernoulli, Poisson and multinomial draws and for
// every dropout. Normal draws (randn, normal_, normal(t)) do not: one call
// over the whole batch takes the vectorised path in a different order; they
// are checked for their distribution above.
TEST(RandomOpTest, DifferentEqualsSeededPerMemberLoopOnCpu) {
  auto ones = torch::ones({4, 2, 3, 5, 5});
  std::vector<Case> cases = {
      {"rand",
       [](const Tensor &) {
         return torch::rand({3, 5});
       }},
      {"randint",
       [](const Tensor &) {
         return torch::randint(100, {3, 5});
       }},
      {"randperm", [](const Tensor &) { return torch::randperm(20); }},
      {"rand_like", [](const Tensor &t) { return torch::rand_like(t); }},
      {"randint_like",
       [](const Tensor &t) { return torch::randint_like(t, 100); }},
      {"uniform_", [](const Tensor &t) { return t.clone().uniform_(); }},
      {"bernoulli_", [](const Tensor &t) { return t.clone().bernoulli_(0.5); }},
      {"bernoulli", [](const Tensor &t) { return torch::bernoulli(t); },
       probabilities()},
      {"poisson", [](const Tensor &t) { return torch::poisson(t); }},
      {"multinomial", [](const Tensor &t) { return torch::multinomial(t, 3); },
       probabilities()},
      {"Dropout", [](const Tensor &t) { return torch::nn::Dropout(0.5)(t); }},
      {"Dropout2d",
       [](const Tensor &t) { return torch::nn::Dropout2d(0.5)(t); }, ones},
      {"Dropout3d",
       [](const Tensor &t) { return torch::nn::Dropout3d(0.5)(t); }, volumes()},
      {"AlphaDropout",
       [](const Tensor &t) { return torch::nn::AlphaDropout(0.5)(t); }, ones},
      {"FeatureAlphaDropout",
       [](const Tensor &t) { return torch::nn::FeatureAlphaDropout(0.5)(t); },
       ones},
      {"torch::dropout",
       [](const Tensor &t) { return torch::dropout(t, 0.5, true); }},
      {"torch::dropout_", [](const Tensor &t) {
         Tensor copy = t.clone();
         return torch::dropout_(copy, 0.5, true);
       }}};
  for (const Case &c : cases) {
    Tensor batched = draw_different(c.body, c.input);
    torch::manual_seed(kSeed);
    Tensor looped = per_member_loop(c.body, c.input);
    EXPECT_TRUE(torch::equal(batched, looped)) << c.name;
  }
}

// `different` cannot fill a tensor that is not batched once per member:
// in-place sampling of a tensor created inside the vmapped function fails,
// and so do an nn::init call on one and constructing a module (whose
// parameters are such tensors).
TEST(RandomOpTest, DifferentFailsForInPlaceSamplingOfUnbatchedTensors) {
  expect_all_fail_with(
      kDifferentInPlaceOnUnbatched,
      {{"uniform_ on a fresh tensor",
        [](const Tensor &) { return torch::empty({3}).uniform_(); }},
       {"nn::init::normal_ on a fresh tensor",
        [](const Tensor &) {
          Tensor w = torch::empty({4, 6});
          torch::nn::init::normal_(w);
          return w;
        }},
       {"constructing a Linear",
        [](const Tensor &t) { return torch::nn::Linear(5, 2)(t); }},
       {"constructing a Conv2d",
        [](const Tensor &t) {
          return torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 2, 3))(t);
        }},
       {"constructing a user module",
        [](const Tensor &t) { return Head()(t); }}},
      Randomness::Different);
}

//===--- The fixes: randomness `same` -------------------------------------===//

// `same` draws once, of one member's shape, and gives every member that
// draw: the draw an unbatched call makes with the same seed.
TEST(RandomOpTest, SameDrawsOnceForAllMembers) {
  auto ones = torch::ones({4, 2, 3, 5, 5});
  std::vector<Case> cases = {
      {"rand",
       [](const Tensor &) {
         return torch::rand({3, 5});
       }},
      {"randn", [](const Tensor &) { return torch::randn({300}); }},
      {"randint",
       [](const Tensor &) {
         return torch::randint(100, {3, 5});
       }},
      {"randperm", [](const Tensor &) { return torch::randperm(20); }},
      {"normal", [](const Tensor &) { return torch::normal(0.0, 1.0, {3}); }},
      {"rand_like", [](const Tensor &t) { return torch::rand_like(t); }},
      {"randn_like", [](const Tensor &t) { return torch::randn_like(t); }},
      {"randint_like",
       [](const Tensor &t) { return torch::randint_like(t, 100); }},
      {"uniform_", [](const Tensor &t) { return t.clone().uniform_(); }},
      {"normal_", [](const Tensor &t) { return t.clone().normal_(); }},
      {"bernoulli_", [](const Tensor &t) { return t.clone().bernoulli_(0.5); }},
      {"nn::init::uniform_ on a fresh tensor",
       [](const Tensor &) {
         Tensor w = torch::empty({4, 6});
         torch::nn::init::uniform_(w);
         return w;
       }},
      {"Dropout", [](const Tensor &t) { return torch::nn::Dropout(0.5)(t); },
       ones},
      {"Dropout2d",
       [](const Tensor &t) { return torch::nn::Dropout2d(0.5)(t); }, ones},
      {"AlphaDropout",
       [](const Tensor &t) { return torch::nn::AlphaDropout(0.5)(t); }, ones},
      {"FeatureAlphaDropout",
       [](const Tensor &t) { return torch::nn::FeatureAlphaDropout(0.5)(t); },
       ones},
      {"torch::dropout",
       [](const Tensor &t) { return torch::dropout(t, 0.5, true); }, ones},
      {"F::dropout", [](const Tensor &t) { return F::dropout(t); }, ones}};
  for (const Case &c : cases) {
    Tensor batched = draw_same(c.body, c.input);
    torch::manual_seed(kSeed);
    Tensor once = c.body(c.input[0]);
    EXPECT_TRUE(torch::equal(batched, once.expand_as(batched))) << c.name;
  }
}

// With `same`, dropout applies one mask to every member.
TEST(RandomOpTest, SameDropoutSharesOneMask) {
  Tensor x = images();
  Tensor y =
      draw_same([](const Tensor &t) { return torch::nn::Dropout(0.5)(t); }, x);
  torch::manual_seed(kSeed);
  Tensor scaled_mask = torch::nn::Dropout(0.5)(torch::ones_like(x[0]));
  EXPECT_TRUE(torch::allclose(y, x * scaled_mask));
  EXPECT_TRUE(members_all_differ(y));
}

// `same` cannot serve members whose sampling parameters differ: samplers
// given a batched tensor of probabilities, means or rates fail.
TEST(RandomOpTest, SameFailsForSamplersWithBatchedParameters) {
  expect_all_fail_with(
      kSameWithBatchedInput,
      {{"torch::bernoulli", [](const Tensor &t) { return torch::bernoulli(t); },
        probabilities()},
       {"torch::bernoulli(p)",
        [](const Tensor &t) { return torch::bernoulli(t, 0.5); }},
       {"torch::multinomial",
        [](const Tensor &t) { return torch::multinomial(t, 3); },
        probabilities()},
       {"torch::poisson", [](const Tensor &t) { return torch::poisson(t); }},
       {"at::normal(mean tensor)",
        [](const Tensor &t) { return at::normal(t, 1.0); }},
       {"at::binomial", [](const Tensor &t) { return at::binomial(t * 10, t); },
        probabilities()},
       {"bernoulli_(probabilities)",
        [](const Tensor &t) { return t.clone().bernoulli_(t); },
        probabilities()}},
      Randomness::Same);
}

// With `same`, a module constructed inside the vmapped function draws its
// parameters once: it equals a per-member loop of the module built with the
// same seed.
TEST(RandomOpTest, SameBuildsAModuleInsideOnce) {
  Tensor y = draw_same(
      [](const Tensor &t) { return torch::nn::Linear(5, 2)(t); }, images());
  torch::manual_seed(kSeed);
  torch::nn::Linear linear(5, 2);
  EXPECT_TRUE(torch::allclose(
      y,
      per_member_loop([&](const Tensor &t) { return linear(t); }, images())));
}

//===--- The fixes: modules built outside, training that follows ----------===//

TEST(RandomOpTest, ModuleBuiltOutsideRunsAndMatchesPerMemberLoop) {
  torch::manual_seed(kSeed);
  torch::nn::Linear linear(5, 2);
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(3, 2, 3));
  Head head; // the Linear registered in the parent's constructor
  auto run_linear = [&](const Tensor &t) { return linear(t); };
  auto run_conv = [&](const Tensor &t) { return conv(t); };
  auto run_head = [&](const Tensor &t) { return head(t); };
  EXPECT_TRUE(matches_per_member_loop(run_linear, run_linear));
  EXPECT_TRUE(matches_per_member_loop(run_conv, run_conv));
  EXPECT_TRUE(matches_per_member_loop(run_head, run_head));
}

// training(is_training()) makes functional dropout follow the module: in
// eval mode it draws nothing and runs under vmap's default mode.
TEST(RandomOpTest, TrainingThatFollowsTheModuleWorksInEvalMode) {
  FollowingDropout net;
  auto run = [&](const Tensor &t) { return net(t); };
  ASSERT_TRUE(net->is_training());
  EXPECT_TRUE(fails_under_vmap_with(kErrorMode, run));
  net->eval();
  EXPECT_TRUE(matches_per_member_loop(run, run));
  EXPECT_TRUE(
      matches_per_member_loop(run, [](const Tensor &t) { return t + t; }));
}

// The eval-mode fix at the vmap call: the doc's dropout module in eval mode.
TEST(RandomOpTest, EvalModeFixOfDropoutModules) {
  DocNet net;
  auto drop = [&](const Tensor &t) { return net->drop(t); };
  EXPECT_TRUE(fails_under_vmap_with(kErrorMode, drop));
  net->eval();
  EXPECT_TRUE(matches_per_member_loop(drop, drop));
}

//===--- A helper that pushes its own level -------------------------------===//

/// A vmap helper of one's own: a guard pushes the functorch level, with the
/// randomness mode given, in its constructor (vmap_tidy::VmapLevel).
Tensor draw_in_own_region(Randomness randomness) {
  vmap_tidy::VmapLevel level(4, randomness);
  Tensor draw = torch::rand({3});
  return vmap_tidy::detail::remove_batch_dim(draw, level, 0);
}

// The mode the helper's region is pushed with decides: `error` fails (and
// the guard pops the level), `different` and `same` draw.
TEST(RandomOpTest, HelperRegionModeDecides) {
  std::string message = "<nothing thrown>";
  try {
    draw_in_own_region(Randomness::Error);
  } catch (const c10::Error &error) {
    message = error.what_without_backtrace();
  }
  EXPECT_NE(message.find(kErrorMode), std::string::npos) << message;
  EXPECT_EQ(active_functorch_levels(), 0u);
  torch::manual_seed(kSeed);
  Tensor different = draw_in_own_region(Randomness::Different);
  EXPECT_EQ(different.sizes().vec(), (std::vector<int64_t>{4, 3}));
  EXPECT_TRUE(members_all_differ(different));
  torch::manual_seed(kSeed);
  Tensor same = draw_in_own_region(Randomness::Same);
  torch::manual_seed(kSeed);
  EXPECT_TRUE(torch::equal(same, torch::rand({3}).expand({4, 3})));
  EXPECT_EQ(active_functorch_levels(), 0u);
}

//===--- The level stack --------------------------------------------------===//

TEST(RandomOpTest, FailuresLeaveNoLevelAndLaterDrawsAreUnbatched) {
  EXPECT_TRUE(fails_under_vmap_with(
      kErrorMode, [](const Tensor &) { return torch::rand({3}); }));
  EXPECT_TRUE(fails_under_vmap_with(
      kSameWithBatchedInput, [](const Tensor &t) { return torch::poisson(t); },
      images(), Randomness::Same));
  EXPECT_TRUE(fails_under_vmap_with(
      kDifferentInPlaceOnUnbatched,
      [](const Tensor &) { return torch::empty({3}).uniform_(); }, images(),
      Randomness::Different));
  EXPECT_EQ(active_functorch_levels(), 0u);
  // Outside vmap random operations work as usual.
  EXPECT_EQ(torch::rand({3}).sizes().vec(), (std::vector<int64_t>{3}));
  EXPECT_EQ(torch::nn::Dropout(0.5)(images()).sizes().vec(),
            images().sizes().vec());
}

} // namespace
