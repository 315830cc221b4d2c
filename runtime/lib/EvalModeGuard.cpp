//===--- EvalModeGuard.cpp - Eval mode for a scope ------------------------===//

#include "vmap_tidy/EvalModeGuard.h"

#include <torch/nn/module.h>

namespace vmap_tidy {

EvalModeGuard::EvalModeGuard(torch::nn::Module &root)
    : root_(root), root_was_training_(root.is_training()) {
  for (const auto &item : root.named_modules(/*name_prefix=*/"",
                                             /*include_self=*/false))
    descendants_.emplace_back(item.value(), item.value()->is_training());
  root_.eval();
}

EvalModeGuard::~EvalModeGuard() {
  // Module::train(flag) sets the whole subtree, so each module is set after
  // its ancestors and ends with its own flag.
  root_.train(root_was_training_);
  for (auto &[module, was_training] : descendants_)
    module->train(was_training);
}

} // namespace vmap_tidy
