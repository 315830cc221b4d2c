//===--- CodeActions.h - Quick fixes from a lint's fixes ------------------===//
//
// For the diagnostics on the requested lines (or named in the request's
// context): the warning's own fix as the preferred quick fix, and one quick
// fix per note that carries replacements (the alternatives: GroupNorm,
// eval() mode). Plus "Apply all vmap-tidy fixes in file" (source.fixAll):
// every diagnostic's own fix, leaving out any fix that overlaps one already
// taken, so that no fix is applied in part.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_CODEACTIONS_H
#define VMAP_TIDY_CHECKER_LSP_CODEACTIONS_H

#include "DiagnosticConversion.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::vmap::lsp {

struct CodeActionQuery {
  /// The requested range.
  Position Start, End;
  /// Diagnostics of the request's context, as the client has them.
  std::vector<LspRange> ContextRanges;
  /// context.only: the kinds wanted; empty for every kind.
  std::vector<std::string> Only;
  /// The client applies `documentChanges` (versioned edits); else the
  /// edits go in `changes`.
  bool DocumentChanges = false;
};

/// The text an editor holds, unsaved, for a file other than the document
/// (nullopt when the file is not open).
using OpenBufferLookup =
    std::function<std::optional<std::string>(llvm::StringRef Path)>;

/// The code actions of the lint that \p Converter converts. A fix that
/// edits another file whose open buffer differs from the file on disk is
/// left out: its offsets are of the file on disk.
llvm::json::Array codeActions(DiagnosticConverter &Converter,
                              const CodeActionQuery &Query,
                              const OpenBufferLookup &OpenBuffer);

} // namespace clang::tidy::vmap::lsp

#endif
