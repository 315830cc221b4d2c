//===--- LayeredChecks.h - vmap-* on unless the user turns them off -------===//
//
// clang-tidy's base check list is `clang-diagnostic-*,clang-analyzer-*`;
// vmap-tidy's is `-*,vmap-*`. Configurations layer on top of it exactly as
// clang-tidy layers them on its own base: a `.clang-tidy` (with
// InheritParentConfig), `--config` or `--config-file`, then `--checks`, each
// appending its globs. So a config with only CheckOptions, or a project's
// `.clang-tidy` listing other checks, still runs vmap-* (plus what it
// lists); only an explicit `-vmap-*` (or `-*`) turns them off.
//
// clang-tidy offers no way to replace its base list, so the driver computes
// the layered list with clang-tidy's own option providers and passes it as
// `--checks`: it starts with `-*`, so clang-tidy's base cannot add to it.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_LAYEREDCHECKS_H
#define VMAP_TIDY_CHECKER_DRIVER_LAYEREDCHECKS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/StringSaver.h"
#include <string>
#include <vector>

namespace clang::tidy::vmap {

inline constexpr llvm::StringLiteral BaseChecks = "-*,vmap-*";

/// Replaces the `--checks` of clang-tidy's arguments \p Args with the
/// layered list for the inputs, and returns the checks it enables. Leaves
/// \p Args as they are (and returns none) when a config does not parse:
/// clang-tidy then reports it. Fails when inputs under different
/// configurations would enable different checks.
llvm::Expected<std::vector<std::string>>
layerChecks(llvm::SmallVectorImpl<const char *> &Args,
            llvm::StringSaver &Saver);

} // namespace clang::tidy::vmap

#endif
