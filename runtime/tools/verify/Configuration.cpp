//===--- Configuration.cpp - One module to verify -------------------------===//

#include "Configuration.h"
#include "UsageError.h"
#include "vmap_tidy/GroupNormGroups.h"

#include <charconv>
#include <cmath>

namespace vmap_tidy::verify {

namespace {

/// Shortest text that reads back as \p value ("1e-05", "0.1").
std::string format_double(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, error == std::errc() ? end : buffer);
}

constexpr std::pair<DropoutKind, const char *> DropoutKinds[] = {
    {DropoutKind::Dropout, "Dropout"},
    {DropoutKind::Dropout2d, "Dropout2d"},
    {DropoutKind::Dropout3d, "Dropout3d"},
    {DropoutKind::AlphaDropout, "AlphaDropout"},
    {DropoutKind::FeatureAlphaDropout, "FeatureAlphaDropout"},
};

} // namespace

const char *dropout_kind_name(DropoutKind kind) {
  for (const auto &[known, name] : DropoutKinds)
    if (known == kind)
      return name;
  return "Dropout";
}

std::optional<DropoutKind> parse_dropout_kind(std::string_view name) {
  for (const auto &[kind, known] : DropoutKinds)
    if (name == known)
      return kind;
  return std::nullopt;
}

bool drops_channels(DropoutKind kind) {
  return kind == DropoutKind::Dropout2d || kind == DropoutKind::Dropout3d ||
         kind == DropoutKind::FeatureAlphaDropout;
}

bool is_alpha_dropout(DropoutKind kind) {
  return kind == DropoutKind::AlphaDropout ||
         kind == DropoutKind::FeatureAlphaDropout;
}

void validate(const ModuleConfiguration &configuration,
              const std::string &context) {
  auto fail = [&](const std::string &message) {
    throw UsageError(context.empty() ? message : context + ": " + message);
  };
  if (configuration.dropout) {
    double p = configuration.dropout->p;
    // LibTorch's own bound (DropoutImpl::reset).
    if (!std::isfinite(p) || p < 0 || p > 1)
      fail("p must be between 0 and 1, got " + format_double(p));
    return;
  }
  if (configuration.channels) {
    int64_t channels = *configuration.channels;
    if (channels <= 0)
      fail("channels must be positive, got " + std::to_string(channels));
    if (channels > MaxChannels)
      fail("channels " + std::to_string(channels) + " is more than the " +
           std::to_string(MaxChannels) + " the verifier replays");
  }
  if (!std::isfinite(configuration.eps) || configuration.eps <= 0)
    fail("eps must be a positive number, got " +
         format_double(configuration.eps));
  if (!std::isfinite(configuration.momentum) || configuration.momentum < 0 ||
      configuration.momentum > 1)
    fail("momentum must be between 0 and 1, got " +
         format_double(configuration.momentum));
  if (configuration.groups) {
    int64_t groups = *configuration.groups;
    if (groups <= 0)
      fail("groups must be positive, got " + std::to_string(groups));
    if (configuration.channels && *configuration.channels % groups != 0)
      fail("groups " + std::to_string(groups) + " does not divide channels " +
           std::to_string(*configuration.channels));
  }
}

std::optional<int64_t> resolved_groups(const ModuleConfiguration &configuration,
                                       int64_t max_groups) {
  if (configuration.groups)
    return configuration.groups;
  if (!configuration.channels)
    return std::nullopt;
  if (is_instance_norm(configuration.kind))
    return configuration.channels;
  return group_norm_groups(*configuration.channels, max_groups,
                           configuration.kind == NormKind::BatchNorm1d);
}

bool is_affine(const ModuleConfiguration &configuration) {
  return configuration.affine.value_or(!is_instance_norm(configuration.kind));
}

std::string describe(const ModuleConfiguration &configuration) {
  if (const std::optional<DropoutConfiguration> &dropout =
          configuration.dropout) {
    std::string text = dropout_kind_name(dropout->kind);
    text += "(" + format_double(dropout->p);
    if (dropout->inplace)
      text += ", inplace=true";
    return text + ')';
  }
  std::string text(norm_kind_name(configuration.kind));
  text += '(';
  text += configuration.channels ? std::to_string(*configuration.channels)
                                 : std::string("?");
  if (configuration.eps != 1e-5)
    text += ", eps=" + format_double(configuration.eps);
  if (configuration.momentum != 0.1)
    text += ", momentum=" + format_double(configuration.momentum);
  if (configuration.affine &&
      *configuration.affine != !is_instance_norm(configuration.kind))
    text += *configuration.affine ? ", affine=true" : ", affine=false";
  // LibTorch's default: on for BatchNorm, off for InstanceNorm.
  if (configuration.track_running_stats == is_instance_norm(configuration.kind))
    text += configuration.track_running_stats ? ", track_running_stats=true"
                                              : ", track_running_stats=false";
  return text + ')';
}

std::vector<int64_t> member_shape(const ModuleConfiguration &configuration,
                                  const ReplaySettings &settings) {
  if (configuration.dropout) {
    if (configuration.dropout->kind == DropoutKind::Dropout3d)
      return {settings.minibatch, DropoutChannels, 3, 3, 3};
    return {settings.minibatch, DropoutChannels, 4, 4};
  }
  std::vector<int64_t> shape = {settings.minibatch,
                                configuration.channels.value_or(0)};
  int dims = norm_kind_dims(configuration.kind);
  // BatchNorm1d normalises features ([N, C]); InstanceNorm1d needs a length.
  if (configuration.kind == NormKind::BatchNorm1d)
    return shape;
  int64_t extent = dims == 1 ? 6 : dims == 2 ? 4 : 3;
  shape.insert(shape.end(), dims, extent);
  return shape;
}

} // namespace vmap_tidy::verify
