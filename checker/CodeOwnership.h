//===--- CodeOwnership.h - Whether a file is the user's or a library's ----===//
//
// vmap-tidy reports, traverses and edits only the user's code. What is the
// user's is decided by where a file lives, never by how it was included:
// LibTorch put on the include path with -I is as much library code as with
// -isystem. Library code is
//   * system headers (-isystem, the compiler's own directories);
//   * LibTorch's headers, wherever LibTorch is installed: everything under
//     a distribution's `include/` (one holding `ATen/ATen.h`,
//     `c10/macros/Macros.h` and `torch/csrc/api/include/torch/torch.h`,
//     which also ships fmt, pybind11, ...), and any file under a `torch/`,
//     `ATen/`, `c10/` or `caffe2/` directory whose parent is a LibTorch
//     include root (a directory holding `torch/torch.h`, `ATen/ATen.h` or
//     `c10/macros/Macros.h`, such as `torch/csrc/api/include`);
//   * the files the user names in the `LibraryPaths` option.
// In library code there are no diagnostics, no fix-its, no traversal and no
// path notes, and the preamble skips its function bodies.
//
// Edits are further confined to the user's project: the git work tree that
// holds the linted file, else the directory of the nearest .clang-tidy above
// it, else the file's own directory.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_CODEOWNERSHIP_H
#define VMAP_TIDY_CHECKER_CODEOWNERSHIP_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang {
class Decl;
class SourceManager;
namespace tidy::vmap {

/// The name of the option (a global one: it describes the project, not a
/// rule) that lists the user's third-party code.
inline constexpr llvm::StringLiteral LibraryPathsOption = "LibraryPaths";

/// Sets the user's library paths for the translation units that follow:
/// a `;`- or `,`-separated list. An entry without glob characters is a
/// directory: an absolute one matches the files below it, a relative one
/// (`third_party`, `external/eigen`) matches files below any directory
/// whose path ends in it. An entry with `*`, `?` or `[` is a glob matched
/// against the file's absolute path (a relative glob may match its tail).
void setLibraryPaths(llvm::StringRef List);

/// Whether the file at \p Path (absolute, or relative to the working
/// directory) is library code: LibTorch's or under a library path. System
/// headers are known only to a SourceManager; see isLibraryCode.
bool isLibraryFile(llvm::StringRef Path);

/// Whether \p Loc (its expansion, for macros) lies in library code.
bool isLibraryCode(const SourceManager &SM, SourceLocation Loc);

/// Whether \p D is declared in library code. Null is not user code either.
bool isUserCode(const Decl *D);

/// The project that \p File belongs to (see the file comment), absolute and
/// without a trailing separator.
std::string projectRootOf(llvm::StringRef File);

/// Why an edit of \p File, made while linting \p MainFile, must not be made
/// ("library code", "outside the project '<root>'"); nullopt when it may.
std::optional<std::string> editRefusal(llvm::StringRef File,
                                       llvm::StringRef MainFile);

} // namespace tidy::vmap
} // namespace clang

#endif
