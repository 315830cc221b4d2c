//===--- ExportedDiagnostics.h - clang-tidy's exported diagnostics --------===//
//
// clang-tidy's --export-fixes YAML holds every diagnostic of a run, with its
// notes and fixes, located by file and byte offset. Report formats (SARIF)
// read it back, merge several files (one per process), and turn offsets
// into lines and columns.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_EXPORTEDDIAGNOSTICS_H
#define VMAP_TIDY_CHECKER_DRIVER_EXPORTEDDIAGNOSTICS_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/StringSaver.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::vmap {

/// \p Path, as an export names it (relative to the diagnostic's build
/// directory \p BuildDirectory, as the compile command did), made absolute
/// and without dots.
std::string exportedFileAbsolute(llvm::StringRef Path,
                                 llvm::StringRef BuildDirectory);

/// The diagnostics of the YAML files \p Paths (missing files hold none),
/// with every file path absolute, sorted by file, offset and check, each
/// once.
llvm::Expected<std::vector<tooling::Diagnostic>>
readExportedDiagnostics(llvm::ArrayRef<std::string> Paths);

/// readExportedDiagnostics of the export \p File of this run, which is
/// removed afterwards when the driver made it (\p Temporary).
llvm::Expected<std::vector<tooling::Diagnostic>>
takeExportedDiagnostics(llvm::StringRef File, bool Temporary);

/// Has clang-tidy (whose arguments are \p Args) export its diagnostics to a
/// new temporary file, and returns that file.
llvm::Expected<std::string>
exportToTemporaryFile(llvm::SmallVectorImpl<const char *> &Args,
                      llvm::StringSaver &Saver, llvm::StringRef Prefix);

/// A 1-based line and column; the column counts Unicode code points.
struct TextPosition {
  unsigned Line = 1, Column = 1;
};

/// Resolves byte offsets of files to positions, reading each file once.
class PositionResolver {
public:
  /// Nullopt when the file cannot be read or the offset is past its end.
  std::optional<TextPosition> resolve(llvm::StringRef File, unsigned Offset);

private:
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Files;
};

/// The directory reports name files relative to (the repository, or the
/// working directory): SARIF's SRCROOT, Code Quality's paths.
class SourceRoot {
public:
  /// \p Directory may be "" for none.
  explicit SourceRoot(llvm::StringRef Directory);
  /// The directory with a trailing '/', or "" for none.
  llvm::StringRef prefix() const { return Prefix; }
  /// \p File relative to the root, or nullopt when it lies outside.
  std::optional<llvm::StringRef> relative(llvm::StringRef File) const;

private:
  std::string Prefix;
};

/// Identifies findings across runs for report consumers (GitLab's
/// fingerprint, SARIF's partialFingerprints): a hash of check, file (as the
/// report names it) and message, not the line, so that edits above a finding
/// keep it the same issue. The N-th repeat of the same text in a file adds N;
/// the first keeps the plain hash. One instance per report.
class FindingFingerprints {
public:
  std::string next(const tooling::Diagnostic &D, llvm::StringRef ReportPath);

private:
  llvm::StringMap<unsigned> Seen;
};

} // namespace clang::tidy::vmap

#endif
