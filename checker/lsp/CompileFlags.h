//===--- CompileFlags.h - How a document is compiled ----------------------===//
//
// The lint child finds a file's compile command like clang-tidy does, but
// the server chooses the database: --compile-commands-dir, else the nearest
// compile_commands.json in a directory above the file or in that
// directory's build/ subdirectory (where CMake builds usually live, and
// which clang-tidy does not look into), else default flags for LibTorch.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_COMPILEFLAGS_H
#define VMAP_TIDY_CHECKER_LSP_COMPILEFLAGS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::vmap::lsp {

/// The flags used when no compilation database is found.
inline constexpr const char *DefaultCompileFlags[] = {
    "-std=c++17", "-isystem", "/usr/include/torch/csrc/api/include"};

struct CompileFlags {
  /// The directory of the compile_commands.json used; empty for defaults.
  std::string DatabaseDir;
  /// vmap-tidy arguments: `-p DIR`, or `--` and the default flags (which
  /// must come after the file).
  std::vector<std::string> Arguments;
};

/// The compile flags of \p File, an absolute path. \p CompileCommandsDir
/// (from --compile-commands-dir) wins when not empty.
CompileFlags findCompileFlags(llvm::StringRef File,
                              llvm::StringRef CompileCommandsDir);

} // namespace clang::tidy::vmap::lsp

#endif
