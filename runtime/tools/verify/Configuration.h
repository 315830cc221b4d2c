//===--- Configuration.h - One module to verify ---------------------------===//
//
// What vmap-tidy-verify replays: a norm module (vmap-batchnorm-running-stats,
// vmap-instancenorm-running-stats) or a dropout module (vmap-random-op) as
// the code constructs it. The fields match the checker's fix data
// (FixDataDir). Unset options take LibTorch's defaults, except
// track_running_stats, which defaults to true for every norm kind: that is
// the configuration vmap-tidy diagnoses, for InstanceNorm too (whose
// LibTorch default is false).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_CONFIGURATION_H
#define VMAP_TIDY_VERIFY_CONFIGURATION_H

#include "vmap_tidy/NormModules.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vmap_tidy::verify {

/// The dropout modules vmap-random-op reports in training mode.
enum class DropoutKind {
  Dropout,
  Dropout2d,
  Dropout3d,
  AlphaDropout,
  FeatureAlphaDropout
};

/// "Dropout2d".
const char *dropout_kind_name(DropoutKind kind);
/// The kind named \p name exactly, if any.
std::optional<DropoutKind> parse_dropout_kind(std::string_view name);
/// Dropout2d, Dropout3d and FeatureAlphaDropout drop whole channels.
bool drops_channels(DropoutKind kind);
/// AlphaDropout and FeatureAlphaDropout keep the mean and variance (SELU).
bool is_alpha_dropout(DropoutKind kind);

/// A dropout module as built: torch::nn::Dropout(DropoutOptions(p)
/// .inplace(inplace)) and its kin.
struct DropoutConfiguration {
  DropoutKind kind = DropoutKind::Dropout;
  /// LibTorch's default when the checker could not evaluate it.
  double p = 0.5;
  bool inplace = false;
};

/// A norm module, or, when `dropout` is set, a dropout module; location
/// and fix_kind apply to both.
struct ModuleConfiguration {
  /// Set for a dropout module; the norm fields below are then unused.
  std::optional<DropoutConfiguration> dropout;
  NormKind kind = NormKind::BatchNorm2d;
  /// Unknown when the checker could not evaluate the channel count; such a
  /// configuration is reported as skipped.
  std::optional<int64_t> channels;
  double eps = 1e-5;
  double momentum = 0.1;
  /// Unset: LibTorch's default, true for BatchNorm, false for InstanceNorm.
  std::optional<bool> affine;
  bool track_running_stats = true;
  /// The GroupNorm fix's group count; computed when not given.
  std::optional<int64_t> groups;
  /// Where the module is constructed ("model.cpp:10:32"); informational.
  std::string location;
  /// The fix the checker chose ("running-stats", "group-norm",
  /// "eval-mode"); informational.
  std::string fix_kind;
};

/// Per-run settings that shape every configuration's replay.
struct ReplaySettings {
  /// Members of the vmapped batch (B).
  int64_t members = 4;
  /// Samples per member (N): the batch BatchNorm normalises over.
  int64_t minibatch = 3;
  /// Upper bound for computed group counts.
  int64_t max_groups = 32;
};

/// Throws UsageError, prefixed by \p context when not empty, when
/// \p configuration cannot be replayed as given: channels <= 0 or too many,
/// bad eps/momentum, or groups that do not divide the channels; for a
/// dropout module, p outside [0, 1].
void validate(const ModuleConfiguration &configuration,
              const std::string &context);

/// The GroupNorm fix's group count: the given one, C for InstanceNorm
/// (GroupNorm(C, C) is InstanceNorm), else group_norm_groups(C, max_groups,
/// per_feature = BatchNorm1d). Nothing when no count qualifies.
std::optional<int64_t> resolved_groups(const ModuleConfiguration &configuration,
                                       int64_t max_groups);

/// "BatchNorm2d(64)", "BatchNorm2d(64, eps=0.001, affine=false)",
/// "Dropout2d(0.25, inplace=true)": the module with the options that
/// differ from LibTorch's defaults (a dropout's p always).
std::string describe(const ModuleConfiguration &configuration);

/// Whether the module has a learned weight and bias.
bool is_affine(const ModuleConfiguration &configuration);

/// The per-member input shape: [N, C] for BatchNorm1d (features), else
/// [N, C, spatial...] with a small extent per spatial dimension; for a
/// dropout module [N, DropoutChannels, 4, 4] ([N, DropoutChannels, 3, 3, 3]
/// for Dropout3d). The vmapped batch puts the B members in front.
std::vector<int64_t> member_shape(const ModuleConfiguration &configuration,
                                  const ReplaySettings &settings);

/// The channel limit, well above any BatchNorm in common architectures
/// (2048), and low enough that a replay stays under 1 GB of memory
/// (BatchNorm3d(8192) peaks at 0.9 GB).
constexpr int64_t MaxChannels = 8192;

/// The channels of a dropout replay's input: enough that every member's
/// channel mask is a distinct draw.
constexpr int64_t DropoutChannels = 8;

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_CONFIGURATION_H
