//===--- NormFactory.cpp - Build the modules a replay runs ----------------===//

#include "NormFactory.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/normalization.h>
// instancenorm.h uses functional::detail::instance_norm without including it.
#include <torch/nn/functional/instancenorm.h>
#include <torch/nn/modules/instancenorm.h>
#include <torch/utils.h>

#include <charconv>

namespace vmap_tidy::verify {

namespace {

using torch::nn::AnyModule;

template <typename Options>
Options norm_options(const ModuleConfiguration &configuration,
                     bool track_running_stats) {
  return Options(*configuration.channels)
      .eps(configuration.eps)
      .momentum(configuration.momentum)
      .affine(is_affine(configuration))
      .track_running_stats(track_running_stats);
}

AnyModule build(const ModuleConfiguration &configuration,
                bool track_running_stats) {
  using namespace torch::nn;
  auto batch = [&] {
    return norm_options<BatchNormOptions>(configuration, track_running_stats);
  };
  auto instance = [&] {
    return norm_options<InstanceNormOptions>(configuration,
                                             track_running_stats);
  };
  switch (configuration.kind) {
  case NormKind::BatchNorm1d:
    return AnyModule(BatchNorm1d(batch()));
  case NormKind::BatchNorm2d:
    return AnyModule(BatchNorm2d(batch()));
  case NormKind::BatchNorm3d:
    return AnyModule(BatchNorm3d(batch()));
  case NormKind::InstanceNorm1d:
    return AnyModule(InstanceNorm1d(instance()));
  case NormKind::InstanceNorm2d:
    return AnyModule(InstanceNorm2d(instance()));
  case NormKind::InstanceNorm3d:
    return AnyModule(InstanceNorm3d(instance()));
  }
  throw std::logic_error("unhandled norm kind");
}

/// Copies \p from's parameters into the same-named ones of \p to.
void copy_parameters(const torch::nn::Module &from, torch::nn::Module &to) {
  torch::NoGradGuard no_grad;
  auto source = from.named_parameters(/*recurse=*/false);
  for (auto &item : to.named_parameters(/*recurse=*/false))
    if (const torch::Tensor *value = source.find(item.key()))
      item.value().copy_(*value);
}

std::string format_double(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, error == std::errc() ? end : buffer);
}

} // namespace

AnyModule make_trained_original(const ModuleConfiguration &configuration,
                                const ReplaySettings &settings,
                                const c10::Device &device) {
  AnyModule module = build(configuration, configuration.track_running_stats);
  {
    torch::NoGradGuard no_grad;
    for (auto &parameter : module.ptr()->parameters())
      parameter.copy_(parameter + 0.1 * torch::randn(parameter.sizes()));
  }
  module.ptr()->to(device);
  module.ptr()->train();
  if (configuration.track_running_stats) {
    torch::NoGradGuard no_grad;
    std::vector<int64_t> shape = member_shape(configuration, settings);
    // BatchNorm1d in training needs more than one value per channel.
    shape[0] = std::max<int64_t>(shape[0], 2);
    for (int step = 0; step < 3; ++step)
      module.forward(torch::randn(shape).mul(2).add(0.5).to(device));
  }
  return module;
}

AnyModule make_stats_free(const ModuleConfiguration &configuration,
                          const AnyModule &original,
                          const c10::Device &device) {
  AnyModule module = build(configuration, /*track_running_stats=*/false);
  module.ptr()->to(device);
  copy_parameters(*original.ptr(), *module.ptr());
  return module;
}

AnyModule make_group_norm(const ModuleConfiguration &configuration,
                          int64_t groups, const AnyModule &original,
                          const c10::Device &device) {
  torch::nn::GroupNorm norm(
      torch::nn::GroupNormOptions(groups, *configuration.channels)
          .eps(configuration.eps)
          .affine(is_affine(configuration)));
  AnyModule module(norm);
  module.ptr()->to(device);
  copy_parameters(*original.ptr(), *module.ptr());
  return module;
}

AnyModule make_dropout(const ModuleConfiguration &configuration) {
  using namespace torch::nn;
  const DropoutConfiguration &dropout = *configuration.dropout;
  DropoutOptions options = DropoutOptions(dropout.p).inplace(dropout.inplace);
  switch (dropout.kind) {
  case DropoutKind::Dropout:
    return AnyModule(Dropout(options));
  case DropoutKind::Dropout2d:
    return AnyModule(Dropout2d(options));
  case DropoutKind::Dropout3d:
    return AnyModule(Dropout3d(options));
  case DropoutKind::AlphaDropout:
    return AnyModule(AlphaDropout(options));
  case DropoutKind::FeatureAlphaDropout:
    return AnyModule(FeatureAlphaDropout(options));
  }
  throw std::logic_error("unhandled dropout kind");
}

std::string describe_group_norm(const ModuleConfiguration &configuration,
                                int64_t groups) {
  std::string text = "GroupNorm(" + std::to_string(groups) + ", " +
                     std::to_string(configuration.channels.value_or(0));
  if (configuration.eps != 1e-5)
    text += ", eps=" + format_double(configuration.eps);
  if (!is_affine(configuration))
    text += ", affine=false";
  return text + ")";
}

} // namespace vmap_tidy::verify
