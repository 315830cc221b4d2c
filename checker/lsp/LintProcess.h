//===--- LintProcess.h - One vmap-tidy run on an editor's buffer ----------===//
//
// The language server lints in a child vmap-tidy process: a crash or a hang
// in a parse cannot take the server down, memory is returned when the child
// exits, and the child shares the on-disk preamble cache with every other
// vmap-tidy run. The unsaved buffer reaches the child through a VFS overlay
// that maps the file's own path to a copy of the buffer, so includes and the
// compilation database resolve as for the file on disk. Results come back
// through --export-fixes.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_LINTPROCESS_H
#define VMAP_TIDY_CHECKER_LSP_LINTPROCESS_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/Support/Program.h"
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::vmap::lsp {

struct LintResult {
  /// Empty when the child ran to the end.
  std::string Failure;
  std::vector<tooling::Diagnostic> Diagnostics;
};

class LintProcess {
public:
  /// What cancel() stops.
  enum class StopScope {
    /// The lint only: a preamble build it started goes on, and its PCH is
    /// cached for the next lint.
    LintOnly,
    /// The lint and the processes it started: a build of a preamble that is
    /// no longer the document's would only compete with the next lint.
    WithChildren,
  };

  /// Runs \p Linter (vmap-tidy) with its files in \p ScratchDir, which only
  /// this object uses, and kills a child that runs longer than \p Timeout.
  LintProcess(std::string Linter, std::string ScratchDir,
              std::chrono::seconds Timeout)
      : Linter(std::move(Linter)), Scratch(std::move(ScratchDir)),
        Timeout(Timeout) {}
  ~LintProcess() { cancel(StopScope::LintOnly); }
  LintProcess(const LintProcess &) = delete;
  LintProcess &operator=(const LintProcess &) = delete;

  /// Starts linting \p Text as the contents of \p File, with \p Flags
  /// (`-p DIR`, or `-- flags...`) choosing the compile command.
  bool start(const std::string &File, const std::string &Text,
             const std::vector<std::string> &Flags, std::string &Error);
  /// The result once the child has exited or timed out; nullopt while it
  /// runs.
  std::optional<LintResult> poll();
  /// Kills a running child (with its children for WithChildren).
  void cancel(StopScope Scope);

private:
  LintResult finish(const llvm::sys::ProcessInfo &Done,
                    const std::string &WaitError);

  std::string Linter, Scratch;
  std::chrono::seconds Timeout;
  llvm::sys::ProcessInfo Process;
  bool Running = false;
  std::chrono::steady_clock::time_point Started;
  std::string Exported, Output;
};

} // namespace clang::tidy::vmap::lsp

#endif
