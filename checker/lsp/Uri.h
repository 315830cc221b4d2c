//===--- Uri.h - file:// URIs of the documents ----------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_URI_H
#define VMAP_TIDY_CHECKER_LSP_URI_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap::lsp {

/// The absolute path of a `file:` URI, percent-decoded and without dots;
/// nullopt for other schemes, a remote host or a relative path.
std::optional<std::string> pathOfFileUri(llvm::StringRef Uri);

/// The `file:` URI of an absolute path (percent-encoded).
std::string uriOfPath(llvm::StringRef AbsolutePath);

} // namespace clang::tidy::vmap::lsp

#endif
