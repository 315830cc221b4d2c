//===--- GroupNormGroups.h - The group count of the GroupNorm fix ---------===//
//
// GroupNorm(G, C) normalises each sample over groups of C/G channels and
// keeps no running statistics, so it runs under vmap in training mode. The
// fix picks G by one rule, shared with vmap-tidy's static group-norm fix-it
// (clang::tidy::vmap::groupNormGroups) and with vmap-tidy-verify:
//
//   G = the largest divisor of C with 1 <= G <= max_groups,
//       and, when per_feature, with C / G >= 2;
//   none when C <= 0, max_groups <= 0 or no divisor qualifies.
//
// per_feature is for BatchNorm1d applied to [N, C] features: each group then
// holds C/G single values per sample, and a group of one value normalises to
// exactly zero, so every group needs at least two. For example
//
//   C = 64  -> 32        C = 48 -> 24 (48 = 2 * 24)     C = 7  -> 7
//   C = 10, per_feature -> 5 (groups of 2)
//   C = 7,  per_feature -> 1 (one group of 7: LayerNorm-like)
//   C = 2,  per_feature -> 1               C = 1, per_feature -> none
//   C = 64, max_groups 4 -> 4
//
// InstanceNorm is a different case: its exact GroupNorm equivalent is
// GroupNorm(C, C), which the fixes use instead of this rule.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_GROUPNORMGROUPS_H
#define VMAP_TIDY_GROUPNORMGROUPS_H

#include <cstdint>
#include <optional>

namespace vmap_tidy {

/// The default upper bound on G: 32 is the group count GroupNorm's paper
/// (Wu & He, 2018) recommends.
constexpr int64_t DefaultMaxGroups = 32;

/// The group count for replacing a norm over \p channels channels with
/// GroupNorm; see the file comment for the rule.
std::optional<int64_t> group_norm_groups(int64_t channels,
                                         int64_t max_groups = DefaultMaxGroups,
                                         bool per_feature = false);

} // namespace vmap_tidy

#endif // VMAP_TIDY_GROUPNORMGROUPS_H
