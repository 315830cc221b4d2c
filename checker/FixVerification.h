//===--- FixVerification.h - Back a diagnostic with a LibTorch run --------===//
//
// `vmap-tidy --verify` runs vmap-tidy-verify on each reported module's
// configuration (the fix data) and adds its verdict as a note: the original
// module fails under vmap with the real functorch error, and each proposed
// fix runs under vmap and matches a per-member loop. The verifier caches its
// results by configuration, so repeated runs cost nothing.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_FIXVERIFICATION_H
#define VMAP_TIDY_CHECKER_FIXVERIFICATION_H

#include "llvm/Support/JSON.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap {

/// Set by `vmap-tidy --verify`: the vmap-tidy-verify executable to run.
void setFixVerifier(std::string Path);
const std::string &fixVerifier();

/// Runs the verifier on one configuration (the fix data of a diagnostic) and
/// returns the note to add; nothing when the configuration cannot be
/// replayed (a channel count unknown at compile time).
std::optional<std::string>
verifyConfiguration(const llvm::json::Object &FixData);

} // namespace clang::tidy::vmap

#endif
