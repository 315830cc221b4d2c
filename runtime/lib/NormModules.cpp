//===--- NormModules.cpp - LibTorch's norm modules with running stats -----===//

#include "vmap_tidy/NormModules.h"
#include "NormModuleVisitor.h"

#include <array>
#include <utility>

namespace vmap_tidy {

namespace {

constexpr std::array<std::pair<NormKind, std::string_view>, 6> KindNames = {{
    {NormKind::BatchNorm1d, "BatchNorm1d"},
    {NormKind::BatchNorm2d, "BatchNorm2d"},
    {NormKind::BatchNorm3d, "BatchNorm3d"},
    {NormKind::InstanceNorm1d, "InstanceNorm1d"},
    {NormKind::InstanceNorm2d, "InstanceNorm2d"},
    {NormKind::InstanceNorm3d, "InstanceNorm3d"},
}};

} // namespace

std::string_view norm_kind_name(NormKind kind) {
  for (const auto &[k, name] : KindNames)
    if (k == kind)
      return name;
  return "?";
}

std::optional<NormKind> parse_norm_kind(std::string_view name) {
  for (const auto &[kind, n] : KindNames)
    if (n == name)
      return kind;
  return std::nullopt;
}

int norm_kind_dims(NormKind kind) {
  switch (kind) {
  case NormKind::BatchNorm1d:
  case NormKind::InstanceNorm1d:
    return 1;
  case NormKind::BatchNorm2d:
  case NormKind::InstanceNorm2d:
    return 2;
  case NormKind::BatchNorm3d:
  case NormKind::InstanceNorm3d:
    return 3;
  }
  return 0;
}

bool is_instance_norm(NormKind kind) {
  return kind == NormKind::InstanceNorm1d || kind == NormKind::InstanceNorm2d ||
         kind == NormKind::InstanceNorm3d;
}

std::optional<NormKind> classify_norm_module(const torch::nn::Module &module) {
  std::optional<NormKind> result;
  detail::visit_norm_module(
      module, [&](const auto &, NormKind kind) { result = kind; });
  return result;
}

} // namespace vmap_tidy
