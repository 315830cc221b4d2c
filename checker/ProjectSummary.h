//===--- ProjectSummary.h - vmap facts shared across translation units ----===//
//
// Project mode (`vmap-tidy --project -p build`) first summarises every
// translation unit of the compilation database (its VmapGraph and the user
// files it was built from), then merges the summaries into one program graph
// stored next to the database, in `.vmap-tidy/project.json`. Every later run
// of the checks on a file of that project (a project run, a single-file run
// from an editor or pre-commit, the clang-tidy plugin) merges that graph with
// the file's own, so a model defined in one file and vmapped in another is
// still reported.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_PROJECTSUMMARY_H
#define VMAP_TIDY_CHECKER_PROJECTSUMMARY_H

#include "checker/AtomicFile.h"
#include "checker/VmapGraph.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::vmap {

/// The directory, next to a compilation database, that holds the summaries.
inline constexpr llvm::StringLiteral SummaryDirName = ".vmap-tidy";

/// When set (by `vmap-tidy` while summarising one file for project mode),
/// the checks write the translation unit's summary to this path and report
/// nothing.
void setSummaryOutput(std::string Path);
const std::string &summaryOutput();

/// A user file a summary was built from, with a hash of its contents.
struct SummaryDependency {
  std::string Path;
  std::string Hash;
};

/// The content hash used to validate cached summaries.
std::string contentHash(llvm::StringRef Contents);

/// The non-system files of the translation unit, with their hashes.
std::vector<SummaryDependency> userFiles(const SourceManager &SM);

/// Writes one translation unit's summary atomically.
llvm::Error writeUnitSummary(llvm::StringRef Path, const VmapGraph &Graph,
                             const std::vector<SummaryDependency> &Deps);

/// A unit summary's graph: nullopt when there is none or a file it was
/// built from changed (it is to be rebuilt, as a matter of course); an
/// error saying why when it cannot be used (unreadable, truncated, not
/// JSON, another version, a malformed graph, a site path that is relative
/// or has `..` in it).
llvm::Expected<std::optional<VmapGraph>> readUnitSummary(llvm::StringRef Path);

/// readUnitSummary, with any error as nullopt.
std::optional<VmapGraph> readFreshUnitSummary(llvm::StringRef Path);

/// Writes the merged project graph atomically.
llvm::Error writeProjectSummary(llvm::StringRef Path, const VmapGraph &Graph);

/// The project graph for a file: `<BuildDir>/.vmap-tidy/project.json`, else
/// the nearest `.vmap-tidy/project.json` or `build/.vmap-tidy/project.json`
/// in a directory above \p MainFile; null when there is none. Loaded graphs
/// are cached per path. A summary that cannot be read, does not parse or is
/// of another version is an error ("cannot use the project summary '...':
/// ..."), so the cross-file analysis is never off without a word.
llvm::Expected<const VmapGraph *> findProjectSummary(llvm::StringRef BuildDir,
                                                     llvm::StringRef MainFile);

/// The JSON value in the file \p Path.
llvm::Expected<llvm::json::Value> readJSONFile(llvm::StringRef Path);
/// readJSONFile, for a file that must hold a JSON object.
llvm::Expected<llvm::json::Object> readJSONObjectFile(llvm::StringRef Path);

} // namespace clang::tidy::vmap

#endif
