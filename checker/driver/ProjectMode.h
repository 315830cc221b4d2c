//===--- ProjectMode.h - vmap-tidy --project ------------------------------===//
//
// `vmap-tidy --project -p <build> [-j N] [files...]` lints a whole project
// as one program. It summarises every entry of compile_commands.json (in
// parallel, one vmap-tidy process per file, reusing cached summaries of
// unchanged files), merges them into `<build>/.vmap-tidy/project.json`, and
// then runs the checks as usual: on the files given, or on every file of
// the database. The checks read the merged graph, so a module built in one
// file and vmapped in another is reported in the file that builds it.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_PROJECTMODE_H
#define VMAP_TIDY_CHECKER_DRIVER_PROJECTMODE_H

#include "PreambleCache.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/StringSaver.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::vmap {

/// vmap-tidy's own flags, removed from the command line before clang-tidy
/// parses it.
struct DriverFlags {
  bool Project = false;
  /// Parallel summary jobs; 0 means one per core.
  unsigned Jobs = 0;
  /// Back each diagnostic with a vmap-tidy-verify run.
  bool Verify = false;
  /// Internal: summarise the single input file into this path.
  std::string SummaryOut;
  /// The preamble cache (--preamble-cache, --cache-dir,
  /// --preamble-cache-limit, --preamble-cache-log), over the environment.
  PreambleCacheSettings PreambleCache = preambleCacheSettingsFromEnvironment();
  /// Internal: build this preamble cache entry and exit.
  std::string BuildPreamble;
};

/// The .clang-tidy files that apply to \p Path (a file or a directory), as
/// clang-tidy finds them: in its directory and every parent, nearest first.
std::vector<std::string> clangTidyConfigFilesAbove(llvm::StringRef Path);

/// Takes vmap-tidy's flags out of \p Args (which stay clang-tidy's). On a
/// malformed flag, sets \p Error and returns false.
bool takeDriverFlags(llvm::SmallVectorImpl<const char *> &Args,
                     DriverFlags &Flags, std::string &Error);

/// Runs the summary pass of project mode and writes the project graph.
/// Appends every database file to \p Args when it names no input file.
/// Returns false (after printing one error line) when the project cannot
/// be summarised.
bool summariseProject(const char *Argv0, const DriverFlags &Flags,
                      llvm::SmallVectorImpl<const char *> &Args,
                      llvm::StringSaver &Saver);

/// The lint pass of project mode: one vmap-tidy process per input file of
/// \p Args, at most -j at a time, each file's report printed whole and in
/// order. Returns the highest exit code, or nullopt when the command line
/// applies or exports fixes (which one process must do for all files so
/// that a shared header is fixed once) or names fewer than two files.
std::optional<int> lintProjectInParallel(const char *Argv0,
                                         const DriverFlags &Flags,
                                         llvm::ArrayRef<const char *> Args);

} // namespace clang::tidy::vmap

#endif
