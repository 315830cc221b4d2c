//===--- GroupNormGroupsTest.cpp - vmap_tidy::group_norm_groups -----------===//

#include "vmap_tidy/GroupNormGroups.h"

#include <gtest/gtest.h>

using vmap_tidy::group_norm_groups;

namespace {

constexpr bool PerFeature = true;

TEST(GroupNormGroupsTest, LargestDivisorUpToMaxGroups) {
  EXPECT_EQ(group_norm_groups(64), 32);
  EXPECT_EQ(group_norm_groups(48), 24);
  EXPECT_EQ(group_norm_groups(32), 32);
  EXPECT_EQ(group_norm_groups(96), 32);
  EXPECT_EQ(group_norm_groups(100), 25);
  EXPECT_EQ(group_norm_groups(7), 7);
  EXPECT_EQ(group_norm_groups(37), 1); // prime above max_groups
  EXPECT_EQ(group_norm_groups(1), 1);
}

TEST(GroupNormGroupsTest, PerFeatureNeedsTwoFeaturesPerGroup) {
  EXPECT_EQ(group_norm_groups(10, 32, PerFeature), 5);
  EXPECT_EQ(group_norm_groups(64, 32, PerFeature), 32);
  EXPECT_EQ(group_norm_groups(32, 32, PerFeature), 16);
  EXPECT_EQ(group_norm_groups(2, 32, PerFeature), 1);
  // 7 has no divisor in 2..6; G = 7 would leave groups of one, G = 1 keeps
  // all seven features in one group.
  EXPECT_EQ(group_norm_groups(7, 32, PerFeature), 1);
  EXPECT_EQ(group_norm_groups(1, 32, PerFeature), std::nullopt);
}

TEST(GroupNormGroupsTest, MaxGroupsOption) {
  EXPECT_EQ(group_norm_groups(64, 4), 4);
  EXPECT_EQ(group_norm_groups(64, 48), 32);
  EXPECT_EQ(group_norm_groups(48, 5), 4);
  EXPECT_EQ(group_norm_groups(12, 1), 1);
  EXPECT_EQ(group_norm_groups(64, 0), std::nullopt);
  EXPECT_EQ(group_norm_groups(64, -3), std::nullopt);
}

TEST(GroupNormGroupsTest, NoChannels) {
  EXPECT_EQ(group_norm_groups(0), std::nullopt);
  EXPECT_EQ(group_norm_groups(-4), std::nullopt);
  EXPECT_EQ(group_norm_groups(0, 32, PerFeature), std::nullopt);
}

} // namespace
