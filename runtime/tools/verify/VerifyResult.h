//===--- VerifyResult.h - What vmap-tidy-verify found ---------------------===//

#ifndef VMAP_TIDY_VERIFY_VERIFYRESULT_H
#define VMAP_TIDY_VERIFY_VERIFYRESULT_H

#include "Configuration.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vmap_tidy::verify {

/// How close a vmapped run must be to the per-member loop (see Replay.h).
struct Tolerances {
  /// Bound on max |vmapped - loop| of float32 outputs, before widening by
  /// the float32 loop's own rounding error.
  double output_abs;
  /// Bound on max |vmapped - loop| of float64 outputs.
  double float64_abs;
  /// Float64 gradients match when |vmapped - loop| <= grad_abs +
  /// grad_rel * |loop| elementwise (torch::allclose).
  double grad_abs;
  double grad_rel;
};

enum class ClaimStatus { Pass, Fail, Skip };

/// "pass", "fail" or "skip".
const char *status_name(ClaimStatus status);

/// One checked statement about a configuration, e.g. "GroupNorm(8, 64) runs
/// under vmap and matches the per-member loop".
struct ClaimResult {
  /// Stable identifier: "original-fails-under-vmap", "fix-group-norm", ...
  std::string id;
  /// Short human title: "fix: GroupNorm".
  std::string title;
  /// The module that ran: "GroupNorm(8, 64)".
  std::string module;
  ClaimStatus status = ClaimStatus::Fail;
  /// One line: the measurements, or why the claim failed or was skipped.
  std::string detail;
  /// The error LibTorch raised, when one was expected or got in the way.
  std::optional<std::string> error;
  /// max |vmapped - per-member loop| over the float32 output.
  std::optional<double> max_abs_diff;
  /// The bound max_abs_diff was held to (Replay.h).
  std::optional<double> output_bound;
  /// max |vmapped - per-member loop| over the float64 output.
  std::optional<double> max_abs_diff_float64;
  /// max |vmapped - loop| over the input and parameter gradients (float64).
  std::optional<double> max_grad_abs_diff;
  /// The vmapped output's shape.
  std::optional<std::vector<int64_t>> output_shape;
};

struct ConfigurationResult {
  ModuleConfiguration configuration;
  /// The group count the GroupNorm fix used (or would use).
  std::optional<int64_t> groups;
  /// The vmapped input: [B, N, C, spatial...].
  std::vector<int64_t> input_shape;
  std::vector<ClaimResult> claims;
  /// Read from the cache rather than computed in this run.
  bool cached = false;

  bool ok() const {
    for (const ClaimResult &claim : claims)
      if (claim.status == ClaimStatus::Fail)
        return false;
    return true;
  }
};

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_VERIFYRESULT_H
