//===--- OwnedFixApplication.h - --fix that never edits library files -----===//
//
// The vmap checks never build an edit of library code or of a file outside
// the project (checker/SourceEdits.h), but other clang-tidy checks a user
// enables can, and clang-tidy's --fix writes whatever the checks produced.
// So when fixes are to be applied and a check outside vmap-* (or a compiler
// fix-it, with --fix-errors) is enabled, vmap-tidy takes the fix flags away
// from clang-tidy, has it export the fixes instead, drops the foreign edits
// (ExportedFixOwnership.h) and applies the rest itself, each file written
// atomically. clang-tidy's own application (with its "FIX-IT applied" notes)
// is kept when only vmap checks run.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_OWNEDFIXAPPLICATION_H
#define VMAP_TIDY_CHECKER_DRIVER_OWNEDFIXAPPLICATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/StringSaver.h"
#include <string>
#include <vector>

namespace clang::tidy::vmap {

struct OwnedFixRequest {
  bool Apply = false;     // the driver applies the fixes itself
  bool FixErrors = false; // --fix-errors: apply even with compiler errors
  bool FixNotes = false;  // --fix-notes: a lone note's fix stands in
  std::string ExportFile; // where clang-tidy exports them
  bool TemporaryExport = false;
};

/// Decides, from clang-tidy's arguments \p Args and the checks that will
/// run, whether the driver must apply the fixes; if so rewrites \p Args
/// (fix flags out, --export-fixes in). Fails only when no temporary file
/// can be made.
llvm::Expected<OwnedFixRequest>
takeForeignFixMode(llvm::SmallVectorImpl<const char *> &Args,
                   llvm::ArrayRef<std::string> EnabledChecks,
                   llvm::StringSaver &Saver);

/// After clang-tidy ran (exit code \p Exit) and the export lost its foreign
/// edits: applies them as clang-tidy's --fix would. Returns the exit code.
int applyOwnedFixes(const OwnedFixRequest &Request, int Exit);

} // namespace clang::tidy::vmap

#endif
