//===--- AtomicFile.h - Replace a file's contents all at once -------------===//
//
// The one writer of every file vmap-tidy produces (fixed sources, reports,
// summaries, caches): the contents go to a temporary file beside the target,
// which is renamed over it, so a reader (or a crash, or Ctrl-C: LLVM's
// TempFile removes the temporary on a signal) never leaves a half-written
// file. llvm::writeToOutput does the same, but ends by flushing a stream
// whose failure (a full disk) it does not return.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_ATOMICFILE_H
#define VMAP_TIDY_CHECKER_ATOMICFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::vmap {

/// Writes \p Contents to \p Path (creating its directory), atomically. The
/// error reads "cannot write '<Path>': <reason>".
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace clang::tidy::vmap

#endif
