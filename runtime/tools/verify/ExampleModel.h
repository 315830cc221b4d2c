//===--- ExampleModel.h - The bundled example's norm modules --------------===//
//
// The norm modules of examples/model.cpp, as vmap-tidy reads them, for
// `vmap-tidy-verify --example`. Keep in sync with that file.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_EXAMPLEMODEL_H
#define VMAP_TIDY_VERIFY_EXAMPLEMODEL_H

#include "Configuration.h"

#include <vector>

namespace vmap_tidy::verify {

std::vector<ModuleConfiguration> example_model_configurations();

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_EXAMPLEMODEL_H
