//===--- DiagnosticConversion.h - clang-tidy results as LSP diagnostics ---===//
//
// A lint's diagnostics are located by file and byte offset; LSP wants lines
// and UTF-16 columns. Offsets into the document refer to the exact buffer
// text that was linted (kept in the LintSnapshot); offsets into other files
// (the vmapped path through a header, a fix of a declaration) to those
// files on disk, which is what the child read.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_DIAGNOSTICCONVERSION_H
#define VMAP_TIDY_CHECKER_LSP_DIAGNOSTICCONVERSION_H

#include "DocumentStore.h"
#include "RuleDocs.h"
#include "TextPositions.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::vmap::lsp {

struct LspRange {
  Position Start, End;
};
llvm::json::Value toJSON(const LspRange &R);

class DiagnosticConverter {
public:
  /// Converts \p Lint, a lint of the document \p Uri whose file is \p Path.
  DiagnosticConverter(const LintSnapshot &Lint, llvm::StringRef Uri,
                      llvm::StringRef Path, const RuleDocs &Docs)
      : Lint(Lint), Uri(Uri), Path(Path), Docs(Docs) {}

  /// The `diagnostics` of a publishDiagnostics notification.
  llvm::json::Array diagnostics();

  /// Whether \p D is shown in this document: its own diagnostics, and
  /// compiler errors that have no place in it (in an included file, or
  /// without a file), which would otherwise keep the file from being
  /// checked without a word.
  bool shownHere(const tooling::Diagnostic &D) const;
  /// The LSP Diagnostic of \p D (shownHere).
  llvm::json::Value diagnostic(const tooling::Diagnostic &D);
  /// Where \p D is shown.
  LspRange rangeOf(const tooling::Diagnostic &D);

  /// The text the offsets into \p File refer to ("" when unreadable).
  llvm::StringRef textOf(llvm::StringRef File);
  /// The URI of \p File: the document's own URI (as the client spelled
  /// it) for the document.
  std::string uriOf(llvm::StringRef File) const;
  bool isDocument(llvm::StringRef File) const { return File == Path; }
  /// The document's file.
  llvm::StringRef path() const { return Path; }
  const LintSnapshot &lint() const { return Lint; }

private:
  LspRange messageRange(const tooling::DiagnosticMessage &M);

  const LintSnapshot &Lint;
  std::string Uri, Path;
  const RuleDocs &Docs;
  /// Other files, read once.
  llvm::StringMap<std::string> Files;
};

} // namespace clang::tidy::vmap::lsp

#endif
