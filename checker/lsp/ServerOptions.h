//===--- ServerOptions.h - The flags of vmap-tidy --lsp -------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_SERVEROPTIONS_H
#define VMAP_TIDY_CHECKER_LSP_SERVEROPTIONS_H

#include <chrono>
#include <string>

namespace clang::tidy::vmap::lsp {

struct ServerOptions {
  /// The program that lints: this vmap-tidy unless --linter says otherwise.
  std::string Linter;
  /// --compile-commands-dir (absolute), or empty to look beside each file.
  std::string CompileCommandsDir;
  /// How long after an edit to wait before linting (initializationOptions).
  std::chrono::milliseconds Debounce{300};
  std::chrono::seconds LintTimeout{60};
};

/// Parses `--lsp [--compile-commands-dir=DIR] [--log=FILE]
/// [--lint-timeout=SECONDS] [--linter=PROGRAM]` into \p Options and
/// \p LogPath. On a bad flag prints a one-line error and returns false.
bool parseServerFlags(int Argc, const char **Argv, ServerOptions &Options,
                      std::string &LogPath);

} // namespace clang::tidy::vmap::lsp

#endif
