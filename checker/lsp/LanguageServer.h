//===--- LanguageServer.h - vmap-tidy --lsp -------------------------------===//
//
// A Language Server Protocol 3.17 server over stdio: diagnostics for open
// C++ files as they are edited, with the vmapped path as related
// information, and code actions for every fix (the warning's own fix,
// preferred; each alternative; "fix all" as a source action).
//
// The reader thread handles messages; one worker thread lints, one file at
// a time, in a child process (LintProcess). Changes are debounced; a lint
// whose file changed meanwhile is killed and its result dropped.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_LANGUAGESERVER_H
#define VMAP_TIDY_CHECKER_LSP_LANGUAGESERVER_H

namespace clang::tidy::vmap::lsp {

/// The body of `vmap-tidy --lsp [--compile-commands-dir=DIR] [--log=FILE]`.
int runLanguageServer(int Argc, const char **Argv);

} // namespace clang::tidy::vmap::lsp

#endif
