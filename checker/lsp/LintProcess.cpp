//===--- LintProcess.cpp - One vmap-tidy run on an editor's buffer --------===//

#include "LintProcess.h"
#include "checker/ProjectSummary.h"
#include "checker/driver/ExportedDiagnostics.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <csignal>

namespace clang::tidy::vmap::lsp {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

bool LintProcess::start(const std::string &File, const std::string &Text,
                        const std::vector<std::string> &Flags,
                        std::string &Error) {
  cancel();
  llvm::SmallString<256> Buffer(Scratch);
  path::append(Buffer, "buffer" + path::extension(File).str());
  llvm::SmallString<256> Overlay(Scratch), Fixes(Scratch), Out(Scratch);
  path::append(Overlay, "overlay.yaml");
  path::append(Fixes, "fixes.yaml");
  path::append(Out, "output.txt");
  fs::remove(Fixes);
  // The overlay names the file by its real path, so diagnostics do too.
  llvm::json::Object Root{
      {"version", 0},
      {"use-external-names", false},
      {"roots", llvm::json::Array{llvm::json::Object{
                    {"name", path::parent_path(File)},
                    {"type", "directory"},
                    {"contents", llvm::json::Array{llvm::json::Object{
                                     {"name", path::filename(File)},
                                     {"type", "file"},
                                     {"external-contents", Buffer.str()}}}}}}}};
  std::string OverlayText;
  llvm::raw_string_ostream(OverlayText) << llvm::json::Value(std::move(Root));
  std::string WriteError = writeFileAtomically(Buffer, Text);
  if (WriteError.empty())
    WriteError = writeFileAtomically(Overlay, OverlayText);
  if (!WriteError.empty()) {
    Error = WriteError;
    return false;
  }
  std::vector<std::string> Argv{Self, "--quiet",
                                "--export-fixes=" + Fixes.str().str(),
                                "--vfsoverlay=" + Overlay.str().str()};
  auto Dashes = llvm::find(Flags, "--");
  Argv.insert(Argv.end(), Flags.begin(), Dashes);
  Argv.push_back(File);
  Argv.insert(Argv.end(), Dashes, Flags.end());
  std::vector<llvm::StringRef> Refs(Argv.begin(), Argv.end());
  std::optional<llvm::StringRef> Redirects[] = {"", Out.str(), Out.str()};
  bool Failed = false;
  Process = llvm::sys::ExecuteNoWait(Self, Refs, std::nullopt, Redirects, 0,
                                     &Error, &Failed);
  if (Failed)
    return false;
  Running = true;
  Started = std::chrono::steady_clock::now();
  Exported = std::string(Fixes);
  Output = std::string(Out);
  return true;
}

std::optional<LintResult> LintProcess::poll() {
  if (!Running)
    return std::nullopt;
  LintResult Result;
  llvm::sys::ProcessInfo Done =
      llvm::sys::Wait(Process, std::optional<unsigned>(0));
  if (Done.Pid != Process.Pid) {
    if (std::chrono::steady_clock::now() - Started < LintTimeout)
      return std::nullopt;
    cancel();
    Result.Failure = "vmap-tidy did not finish within " +
                     std::to_string(LintTimeout.count()) + " s";
    return Result;
  }
  Running = false;
  llvm::Expected<std::vector<tooling::Diagnostic>> Diagnostics =
      readExportedDiagnostics({Exported});
  if (!Diagnostics) {
    Result.Failure = llvm::toString(Diagnostics.takeError());
    return Result;
  }
  Result.Diagnostics = std::move(*Diagnostics);
  // Exit code 1 with diagnostics is a file with compiler errors, which the
  // diagnostics show; anything else without them is a failure to report.
  if (Done.ReturnCode != 0 && Result.Diagnostics.empty()) {
    std::string Reason =
        "vmap-tidy exited with code " + std::to_string(Done.ReturnCode);
    if (auto Text = llvm::MemoryBuffer::getFile(Output)) {
      llvm::StringRef Rest = (*Text)->getBuffer();
      while (!Rest.empty()) {
        auto [Line, Next] = Rest.split('\n');
        Rest = Next;
        if (Line.contains("error:")) {
          Reason += ": " + Line.trim().str();
          break;
        }
      }
    }
    Result.Failure = Reason;
  }
  return Result;
}

void LintProcess::cancel() {
  if (!Running)
    return;
  ::kill(Process.Pid, SIGKILL);
  llvm::sys::Wait(Process, std::nullopt);
  Running = false;
}

} // namespace clang::tidy::vmap::lsp
