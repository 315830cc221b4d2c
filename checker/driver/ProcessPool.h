//===--- ProcessPool.h - Run child processes a few at a time --------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_PROCESSPOOL_H
#define VMAP_TIDY_CHECKER_DRIVER_PROCESSPOOL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace clang::tidy::vmap {

struct PooledCommand {
  std::vector<std::string> Argv;
  /// Files that receive the child's standard output and error.
  std::string Stdout, Stderr;
};

/// Runs \p Program once per command, at most \p Jobs at a time, and returns
/// the exit codes in command order (-1 when a child could not start).
/// \p OnFinished is called for each command in order, as soon as it and all
/// commands before it have finished, so output can be shown in order while
/// later commands still run.
std::vector<int> runProcessPool(
    const std::string &Program, const std::vector<PooledCommand> &Commands,
    unsigned Jobs,
    llvm::function_ref<void(size_t Index, int Exit)> OnFinished = nullptr);

} // namespace clang::tidy::vmap

#endif
