//===--- DocumentStore.h - The open documents -----------------------------===//
//
// The text and version of every open document, and the result of its last
// lint with the exact text that was linted (positions and fixes refer to
// that text). Nothing else is kept: a closed document is forgotten.
// Thread-safe: the message loop edits, lint workers read and store results.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_DOCUMENTSTORE_H
#define VMAP_TIDY_CHECKER_LSP_DOCUMENTSTORE_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::vmap::lsp {

/// One lint of one version of a document.
struct LintSnapshot {
  int64_t Version = 0;
  /// The buffer text the child linted.
  std::string Text;
  std::vector<tooling::Diagnostic> Diagnostics;
  /// Why the lint did not run to the end; empty when it did.
  std::string Failure;
};

struct Document {
  std::string Uri, Path, Text;
  int64_t Version = 0;
  /// Null until the first lint of the document finishes.
  std::shared_ptr<const LintSnapshot> Linted;
};

class DocumentStore {
public:
  /// Opens a document, or replaces one opened before under the same URI.
  void open(const std::string &Uri, const std::string &Path, std::string Text,
            int64_t Version);

  enum class ChangeResult { Applied, NotOpen, Malformed };
  /// Applies `TextDocumentContentChangeEvent`s in order. Malformed: one
  /// change was not applied (the others were).
  ChangeResult change(llvm::StringRef Uri, std::optional<int64_t> Version,
                      const llvm::json::Array &Changes);

  /// Forgets the document; false when it was not open.
  bool close(llvm::StringRef Uri);

  /// A copy of the document (for a lint), or nullopt when it is not open.
  std::optional<Document> get(llvm::StringRef Uri) const;

  /// The text of the open document whose file is \p Path, if any.
  std::optional<std::string> textOfPath(llvm::StringRef Path) const;

  /// Keeps \p Result as the document's last lint if it is of the current
  /// version; false (and nothing kept) when the document changed or closed.
  bool storeLint(llvm::StringRef Uri,
                 std::shared_ptr<const LintSnapshot> Result);

  /// The last lint, if it is of the current version.
  std::shared_ptr<const LintSnapshot> currentLint(llvm::StringRef Uri) const;

private:
  mutable std::mutex Lock;
  llvm::StringMap<Document> Documents;
};

} // namespace clang::tidy::vmap::lsp

#endif
