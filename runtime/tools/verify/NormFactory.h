//===--- NormFactory.h - Build the modules a replay runs ------------------===//
//
// The original module as the code builds it, with the state a model has
// after some training (random affine parameters, running statistics
// gathered over a few batches), and the fixed modules derived from it with
// the same learned parameters. Everything is drawn from the global
// generator, so seeding it first makes a replay reproducible.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_NORMFACTORY_H
#define VMAP_TIDY_VERIFY_NORMFACTORY_H

#include "Configuration.h"

#include <torch/nn/modules/container/any.h>

namespace vmap_tidy::verify {

/// The module \p configuration describes, on \p device, with random affine
/// parameters and, when it tracks them, running statistics from three
/// training-mode passes over random member inputs. Left in training mode.
torch::nn::AnyModule
make_trained_original(const ModuleConfiguration &configuration,
                      const ReplaySettings &settings,
                      const c10::Device &device);

/// The same module built with track_running_stats(false), on \p device,
/// sharing nothing with \p original but holding copies of its weight and
/// bias.
torch::nn::AnyModule make_stats_free(const ModuleConfiguration &configuration,
                                     const torch::nn::AnyModule &original,
                                     const c10::Device &device);

/// GroupNorm(\p groups, C) with the configuration's eps and affine, and
/// copies of \p original's weight and bias.
torch::nn::AnyModule make_group_norm(const ModuleConfiguration &configuration,
                                     int64_t groups,
                                     const torch::nn::AnyModule &original,
                                     const c10::Device &device);

/// The dropout module \p configuration describes (configuration.dropout
/// set), in training mode. It has no parameters or buffers, so it lives on
/// every device.
torch::nn::AnyModule make_dropout(const ModuleConfiguration &configuration);

/// "GroupNorm(8, 64)", with eps and affine when they differ from
/// GroupNorm's defaults.
std::string describe_group_norm(const ModuleConfiguration &configuration,
                                int64_t groups);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_NORMFACTORY_H
