//===--- ReportFlags.cpp - --format, --export-sarif, --export-code-quality ===//

#include "ReportFlags.h"
#include "CodeQualityReport.h"
#include "ExportedDiagnostics.h"
#include "FlagValue.h"
#include "SarifReport.h"
#include "checker/AtomicFile.h"
#include "clang-tidy/GlobList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include <fcntl.h>
#include <unistd.h>

namespace clang::tidy::vmap {

namespace {

/// The file name of an --export-* flag; "-" is refused, since standard
/// output is --format's.
bool takeExportPath(llvm::StringRef Flag, const std::string &Path,
                    std::string &Into, std::string &Error) {
  if (Path.empty())
    Error = "--" + Flag.str() + " needs a file name";
  else if (Path == "-")
    Error =
        "--" + Flag.str() + " writes a file; use --format for standard output";
  else
    Into = Path;
  return Error.empty();
}

} // namespace

std::string ruleDocsUri(const char *Argv0) {
  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&finishReport));
  llvm::SmallString<256> Bin = llvm::sys::path::parent_path(Self);
  for (llvm::StringRef Relative :
       {"../../docs/rules", "../share/doc/vmap-tidy/rules"}) {
    llvm::SmallString<256> Dir(Bin);
    llvm::sys::path::append(Dir, Relative);
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Dir, Real) &&
        llvm::sys::fs::is_directory(Real))
      return fileUri(Real) + "/";
  }
  return "";
}

bool takeReportFlags(llvm::SmallVectorImpl<const char *> &Args,
                     llvm::StringSaver &Saver, ReportRequest &Request,
                     std::string &Error) {
  llvm::SmallVector<const char *, 32> Kept;
  bool Fixes = false;
  size_t I = 0;
  for (; I < Args.size(); ++I) {
    llvm::StringRef A(Args[I]);
    if (A == "--")
      break;
    llvm::StringRef Flag = A.ltrim('-');
    if (I == 0 || !A.starts_with("-")) {
      Kept.push_back(Args[I]);
      continue;
    }
    if (auto Format = flagValue(Args, I, "format")) {
      if (*Format == "text")
        Request.Stdout = ReportFormat::Text;
      else if (*Format == "sarif")
        Request.Stdout = ReportFormat::Sarif;
      else if (*Format == "code-quality")
        Request.Stdout = ReportFormat::CodeQuality;
      else {
        Error = "invalid --format '" + *Format +
                "' (expected text, sarif or code-quality)";
        return false;
      }
      continue;
    }
    if (auto Path = flagValue(Args, I, "export-code-quality")) {
      if (!takeExportPath("export-code-quality", *Path, Request.CodeQualityFile,
                          Error))
        return false;
      continue;
    }
    if (auto Path = flagValue(Args, I, "export-sarif")) {
      if (!takeExportPath("export-sarif", *Path, Request.SarifFile, Error))
        return false;
      continue;
    }
    Fixes |= Flag == "fix" || Flag == "fix-errors" || Flag == "fix-notes";
    size_t Start = I;
    if (auto Path = flagValue(Args, I, "export-fixes"))
      Request.ExportedFixes = *Path;
    else if (auto Globs = flagValue(Args, I, "warnings-as-errors"))
      Request.WarningsAsErrors = *Globs;
    Kept.append(Args.begin() + Start, Args.begin() + I + 1);
  }
  Kept.append(Args.begin() + I, Args.end());
  Args.assign(Kept.begin(), Kept.end());
  if (!Request.wanted())
    return true;
  // Locations in the report refer to the files as they were linted.
  if (Fixes) {
    Error = "reports (--format=sarif|code-quality, --export-sarif, "
            "--export-code-quality) describe the files as linted; run them "
            "without --fix";
    return false;
  }
  if (Request.ExportedFixes.empty()) {
    llvm::Expected<std::string> Temp =
        exportToTemporaryFile(Args, Saver, "vmap-tidy-diagnostics");
    if (!Temp) {
      Error = llvm::toString(Temp.takeError());
      return false;
    }
    Request.ExportedFixes = std::move(*Temp);
    Request.TemporaryExport = true;
  }
  return true;
}

void beginReport(ReportRequest &Request) {
  if (Request.Stdout == ReportFormat::Text)
    return;
  llvm::outs().flush();
  Request.SavedStdout = ::dup(STDOUT_FILENO);
  int Null = ::open("/dev/null", O_WRONLY);
  if (Request.SavedStdout < 0 || Null < 0)
    return;
  ::dup2(Null, STDOUT_FILENO);
  ::close(Null);
}

int finishReport(ReportRequest &Request, int Exit, const char *Argv0) {
  if (!Request.wanted())
    return Exit;
  if (Request.SavedStdout >= 0) {
    llvm::outs().flush();
    ::dup2(Request.SavedStdout, STDOUT_FILENO);
    ::close(Request.SavedStdout);
  }
  auto Fail = [](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy") << Message << "\n";
    return 1;
  };
  llvm::Expected<std::vector<tooling::Diagnostic>> Diagnostics =
      takeExportedDiagnostics(Request.ExportedFixes, Request.TemporaryExport);
  if (!Diagnostics)
    return Fail(llvm::toString(Diagnostics.takeError()));

  CachedGlobList AsErrors(Request.WarningsAsErrors);
  auto IsError = [&](llvm::StringRef Check) {
    return !Request.WarningsAsErrors.empty() && AsErrors.contains(Check);
  };
  std::string SourceRoot;
  llvm::SmallString<256> Cwd;
  if (!llvm::sys::fs::current_path(Cwd))
    SourceRoot = std::string(Cwd);

  // The text of one report; the diagnostics are read once for all.
  auto Render = [&](ReportFormat Format) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    if (Format == ReportFormat::Sarif) {
      SarifRun Run;
      Run.Diagnostics = *Diagnostics;
      Run.SourceRoot = SourceRoot;
      Run.RuleDocsUri = ruleDocsUri(Argv0);
      Run.TreatAsError = IsError;
      Run.ExitCode = Exit;
      writeSarif(Run, OS);
    } else {
      writeCodeQuality({*Diagnostics, SourceRoot, IsError}, OS);
    }
    return Text;
  };
  int Result = Exit;
  // A report that cannot be written fails the run but not the others.
  for (auto [Format, File] :
       {std::pair(ReportFormat::Sarif, &Request.SarifFile),
        std::pair(ReportFormat::CodeQuality, &Request.CodeQualityFile)}) {
    if (File->empty())
      continue;
    if (llvm::Error E = writeOutputFile(*File, Render(Format)))
      Result = Fail(llvm::toString(std::move(E)));
  }
  if (Request.Stdout != ReportFormat::Text) {
    llvm::outs() << Render(Request.Stdout);
    llvm::outs().flush();
  }
  return Result;
}

} // namespace clang::tidy::vmap
