//===--- ReportFlags.h - --format, --export-sarif, --export-code-quality --===//
//
// Machine-readable reports wrap the clang-tidy run: the flags are taken off
// the command line, clang-tidy exports its diagnostics (--export-fixes, to
// a temporary file unless the user asked for one), and the export is
// converted once the run ends. With --format=sarif or --format=code-quality
// the report replaces clang-tidy's text on standard output; the --export-*
// flags write a report to a file beside the text.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_REPORTFLAGS_H
#define VMAP_TIDY_CHECKER_DRIVER_REPORTFLAGS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/StringSaver.h"
#include <string>

namespace clang::tidy::vmap {

enum class ReportFormat { Text, Sarif, CodeQuality };

struct ReportRequest {
  /// What standard output carries: clang-tidy's text or a report.
  ReportFormat Stdout = ReportFormat::Text;
  /// Files to write a report to ("" for none).
  std::string SarifFile, CodeQualityFile;
  /// The YAML file clang-tidy exports to, and whether it is ours to delete.
  std::string ExportedFixes;
  bool TemporaryExport = false;
  /// --warnings-as-errors, for the results' level.
  std::string WarningsAsErrors;
  /// Standard output, kept while clang-tidy's text goes to /dev/null.
  int SavedStdout = -1;

  bool wanted() const {
    return Stdout != ReportFormat::Text || !SarifFile.empty() ||
           !CodeQualityFile.empty();
  }
};

/// Takes --format=text|sarif|code-quality, --export-sarif=FILE and
/// --export-code-quality=FILE off \p Args and makes
/// clang-tidy export its diagnostics when a report is wanted. On bad input
/// sets \p Error and returns false.
bool takeReportFlags(llvm::SmallVectorImpl<const char *> &Args,
                     llvm::StringSaver &Saver, ReportRequest &Request,
                     std::string &Error);

/// The file:// URI (with a trailing slash) of the rule pages `<check>.md`:
/// docs/rules of the source tree the executable was built in, or of an
/// installation; "" when neither exists.
std::string ruleDocsUri(const char *Argv0);

/// Silences clang-tidy's text output when the report replaces it.
void beginReport(ReportRequest &Request);

/// Writes the reports of a run that exited with \p Exit; returns the exit
/// code of vmap-tidy (non-zero when a report cannot be written).
int finishReport(ReportRequest &Request, int Exit, const char *Argv0);

} // namespace clang::tidy::vmap

#endif
