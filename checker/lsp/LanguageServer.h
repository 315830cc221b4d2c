//===--- LanguageServer.h - vmap-tidy --lsp -------------------------------===//
//
// A Language Server Protocol 3.17 server over stdio: diagnostics for open
// C++ files as they are edited, with the vmapped path as related
// information, and code actions for every fix (the warning's own fix,
// preferred; each alternative; "fix all" as a source action).
//
// The main thread reads and answers messages; lints run on worker threads
// (LintScheduler), each in a child vmap-tidy process (LintProcess), so the
// message loop never waits for a parse.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_LANGUAGESERVER_H
#define VMAP_TIDY_CHECKER_LSP_LANGUAGESERVER_H

namespace clang::tidy::vmap::lsp {

/// The body of `vmap-tidy --lsp [--compile-commands-dir=DIR] [--log=FILE]
/// [--lint-timeout=SECONDS] [--linter=PROGRAM]`.
int runLanguageServer(int Argc, const char **Argv);

} // namespace clang::tidy::vmap::lsp

#endif
