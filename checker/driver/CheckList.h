//===--- CheckList.h - `vmap-tidy --list-checks`, with what each rule finds
//===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_CHECKLIST_H
#define VMAP_TIDY_CHECKER_DRIVER_CHECKLIST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace clang::tidy::vmap {

/// When \p Args ask for `--list-checks`, prints clang-tidy's list of the
/// \p Enabled checks with each vmap rule's one-line summary (RuleInfo.h)
/// beside its name, and returns true. Returns false (clang-tidy then lists,
/// and reports what is wrong) when nothing is enabled.
bool listChecks(llvm::ArrayRef<const char *> Args,
                llvm::ArrayRef<std::string> Enabled, llvm::raw_ostream &OS);

} // namespace clang::tidy::vmap

#endif
