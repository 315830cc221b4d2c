//===--- PreambleBounds.h - The cacheable preamble of a source file -------===//
//
// A translation unit's preamble is its leading block of comments and
// preprocessor directives: in LibTorch code, the `#include`s that cost
// nearly all of its parse time. vmap-tidy precompiles that block once and
// lets clang skip it in the main file (`-preamble-bytes`).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_PREAMBLEBOUNDS_H
#define VMAP_TIDY_CHECKER_DRIVER_PREAMBLEBOUNDS_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap {

/// The byte length of the preamble of \p Source worth precompiling, or
/// nullopt when there is none. The preamble always ends at the start of a
/// line, holds at least one `#include`/`#import`, and closes every
/// conditional it opens, so it compiles as a header of its own (a file
/// that starts with an include guard keeps the guard out of it).
std::optional<unsigned> cacheablePreambleSize(llvm::StringRef Source);

/// The directives of \p Preamble without comments or layout, one per line:
/// what decides its meaning. Files whose preambles differ only in comments
/// (a licence header, a file description) share one precompiled preamble.
std::string preambleDirectives(llvm::StringRef Preamble);

/// True when the preamble \p Preamble includes a file with quotes, which
/// clang looks up relative to the main file's directory first.
bool hasQuotedInclude(llvm::StringRef Preamble);

} // namespace clang::tidy::vmap

#endif
