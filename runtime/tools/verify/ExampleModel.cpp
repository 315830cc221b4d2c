//===--- ExampleModel.cpp - The bundled example's norm modules ------------===//

#include "ExampleModel.h"

namespace vmap_tidy::verify {

std::vector<ModuleConfiguration> example_model_configurations() {
  // bn1 = register_module("bn1", BatchNorm2d(8));
  ModuleConfiguration bn1;
  bn1.kind = NormKind::BatchNorm2d;
  bn1.channels = 8;
  bn1.location = "examples/model.cpp:10:32";

  // auto bn2_opts = BatchNorm2dOptions(16).momentum(0.05);
  // bn2 = register_module("bn2", BatchNorm2d(bn2_opts));
  ModuleConfiguration bn2;
  bn2.kind = NormKind::BatchNorm2d;
  bn2.channels = 16;
  bn2.momentum = 0.05;
  bn2.location = "examples/model.cpp:14:32";

  // BatchNorm1d(BatchNorm1dOptions(32).track_running_stats(false)): already
  // fine under vmap; verified as such.
  ModuleConfiguration head_norm;
  head_norm.kind = NormKind::BatchNorm1d;
  head_norm.channels = 32;
  head_norm.track_running_stats = false;
  head_norm.location = "examples/model.cpp:19:7";

  return {bn1, bn2, head_norm};
}

} // namespace vmap_tidy::verify
