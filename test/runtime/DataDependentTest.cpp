//===--- DataDependentTest.cpp - What vmap-data-dependent reports ---------===//
//
// Runs every operation docs/rules/vmap-data-dependent.md lists on a batched
// tensor under vmap_tidy::vmap and checks functorch's own error; checks that
// what the rule leaves alone (captured tensors, module parameters) works;
// and that each suggested rewrite runs under vmap and equals a per-member
// loop of the original C++ logic.
//
//===----------------------------------------------------------------------===//

#include "VmapAssertions.h"
#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using torch::Tensor;
using vmap_tidy::active_functorch_levels;
using vmap_tidy::vmap;

#define VMAP_TIDY_TORCH_AT_LEAST(MAJOR, MINOR)                                 \
  (TORCH_VERSION_MAJOR > (MAJOR) ||                                            \
   (TORCH_VERSION_MAJOR == (MAJOR) && TORCH_VERSION_MINOR >= (MINOR)))

namespace {

// functorch's messages. The issue link at the end of some of them moved from
// pytorch/functorch to pytorch/pytorch during 2.x: checked for 1.13 and from
// 2.15 on (what the suite runs against), left out in between.
#if TORCH_VERSION_MAJOR < 2
const std::string kFeatureLink =
    " Please voice your support in "
    "https://github.com/pytorch/functorch/issues/256";
const std::string kControlFlowLink =
    " please shout over at https://github.com/pytorch/functorch/issues/257 .";
const std::string kAllcloseLink = " Please voice your support over at "
                                  "github.com/pytorch/functorch/issues/275";
#elif VMAP_TIDY_TORCH_AT_LEAST(2, 15)
const std::string kFeatureLink = " Please file an issue at "
                                 "https://github.com/pytorch/pytorch/issues if "
                                 "you need this feature.";
const std::string kControlFlowLink =
    " please file an issue at https://github.com/pytorch/pytorch/issues .";
const std::string kAllcloseLink = kFeatureLink;
#else
const std::string kFeatureLink, kControlFlowLink, kAllcloseLink;
#endif

const std::string kItem =
    "vmap: It looks like you're calling .item() on a Tensor. We don't support "
    "vmap over calling .item() on a Tensor, please try to rewrite what you're "
    "doing with other operations. If error is occurring somewhere inside "
    "PyTorch internals, please file a bug report.";
const std::string kControlFlow =
    "vmap: It looks like you're attempting to use a Tensor in some "
    "data-dependent control flow. We don't support that yet," +
    kControlFlowLink;
const std::string kAllclose =
    "vmap over torch.allclose isn't supported yet." + kAllcloseLink;
const std::string kMaskedSelect =
    "vmap: Attempted to vmap over `mask` in torch.masked_select(self, mask) "
    "We cannot support this because for each batch this would return a "
    "differently shaped Tensor." +
    kFeatureLink;
const std::string kNoStorage =
    "Cannot access data pointer of Tensor that doesn't have storage";
/// Functorch's per-member fallback, when the members' results differ in size.
const std::string kMembersDiffer = "stack expects each tensor to be equal size";

/// functorch's error for an operator whose output shape depends on values.
std::string dynamic_shape(const std::string &op) {
  return "vmap: We do not support batching operators that can output dynamic "
         "shape. Attempted to vmap over aten::" +
         op + "." + kFeatureLink;
}

/// functorch's error for an operator with neither a batching rule nor the
/// per-member fallback (which cannot return a non-tensor or a vector).
std::string no_batching_rule(const std::string &op) {
  return "Batching rule not implemented for aten::" + op +
         ". We could not generate a fallback.";
}

/// Four members of three values: one member equal to reference(), one close
/// to it but not equal, one with a negative sum, one all zero.
Tensor rows() {
  return torch::tensor({1.f, 2.f, 3.f, 1.f, 2.f, 3.00001f, -1.f, -2.f, 0.f, 0.f,
                        0.f, 0.f})
      .reshape({4, 3});
}
Tensor reference() { return torch::tensor({1.f, 2.f, 3.f}); }
/// Four single-value members (0-d under vmap), one of them zero.
Tensor scalars() { return torch::tensor({1.f, -2.f, 0.f, 3.f}); }

/// Fails under vmap over rows() unless another batch is given.
template <typename Body>
::testing::AssertionResult fails_under_vmap_with(const std::string &expected,
                                                 Body body,
                                                 const Tensor &x = rows()) {
  return vmap_tidy::test::fails_under_vmap_with(expected, body, x);
}

/// Equals the loop over rows() unless another batch is given.
template <typename Fixed, typename Original>
::testing::AssertionResult matches_per_member_loop(Fixed fixed,
                                                   Original original,
                                                   const Tensor &x = rows()) {
  return vmap_tidy::test::matches_per_member_loop(fixed, original, x);
}

/// A module that reads one value of its input, as the doc's NetImpl does.
struct ItemNet : torch::nn::Module {
  Tensor forward(const Tensor &x) { return x * x.sum().item<float>(); }
};

/// A module that reads one value of its own parameter: not batched.
struct ParameterScale : torch::nn::Module {
  ParameterScale() {
    weight = register_parameter("weight", torch::tensor(3.f));
  }
  Tensor forward(const Tensor &x) { return x * weight.item<float>(); }
  Tensor weight;
};

//===--- Reading one value ------------------------------------------------===//

TEST(DataDependentTest, ItemOnBatchedTensorFails) {
  EXPECT_TRUE(fails_under_vmap_with(
      kItem, [](const Tensor &t) { return t.item(); }, scalars()));
  EXPECT_TRUE(fails_under_vmap_with(
      kItem, [](const Tensor &t) { return t.item<float>(); }, scalars()));
  EXPECT_TRUE(fails_under_vmap_with(
      kItem, [](const Tensor &t) { return t.sum().item<float>(); }));
}

TEST(DataDependentTest, IsNonzeroOnBatchedTensorFails) {
  EXPECT_TRUE(fails_under_vmap_with(
      kControlFlow, [](const Tensor &t) { return t.is_nonzero(); }, scalars()));
  EXPECT_TRUE(fails_under_vmap_with(
      kControlFlow, [](const Tensor &t) { return at::is_nonzero(t); },
      scalars()));
}

TEST(DataDependentTest, AllcloseOnBatchedTensorFails) {
  EXPECT_TRUE(fails_under_vmap_with(kAllclose, [](const Tensor &t) {
    return torch::allclose(t, reference());
  }));
  EXPECT_TRUE(fails_under_vmap_with(
      kAllclose, [](const Tensor &t) { return t.allclose(reference()); }));
}

TEST(DataDependentTest, EqualOnBatchedTensorFailsForWantOfABatchingRule) {
  EXPECT_TRUE(
      fails_under_vmap_with(no_batching_rule("equal"), [](const Tensor &t) {
        return torch::equal(t, reference());
      }));
  EXPECT_TRUE(
      fails_under_vmap_with(no_batching_rule("equal"), [](const Tensor &t) {
        return t.equal(reference());
      }));
}

//===--- Output shapes that depend on values ------------------------------===//

TEST(DataDependentTest, NonzeroFails) {
  EXPECT_TRUE(fails_under_vmap_with(
      dynamic_shape("nonzero"), [](const Tensor &t) { return t.nonzero(); }));
  EXPECT_TRUE(fails_under_vmap_with(
      no_batching_rule("nonzero_numpy"),
      [](const Tensor &t) { return at::nonzero_numpy(t); }));
}

TEST(DataDependentTest, OneArgumentWhereFails) {
  EXPECT_TRUE(
      fails_under_vmap_with(dynamic_shape("where"), [](const Tensor &t) {
        return torch::where(t > 0);
      }));
}

TEST(DataDependentTest, MaskedSelectWithBatchedMaskFails) {
  EXPECT_TRUE(fails_under_vmap_with(kMaskedSelect, [](const Tensor &t) {
    return torch::masked_select(t, t > 0);
  }));
}

// Only a batched mask makes the output size differ between members.
TEST(DataDependentTest, MaskedSelectWithPlainMaskWorks) {
  Tensor mask = torch::tensor({true, false, true});
  auto select = [&](const Tensor &t) { return torch::masked_select(t, mask); };
  EXPECT_TRUE(matches_per_member_loop(select, select));
}

TEST(DataDependentTest, UniqueFails) {
  EXPECT_TRUE(fails_under_vmap_with(
      dynamic_shape("unique_consecutive"),
      [](const Tensor &t) { return torch::unique_consecutive(t); }));
  EXPECT_TRUE(
      fails_under_vmap_with(dynamic_shape("unique_dim"), [](const Tensor &t) {
        return at::unique_dim(t, 0);
      }));
  EXPECT_TRUE(
      fails_under_vmap_with(dynamic_shape("_unique2"),
                            [](const Tensor &t) { return at::_unique2(t); }));
}

// argwhere and _unique have no batching rule: functorch runs them once per
// member and stacks the results, which fails only when their sizes differ.
TEST(DataDependentTest, ArgwhereRunsPerMemberAndFailsOnlyWhenSizesDiffer) {
  auto argwhere = [](const Tensor &t) { return torch::argwhere(t); };
  EXPECT_TRUE(fails_under_vmap_with(kMembersDiffer, argwhere));
  Tensor two_nonzeros_each =
      torch::tensor({1.f, 0.f, 2.f, 0.f, 3.f, 4.f, 5.f, 6.f, 0.f})
          .reshape({3, 3});
  EXPECT_TRUE(matches_per_member_loop(argwhere, argwhere, two_nonzeros_each));
}

TEST(DataDependentTest, PrivateUniqueRunsPerMemberAndFailsOnlyWhenSizesDiffer) {
  auto unique = [](const Tensor &t) { return std::get<0>(at::_unique(t)); };
  EXPECT_TRUE(fails_under_vmap_with(kMembersDiffer, unique));
  Tensor two_values_each =
      torch::tensor({1.f, 1.f, 2.f, 3.f, 4.f, 4.f, 6.f, 5.f, 5.f})
          .reshape({3, 3});
  EXPECT_TRUE(matches_per_member_loop(unique, unique, two_values_each));
}

//===--- Raw data ---------------------------------------------------------===//

TEST(DataDependentTest, DataPtrAndAccessorFail) {
  EXPECT_TRUE(fails_under_vmap_with(
      kNoStorage, [](const Tensor &t) { return t.data_ptr<float>(); }));
  EXPECT_TRUE(fails_under_vmap_with(
      kNoStorage, [](const Tensor &t) { return t.accessor<float, 1>()[0]; }));
  EXPECT_TRUE(fails_under_vmap_with(kNoStorage, [](const Tensor &t) {
    return t.packed_accessor64<float, 1>()[0];
  }));
#if VMAP_TIDY_TORCH_AT_LEAST(2, 1)
  EXPECT_TRUE(fails_under_vmap_with(
      kNoStorage, [](const Tensor &t) { return t.const_data_ptr<float>(); }));
  EXPECT_TRUE(fails_under_vmap_with(
      kNoStorage, [](const Tensor &t) { return t.mutable_data_ptr<float>(); }));
#endif
}

//===--- Any mode ---------------------------------------------------------===//

TEST(DataDependentTest, ItemInEvalModeModuleStillFails) {
  auto net = std::make_shared<ItemNet>();
  net->eval();
  ASSERT_FALSE(net->is_training());
  EXPECT_TRUE(fails_under_vmap_with(
      kItem, [&](const Tensor &t) { return net->forward(t); }));
}

//===--- Not flagged ------------------------------------------------------===//

TEST(DataDependentTest, ItemOnCapturedTensorWorks) {
  Tensor w = torch::tensor(2.f);
  Tensor y = vmap([&](const Tensor &t) { return t * w.item<float>(); })(rows());
  EXPECT_TRUE(torch::equal(y, rows() * 2));
}

TEST(DataDependentTest, ItemOnModuleParameterWorks) {
  auto net = std::make_shared<ParameterScale>();
  Tensor y = vmap([&](const Tensor &t) { return net->forward(t); })(rows());
  EXPECT_TRUE(torch::allclose(y, rows() * 3));
}

//===--- The suggested rewrites -------------------------------------------===//

TEST(DataDependentTest, WhereReplacesBranchingOnItem) {
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::where(t.sum() > 0, t, -t); },
      [](const Tensor &t) { return t.sum().item<float>() > 0 ? t : -t; }));
}

TEST(DataDependentTest, ClampReplacesMinOfItem) {
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return t.sum().clamp_max(2); },
      [](const Tensor &t) {
        return torch::tensor(std::min(t.sum().item<float>(), 2.f));
      }));
}

TEST(DataDependentTest, WhereReplacesBranchingOnIsNonzero) {
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::where(t.max() != 0, t * 2, t + 1); },
      [](const Tensor &t) { return t.max().is_nonzero() ? t * 2 : t + 1; }));
}

TEST(DataDependentTest, EqAllReplacesEqual) {
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::eq(t, reference()).all(); },
      [](const Tensor &t) {
        return torch::tensor(torch::equal(t, reference()));
      }));
}

TEST(DataDependentTest, IscloseAllReplacesAllclose) {
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::isclose(t, reference()).all(); },
      [](const Tensor &t) {
        return torch::tensor(torch::allclose(t, reference()));
      }));
}

TEST(DataDependentTest, MaskReplacesMaskedSelect) {
  auto original = [](const Tensor &t) {
    return torch::masked_select(t, t > 0).sum();
  };
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return torch::where(t > 0, t, 0).sum(); },
      original));
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return (t * (t > 0)).sum(); }, original));
}

TEST(DataDependentTest, MaskReplacesNonzero) {
  EXPECT_TRUE(matches_per_member_loop(
      [](const Tensor &t) { return (t != 0).sum(); },
      [](const Tensor &t) { return torch::tensor(t.nonzero().size(0)); }));
}

TEST(DataDependentTest, TensorOpsReplaceAccessor) {
  EXPECT_TRUE(
      matches_per_member_loop([](const Tensor &t) { return (t * t).sum(); },
                              [](const Tensor &t) {
                                auto values = t.accessor<float, 1>();
                                float sum = 0;
                                for (int64_t i = 0; i < values.size(0); ++i)
                                  sum += values[i] * values[i];
                                return torch::tensor(sum);
                              }));
}

} // namespace
