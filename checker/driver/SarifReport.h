//===--- SarifReport.h - Diagnostics as SARIF 2.1.0 -----------------------===//
//
// Writes a run's diagnostics as a SARIF 2.1.0 log for code-scanning tools:
// one rule per check with its help and documentation link, one result per
// diagnostic with its notes as related locations, the vmapped path as a
// code flow, and every fix (the warning's own and each alternative) as a
// SARIF fix. The output is deterministic: no timestamps, results sorted.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_SARIFREPORT_H
#define VMAP_TIDY_CHECKER_DRIVER_SARIFREPORT_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace clang::tidy::vmap {

struct SarifRun {
  std::vector<tooling::Diagnostic> Diagnostics;
  /// Files under this directory are written relative to it (SRCROOT).
  std::string SourceRoot;
  /// The URI of the directory holding `<check>.md` rule pages; "" for none.
  std::string RuleDocsUri;
  /// Whether a check's findings are errors (--warnings-as-errors).
  llvm::function_ref<bool(llvm::StringRef Check)> TreatAsError;
  int ExitCode = 0;
};

void writeSarif(const SarifRun &Run, llvm::raw_ostream &OS);

/// A file:// URI for an absolute path, percent-encoding what URIs forbid.
std::string fileUri(llvm::StringRef AbsolutePath);

} // namespace clang::tidy::vmap

#endif
