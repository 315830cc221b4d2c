//===--- NormModulesTest.cpp - vmap_tidy::NormKind ------------------------===//

#include "vmap_tidy/NormModules.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace vmap_tidy;

namespace {

struct TunedBatchNormImpl : torch::nn::BatchNorm2dImpl {
  using torch::nn::BatchNorm2dImpl::BatchNorm2dImpl;
};

} // namespace

// Debian's LibTorch 1.13 does not export BatchNormImplBase's pretty_print,
// and the construction vtables of a class derived from BatchNorm2dImpl
// refer to it (Clang emits them; GCC happens not to), so a program that
// subclasses a LibTorch norm module has to define it.
template <>
void torch::nn::BatchNormImplBase<2, torch::nn::BatchNorm2dImpl>::pretty_print(
    std::ostream &stream) const {
  stream << "torch::nn::BatchNorm2d(" << options.num_features() << ")";
}

namespace {

TEST(NormModulesTest, NamesRoundTrip) {
  for (NormKind kind : {NormKind::BatchNorm1d, NormKind::BatchNorm2d,
                        NormKind::BatchNorm3d, NormKind::InstanceNorm1d,
                        NormKind::InstanceNorm2d, NormKind::InstanceNorm3d})
    EXPECT_EQ(parse_norm_kind(norm_kind_name(kind)), kind);
  EXPECT_EQ(norm_kind_name(NormKind::InstanceNorm3d), "InstanceNorm3d");
  EXPECT_EQ(parse_norm_kind("BatchNorm4d"), std::nullopt);
  EXPECT_EQ(parse_norm_kind("batchnorm2d"), std::nullopt);
  EXPECT_EQ(norm_kind_dims(NormKind::BatchNorm3d), 3);
  EXPECT_TRUE(is_instance_norm(NormKind::InstanceNorm1d));
  EXPECT_FALSE(is_instance_norm(NormKind::BatchNorm1d));
}

TEST(NormModulesTest, ClassifiesByImplementationClass) {
  EXPECT_EQ(classify_norm_module(*torch::nn::BatchNorm1d(3)),
            NormKind::BatchNorm1d);
  EXPECT_EQ(classify_norm_module(*torch::nn::InstanceNorm3d(3)),
            NormKind::InstanceNorm3d);
  EXPECT_EQ(classify_norm_module(TunedBatchNormImpl(4)), NormKind::BatchNorm2d);
  EXPECT_EQ(classify_norm_module(*torch::nn::GroupNorm(2, 4)), std::nullopt);
  EXPECT_EQ(classify_norm_module(*torch::nn::Linear(2, 4)), std::nullopt);
}

} // namespace
