//===--- ExportedFixOwnership.h - No exported edit of library files -------===//
//
// Defence in depth behind the checks' own rule (checker/CodeOwnership.h):
// after a run, the --export-fixes file (the user's, or the one a report is
// built from) loses every fix that would edit library code or a file
// outside the project of the file that was linted, whichever check made
// it. Each dropped fix is reported in one line on standard error.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_EXPORTEDFIXOWNERSHIP_H
#define VMAP_TIDY_CHECKER_DRIVER_EXPORTEDFIXOWNERSHIP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::vmap {

/// The --export-fixes file named by clang-tidy's arguments \p Args (before
/// `--`), or "" for none.
std::string exportedFixesFile(llvm::ArrayRef<const char *> Args);

/// Removes the fixes of \p YamlFile that edit files the user does not own,
/// rewriting it atomically when any go. A missing file holds none.
llvm::Error dropForeignExportedFixes(llvm::StringRef YamlFile);

} // namespace clang::tidy::vmap

#endif
