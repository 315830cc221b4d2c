//===--- TextPositions.h - LSP positions in a text ------------------------===//
//
// LSP positions are a line and a column in UTF-16 code units; clang works in
// byte offsets of UTF-8 text.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_TEXTPOSITIONS_H
#define VMAP_TIDY_CHECKER_LSP_TEXTPOSITIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap::lsp {

struct Position {
  unsigned Line = 0, Character = 0;
};

/// The LSP position of byte \p Offset of \p Text (clamped to its end).
Position positionOf(llvm::StringRef Text, size_t Offset);

/// The byte offset of \p P in \p Text; a position past a line's end means
/// the line's end, past the text's end the text's end.
size_t offsetOf(llvm::StringRef Text, Position P);

llvm::json::Value toJSON(Position P);
std::optional<Position> positionFromJSON(const llvm::json::Value *V);

/// Applies one `TextDocumentContentChangeEvent` to \p Text; false when it is
/// malformed.
bool applyChange(std::string &Text, const llvm::json::Object &Change);

} // namespace clang::tidy::vmap::lsp

#endif
