//===--- CodeQualityReport.h - Diagnostics as a GitLab Code Quality report ===//
//
// Writes a run's diagnostics as GitLab's Code Quality report (the subset of
// the Code Climate issue format that GitLab reads): a JSON array with one
// issue per diagnostic, holding description, check_name, fingerprint,
// severity, location.path and location.lines.begin.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_CODEQUALITYREPORT_H
#define VMAP_TIDY_CHECKER_DRIVER_CODEQUALITYREPORT_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace clang::tidy::vmap {

struct CodeQualityRun {
  /// Sorted by file and offset (readExportedDiagnostics), which makes the
  /// report and the fingerprints of repeated findings deterministic.
  llvm::ArrayRef<tooling::Diagnostic> Diagnostics;
  /// Paths under this directory are written relative to it, as GitLab
  /// expects paths relative to the repository.
  std::string SourceRoot;
  /// Whether a check's findings are errors (--warnings-as-errors).
  llvm::function_ref<bool(llvm::StringRef Check)> TreatAsError;
};

void writeCodeQuality(const CodeQualityRun &Run, llvm::raw_ostream &OS);

/// GitLab's severity of a diagnostic: compiler errors are "critical" (the
/// file was not analysed completely), findings made errors by
/// --warnings-as-errors "major", other warnings "minor", remarks "info".
llvm::StringRef codeQualitySeverity(const tooling::Diagnostic &D,
                                    bool TreatedAsError);

} // namespace clang::tidy::vmap

#endif
