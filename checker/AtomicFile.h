//===--- AtomicFile.h - Replace a file's contents all at once -------------===//
//
// The one writer of every file vmap-tidy produces (fixed sources, reports,
// summaries, caches): the contents go to a temporary file beside the target,
// which is renamed over it, so a reader (or a crash, or Ctrl-C: LLVM's
// TempFile removes the temporary on a signal) never leaves a half-written
// file. llvm::writeToOutput does the same, but ends by flushing a stream
// whose failure (a full disk) it does not return.
//
// The temporary is created exclusively (O_EXCL: a symlink planted at its
// name is never followed) and the rename replaces a symlink at the target
// itself, never the file it points to. A replaced file keeps its permission
// bits; a new one gets the umask's.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_ATOMICFILE_H
#define VMAP_TIDY_CHECKER_ATOMICFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::vmap {

/// Writes \p Contents to \p Path (creating its directory), atomically. A
/// target that exists and is not a regular file (a directory, a device) is
/// refused. The error reads "cannot write '<Path>': <reason>".
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

/// writeFileAtomically for an output the user named (a report, an export):
/// a character device or a pipe there (/dev/stdout, /dev/full, a fifo) is
/// written in place instead of being replaced, and its write errors are
/// returned the same way.
llvm::Error writeOutputFile(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace clang::tidy::vmap

#endif
