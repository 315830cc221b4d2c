//===--- GroupNormGroups.cpp - The group count of the GroupNorm fix -------===//

#include "vmap_tidy/GroupNormGroups.h"

#include <algorithm>

namespace vmap_tidy {

std::optional<int64_t> group_norm_groups(int64_t channels, int64_t max_groups,
                                         bool per_feature) {
  if (channels <= 0 || max_groups <= 0)
    return std::nullopt;
  for (int64_t groups = std::min(channels, max_groups); groups >= 1; --groups)
    if (channels % groups == 0 && (!per_feature || channels / groups >= 2))
      return groups;
  return std::nullopt;
}

} // namespace vmap_tidy
