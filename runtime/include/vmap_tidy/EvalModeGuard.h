//===--- EvalModeGuard.h - Eval mode for a scope --------------------------===//
//
// Puts a module tree in eval mode for the guard's lifetime and then gives
// every module back its own training flag, including modules that were in a
// different mode from their parent (a frozen backbone in eval inside a model
// in training). Restoring happens in the destructor, so also when an
// exception unwinds the scope.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_EVALMODEGUARD_H
#define VMAP_TIDY_EVALMODEGUARD_H

#include <memory>
#include <utility>
#include <vector>

namespace torch::nn {
class Module;
} // namespace torch::nn

namespace vmap_tidy {

class EvalModeGuard {
public:
  /// Records the training flag of \p root and of each of its descendants,
  /// then calls root.eval(). \p root must outlive the guard; it need not be
  /// owned by a shared_ptr.
  explicit EvalModeGuard(torch::nn::Module &root);
  /// Restores each recorded module's flag.
  ~EvalModeGuard();
  EvalModeGuard(const EvalModeGuard &) = delete;
  EvalModeGuard &operator=(const EvalModeGuard &) = delete;

private:
  torch::nn::Module &root_;
  bool root_was_training_;
  /// Descendants in pre-order, so restoring a parent (Module::train is
  /// recursive) comes before restoring its children.
  std::vector<std::pair<std::shared_ptr<torch::nn::Module>, bool>> descendants_;
};

} // namespace vmap_tidy

#endif // VMAP_TIDY_EVALMODEGUARD_H
