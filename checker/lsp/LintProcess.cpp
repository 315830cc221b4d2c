//===--- LintProcess.cpp - One vmap-tidy run on an editor's buffer --------===//

#include "LintProcess.h"
#include "checker/AtomicFile.h"
#include "checker/driver/ExportedDiagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <csignal>

namespace clang::tidy::vmap::lsp {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

std::string pathIn(llvm::StringRef Dir, const llvm::Twine &Name) {
  llvm::SmallString<256> Path(Dir);
  path::append(Path, Name);
  return std::string(Path);
}

/// The overlay that shows \p Buffer's contents at \p File. The overlay
/// reports the file by its real path (use-external-names: false), so the
/// diagnostics do too.
std::string overlayYaml(llvm::StringRef File, llvm::StringRef Buffer) {
  llvm::json::Object Root{
      {"version", 0},
      {"use-external-names", false},
      {"roots", llvm::json::Array{llvm::json::Object{
                    {"name", path::parent_path(File)},
                    {"type", "directory"},
                    {"contents", llvm::json::Array{llvm::json::Object{
                                     {"name", path::filename(File)},
                                     {"type", "file"},
                                     {"external-contents", Buffer}}}}}}}};
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(Root));
  return Text;
}

/// The first `error:` line of the child's output, for a failure message.
std::string firstError(llvm::StringRef OutputFile) {
  auto Text = llvm::MemoryBuffer::getFile(OutputFile);
  if (!Text)
    return "";
  llvm::StringRef Rest = (*Text)->getBuffer();
  while (!Rest.empty()) {
    auto [Line, Next] = Rest.split('\n');
    Rest = Next;
    if (Line.contains("error:"))
      return Line.trim().str();
  }
  return "";
}

} // namespace

bool LintProcess::start(const std::string &File, const std::string &Text,
                        const std::vector<std::string> &Flags,
                        std::string &Error) {
  cancel(StopScope::LintOnly);
  // The copy keeps the file's extension: it decides the language when no
  // compile command gives one.
  std::string Buffer = pathIn(Scratch, "buffer" + path::extension(File));
  std::string Overlay = pathIn(Scratch, "overlay.yaml");
  Exported = pathIn(Scratch, "fixes.yaml");
  Output = pathIn(Scratch, "output.txt");
  // clang-tidy writes no export when it finds nothing: an old one must not
  // be read as this run's.
  fs::remove(Exported);
  for (auto [Path, Contents] :
       {std::pair<std::string, std::string>{Buffer, Text},
        {Overlay, overlayYaml(File, Buffer)}})
    if (llvm::Error E = writeFileAtomically(Path, Contents)) {
      Error = llvm::toString(std::move(E));
      return false;
    }
  std::vector<std::string> Argv{Linter, "--quiet", "--export-fixes=" + Exported,
                                "--vfsoverlay=" + Overlay};
  auto Dashes = llvm::find(Flags, "--");
  Argv.insert(Argv.end(), Flags.begin(), Dashes);
  Argv.push_back(File);
  Argv.insert(Argv.end(), Dashes, Flags.end());
  std::vector<llvm::StringRef> Refs(Argv.begin(), Argv.end());
  std::optional<llvm::StringRef> Redirects[] = {"", llvm::StringRef(Output),
                                                llvm::StringRef(Output)};
  bool Failed = false;
  // Detached: a session and process group of its own, so that
  // cancel(WithChildren) reaches the preamble builder it runs.
  Process = llvm::sys::ExecuteNoWait(Linter, Refs, std::nullopt, Redirects, 0,
                                     &Error, &Failed, /*AffinityMask=*/nullptr,
                                     /*DetachProcess=*/true);
  if (Failed)
    return false;
  Running = true;
  Started = std::chrono::steady_clock::now();
  return true;
}

std::optional<LintResult> LintProcess::poll() {
  if (!Running)
    return std::nullopt;
  std::string WaitError;
  llvm::sys::ProcessInfo Done =
      llvm::sys::Wait(Process, std::optional<unsigned>(0), &WaitError);
  if (Done.Pid == Process.Pid) {
    Running = false;
    return finish(Done, WaitError);
  }
  if (std::chrono::steady_clock::now() - Started < Timeout)
    return std::nullopt;
  cancel(StopScope::LintOnly);
  return LintResult{"vmap-tidy did not finish within " +
                        std::to_string(Timeout.count()) + " s and was stopped",
                    {}};
}

LintResult LintProcess::finish(const llvm::sys::ProcessInfo &Done,
                               const std::string &WaitError) {
  LintResult Result;
  // LLVM reports a child killed by a signal as -2, with the signal's name.
  if (Done.ReturnCode == -2) {
    Result.Failure = "vmap-tidy crashed (" + WaitError + ")";
    return Result;
  }
  llvm::Expected<std::vector<tooling::Diagnostic>> Diagnostics =
      readExportedDiagnostics({Exported});
  if (!Diagnostics) {
    Result.Failure = llvm::toString(Diagnostics.takeError());
    return Result;
  }
  Result.Diagnostics = std::move(*Diagnostics);
  // A file with compiler errors exits 1 and exports them; an exit without
  // any diagnostic (a bad compile command, a missing file) is a failure.
  if (Done.ReturnCode != 0 && Result.Diagnostics.empty()) {
    Result.Failure =
        "vmap-tidy exited with code " + std::to_string(Done.ReturnCode);
    if (std::string Error = firstError(Output); !Error.empty())
      Result.Failure += ": " + Error;
  }
  return Result;
}

void LintProcess::cancel(StopScope Scope) {
  if (!Running)
    return;
  // The child is its process group's leader and not reaped yet, so the
  // group's id is still its own.
  if (Scope != StopScope::WithChildren || ::kill(-Process.Pid, SIGKILL) != 0)
    ::kill(Process.Pid, SIGKILL);
  llvm::sys::Wait(Process, std::nullopt);
  Running = false;
}

} // namespace clang::tidy::vmap::lsp
