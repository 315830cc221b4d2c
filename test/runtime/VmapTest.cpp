//===--- VmapTest.cpp - vmap_tidy::vmap -----------------------------------===//

#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using vmap_tidy::active_functorch_levels;
using vmap_tidy::Randomness;
using vmap_tidy::vmap;

namespace {

/// Subtracts the member's own mean: depends on which elements form a member.
torch::Tensor centre(const torch::Tensor &x) { return x - x.mean(); }

/// The message of the std::invalid_argument \p body throws.
template <typename Body> std::string invalid_argument_of(Body body) {
  try {
    body();
  } catch (const std::invalid_argument &error) {
    return error.what();
  }
  return "<nothing thrown>";
}

TEST(VmapTest, OneArgumentRunsPerMember) {
  torch::Tensor x = torch::arange(12, torch::kFloat).reshape({4, 3});
  torch::Tensor y = vmap(centre)(x);
  ASSERT_EQ(y.sizes(), x.sizes());
  // Each row minus its own mean: -1, 0, 1.
  torch::Tensor expected = torch::tensor({-1.f, 0.f, 1.f}).expand({4, 3});
  EXPECT_TRUE(torch::equal(y, expected));
  EXPECT_EQ(active_functorch_levels(), 0u);
}

TEST(VmapTest, InDimSelectsTheBatchDimension) {
  torch::Tensor x = torch::arange(12, torch::kFloat).reshape({3, 4});
  // Batch along dim 1 (negative: from the end): members are columns.
  torch::Tensor y = vmap(centre, {-1})(x);
  ASSERT_EQ(y.sizes(), (std::vector<int64_t>{4, 3}));
  torch::Tensor expected = torch::tensor({-4.f, 0.f, 4.f}).expand({4, 3});
  EXPECT_TRUE(torch::equal(y, expected));
}

TEST(VmapTest, SeveralTensorArguments) {
  torch::manual_seed(0);
  torch::Tensor a = torch::randn({5, 2, 3});
  torch::Tensor b = torch::randn({5, 3, 4});
  torch::Tensor y = vmap([](const torch::Tensor &x, const torch::Tensor &w) {
    return x.matmul(w);
  })(a, b);
  ASSERT_EQ(y.sizes(), (std::vector<int64_t>{5, 2, 4}));
  EXPECT_TRUE(torch::allclose(y, torch::bmm(a, b)));
}

TEST(VmapTest, VectorOfArgumentsWithPerElementInDims) {
  torch::Tensor a = torch::arange(6, torch::kFloat).reshape({2, 3});
  torch::Tensor b = torch::arange(6, torch::kFloat).reshape({3, 2}) * 10;
  // a is batched along dim 0, b along dim 1: member i is a[i] + b[:, i].
  torch::Tensor y = vmap(
      [](const std::vector<torch::Tensor> &args) { return args[0] + args[1]; },
      {0, 1})(std::vector<torch::Tensor>{a, b});
  EXPECT_TRUE(torch::equal(y, a + b.t()));
}

TEST(VmapTest, UnbatchedArgumentIsShared) {
  torch::Tensor x = torch::ones({4, 3});
  torch::Tensor w = torch::tensor({1.f, 2.f, 3.f});
  torch::Tensor y =
      vmap([](const torch::Tensor &v, const torch::Tensor &s) { return v * s; },
           {0, std::nullopt})(x, w);
  EXPECT_TRUE(torch::equal(y, w.expand({4, 3})));
}

TEST(VmapTest, TupleOutputsWithPerOutputOutDims) {
  torch::Tensor x = torch::arange(6, torch::kFloat).reshape({2, 3});
  auto [sums, doubled] = vmap(
      [](const torch::Tensor &v) { return std::make_tuple(v.sum(), v * 2); },
      {0}, {0, 1})(x);
  EXPECT_TRUE(torch::equal(sums, torch::tensor({3.f, 12.f})));
  // Batch dimension moved to 1: [3, 2].
  EXPECT_TRUE(torch::equal(doubled, (x * 2).t()));
}

TEST(VmapTest, VectorOutputs) {
  torch::Tensor x = torch::arange(6, torch::kFloat).reshape({3, 2});
  std::vector<torch::Tensor> outputs = vmap([](const torch::Tensor &v) {
    return std::vector<torch::Tensor>{v.max(), v.min()};
  })(x);
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_TRUE(torch::equal(outputs[0], torch::tensor({1.f, 3.f, 5.f})));
  EXPECT_TRUE(torch::equal(outputs[1], torch::tensor({0.f, 2.f, 4.f})));
}

TEST(VmapTest, OutputNotBatchedIsExpanded) {
  torch::Tensor x = torch::zeros({4, 2});
  torch::Tensor w = torch::tensor({5.f, 6.f, 7.f});
  torch::Tensor y = vmap([&](const torch::Tensor &) { return w * 2; })(x);
  ASSERT_EQ(y.sizes(), (std::vector<int64_t>{4, 3}));
  EXPECT_TRUE(torch::equal(y, (w * 2).expand({4, 3})));
}

TEST(VmapTest, NestedVmapBuildsNestedLevels) {
  torch::Tensor x = torch::arange(24, torch::kFloat).reshape({2, 3, 4});
  std::size_t inner_levels = 0;
  auto inner = [&](const torch::Tensor &row) {
    inner_levels = active_functorch_levels();
    return centre(row);
  };
  torch::Tensor y =
      vmap([&](const torch::Tensor &matrix) { return vmap(inner)(matrix); })(x);
  EXPECT_EQ(inner_levels, 2u);
  EXPECT_EQ(active_functorch_levels(), 0u);
  EXPECT_TRUE(torch::allclose(y, x - x.mean(-1, /*keepdim=*/true)));
}

TEST(VmapTest, NestedVmapOverDifferentDims) {
  torch::Tensor x = torch::arange(6, torch::kFloat).reshape({2, 3});
  torch::Tensor y = torch::tensor({10.f, 20.f, 30.f, 40.f});
  // Outer over x's rows, inner over y: an outer sum table [2, 3, 4].
  torch::Tensor table = vmap([&](const torch::Tensor &row) {
    return vmap([&](const torch::Tensor &s) { return row + s; })(y);
  })(x);
  ASSERT_EQ(table.sizes(), (std::vector<int64_t>{2, 4, 3}));
  EXPECT_TRUE(torch::equal(table, x.unsqueeze(1) + y.view({1, 4, 1})));
}

TEST(VmapTest, LevelIsPoppedWhenTheFunctionThrows) {
  torch::Tensor x = torch::ones({4, 3});
  auto throwing = [](const torch::Tensor &) -> torch::Tensor {
    throw std::runtime_error("boom");
  };
  EXPECT_THROW(vmap(throwing)(x), std::runtime_error);
  EXPECT_EQ(active_functorch_levels(), 0u);
  // Errors raised by torch inside the batched call unwind the same way.
  auto failing_check = [](const torch::Tensor &v) {
    TORCH_CHECK(v.dim() == 5, "expected a 5-d member");
    return v;
  };
  EXPECT_THROW(vmap(failing_check)(x), c10::Error);
  EXPECT_EQ(active_functorch_levels(), 0u);
  // So do a batching rule's own errors. Functorch's view rule reports a bad
  // shape as std::runtime_error in 1.13 and as c10::Error in 2.x; both are
  // std::exceptions with the same message.
  try {
    vmap([](const torch::Tensor &v) { return v.view({7}); })(x);
    ADD_FAILURE() << "viewing 3 values as 7 did not throw";
  } catch (const std::exception &error) {
    EXPECT_NE(std::string(error.what()).find("is invalid for input of size"),
              std::string::npos)
        << error.what();
  }
  EXPECT_EQ(active_functorch_levels(), 0u);
  // And the next vmap works normally.
  EXPECT_TRUE(torch::equal(vmap(centre)(x), torch::zeros({4, 3})));
  // Outside vmap, tensors are plain again.
  EXPECT_TRUE(torch::equal(x.sum(), torch::tensor(12.f)));
}

TEST(VmapTest, RandomnessModes) {
  torch::Tensor x = torch::ones({4, 64});
  auto dropout = [](const torch::Tensor &v) {
    return torch::dropout(v, /*p=*/0.5, /*train=*/true);
  };
  EXPECT_THROW(vmap(dropout)(x), c10::Error);
  EXPECT_EQ(active_functorch_levels(), 0u);
  torch::manual_seed(0);
  torch::Tensor same = vmap(dropout, {0}, {0}, Randomness::Same)(x);
  EXPECT_TRUE(torch::equal(same[0], same[1]));
  EXPECT_TRUE(torch::equal(same[0], same[3]));
  torch::Tensor different = vmap(dropout, {0}, {0}, Randomness::Different)(x);
  EXPECT_FALSE(torch::equal(different[0], different[1]));
}

TEST(VmapTest, ArgumentErrors) {
  torch::Tensor x = torch::ones({4, 3});
  torch::Tensor y = torch::ones({5, 3});
  auto add = [](const torch::Tensor &a, const torch::Tensor &b) {
    return a + b;
  };
  EXPECT_EQ(invalid_argument_of([&] {
              vmap(add, {0, 0, 0})(x, x);
            }),
            "vmap: in_dims has 3 entries but the function got 2 arguments");
  EXPECT_EQ(invalid_argument_of([&] { vmap(add)(x, y); }),
            "vmap: argument 1 has size 5 along its in_dim but argument 0 has "
            "size 4");
  EXPECT_EQ(invalid_argument_of([&] { vmap(add, {std::nullopt})(x, x); }),
            "vmap: no argument is batched: every in_dims entry is "
            "std::nullopt");
  EXPECT_EQ(invalid_argument_of([&] { vmap(centre, {2})(x); }),
            "vmap: in_dim 2 is out of range for argument 0 of rank 2");
  EXPECT_EQ(invalid_argument_of([&] { vmap(centre, {0}, {3})(x); }),
            "vmap: out_dim 3 is out of range for an output of rank 2");
  EXPECT_EQ(invalid_argument_of([&] {
              vmap([](const torch::Tensor &v) { return std::make_tuple(v, v); },
                   {0}, {0, 0, 0})(x);
            }),
            "vmap: out_dims has 3 entries but the function returned 2 outputs");
  EXPECT_EQ(active_functorch_levels(), 0u);
}

} // namespace
