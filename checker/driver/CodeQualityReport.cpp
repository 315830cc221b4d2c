//===--- CodeQualityReport.cpp - Diagnostics as a GitLab Code Quality report =//

#include "CodeQualityReport.h"
#include "ExportedDiagnostics.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MD5.h"

namespace clang::tidy::vmap {

namespace json = llvm::json;

namespace {

/// Identifies a finding across runs: check, file and message, not the
/// line, so that edits above it keep it the same issue in GitLab. GitLab
/// shows one issue per fingerprint, so the N-th repeat of the same text in
/// a file adds N; the first keeps the plain hash.
std::string fingerprint(llvm::StringRef Check, llvm::StringRef Path,
                        llvm::StringRef Message, unsigned Repeat) {
  llvm::MD5 Hash;
  Hash.update(Check);
  Hash.update(llvm::StringRef("\0", 1));
  Hash.update(Path);
  Hash.update(llvm::StringRef("\0", 1));
  Hash.update(Message);
  if (Repeat != 0)
    Hash.update(std::string(1, '\0') + std::to_string(Repeat));
  llvm::MD5::MD5Result Result;
  Hash.final(Result);
  return std::string(Result.digest());
}

} // namespace

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
  llvm::StringMap<unsigned> Seen;
  json::Array Issues;
  for (const tooling::Diagnostic &D : Run.Diagnostics) {
    llvm::StringRef Path =
        Root.relative(D.Message.FilePath).value_or(D.Message.FilePath);
    std::string Identity =
        (llvm::Twine(D.DiagnosticName) + "\n" + Path + "\n" + D.Message.Message)
            .str();
    unsigned Repeat = Seen[Identity]++;
    // A diagnostic without a readable location (a file deleted since the
    // run) still gets an issue; GitLab needs a line, so it gets line 1.
    std::optional<TextPosition> Position =
        Positions.resolve(D.Message.FilePath, D.Message.FileOffset);
    bool AsError = Run.TreatAsError && Run.TreatAsError(D.DiagnosticName);
    Issues.push_back(json::Object{
        {"type", "issue"},
        {"description", D.Message.Message},
        {"check_name", D.DiagnosticName},
        {"fingerprint",
         fingerprint(D.DiagnosticName, Path, D.Message.Message, Repeat)},
        {"severity", codeQualitySeverity(D, AsError)},
        {"location",
         json::Object{{"path", Path},
                      {"lines", json::Object{{"begin", Position ? Position->Line
                                                                : 1}}}}}});
  }
  OS << llvm::formatv("{0:2}", json::Value(std::move(Issues))) << "\n";
}

} // namespace clang::tidy::vmap
