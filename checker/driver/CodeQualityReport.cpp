//===--- CodeQualityReport.cpp - Diagnostics as a GitLab Code Quality report =//

#include "CodeQualityReport.h"
#include "ExportedDiagnostics.h"
#include "checker/RuleInfo.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::vmap {

namespace json = llvm::json;

llvm::StringRef codeQualitySeverity(const tooling::Diagnostic &D,
                                    bool TreatedAsError) {
  // clang-tidy exports warnings promoted by --warnings-as-errors with level
  // Error too; only the compiler's own errors are named like this.
  if (D.DiagnosticName == "clang-diagnostic-error")
    return "critical";
  if (TreatedAsError || D.DiagLevel == tooling::Diagnostic::Error)
    return "major";
  if (D.DiagLevel == tooling::Diagnostic::Remark)
    return "info";
  return "minor";
}

void writeCodeQuality(const CodeQualityRun &Run, llvm::raw_ostream &OS) {
  SourceRoot Root(Run.SourceRoot);
  PositionResolver Positions;
  FindingFingerprints Fingerprints;
  json::Array Issues;
  for (const tooling::Diagnostic &D : Run.Diagnostics) {
    llvm::StringRef Path =
        Root.relative(D.Message.FilePath).value_or(D.Message.FilePath);
    // A diagnostic without a readable location (a file deleted since the
    // run) still gets an issue; GitLab needs a line, so it gets line 1.
    std::optional<TextPosition> Position =
        Positions.resolve(D.Message.FilePath, D.Message.FileOffset);
    bool AsError = Run.TreatAsError && Run.TreatAsError(D.DiagnosticName);
    json::Object Issue{
        {"type", "issue"},
        {"description", D.Message.Message},
        {"check_name", D.DiagnosticName},
        {"fingerprint", Fingerprints.next(D, Path)},
        {"severity", codeQualitySeverity(D, AsError)},
        {"location",
         json::Object{{"path", Path},
                      {"lines", json::Object{{"begin", Position ? Position->Line
                                                                : 1}}}}}};
    // The Code Climate format's explanation of the issue, which GitLab's
    // report reuses: the rule's own description.
    if (const RuleInfo *Rule = findVmapRule(D.DiagnosticName))
      Issue["content"] = json::Object{
          {"body",
           ("**" + Rule->Summary + "**\n\n" + Rule->Description).str()}};
    Issues.push_back(std::move(Issue));
  }
  OS << llvm::formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
}

} // namespace clang::tidy::vmap
