//===--- PreambleCompileDatabase.h - Point clang-tidy at cached preambles -===//
//
// clang-tidy compiles each input file with the command its compilation
// database gives. To make a file load its cached preamble, vmap-tidy
// resolves those commands itself (exactly as clang-tidy would: `--` fixed
// flags, `-p`, or a database found above the file), appends the preamble
// arguments to each command that has a valid cache entry, writes the
// commands to a private compile_commands.json, and hands clang-tidy that
// database instead. Directories, files and every other flag are unchanged,
// so diagnostics, fixes and their locations are the same.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_PREAMBLECOMPILEDATABASE_H
#define VMAP_TIDY_CHECKER_DRIVER_PREAMBLECOMPILEDATABASE_H

#include "PreambleCache.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/StringSaver.h"
#include <string>

namespace clang::tidy::vmap {

/// Rewrites clang-tidy's command line \p Args to use \p Cache. Returns the
/// private database's directory, which the caller removes after the run,
/// or "" when nothing was rewritten (no input, no database, no preamble
/// worth caching, or a command the cache cannot reproduce exactly).
std::string usePreambleCache(llvm::SmallVectorImpl<const char *> &Args,
                             PreambleCache &Cache, llvm::StringSaver &Saver);

} // namespace clang::tidy::vmap

#endif
