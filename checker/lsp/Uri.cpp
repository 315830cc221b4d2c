//===--- Uri.cpp - file:// URIs of the documents --------------------------===//

#include "Uri.h"
#include "checker/driver/SarifReport.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::vmap::lsp {

std::optional<std::string> pathOfFileUri(llvm::StringRef Uri) {
  if (!Uri.consume_front_insensitive("file://"))
    return std::nullopt;
  // file://localhost/p and file:///p name the same file; other hosts are
  // not on this machine.
  Uri.consume_front_insensitive("localhost");
  if (!Uri.starts_with("/"))
    return std::nullopt;
  llvm::SmallString<256> Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() &&
        !Uri.substr(I + 1, 2).getAsInteger(16, Byte) && Byte != 0) {
      Path.push_back(static_cast<char>(Byte));
      I += 2;
    } else {
      Path.push_back(Uri[I]);
    }
  }
  // Diagnostics name files without dots (ExportedDiagnostics), so the
  // document's path must compare equal to theirs.
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

std::string uriOfPath(llvm::StringRef AbsolutePath) {
  // One encoding for every report: the SARIF writer's.
  return fileUri(AbsolutePath);
}

} // namespace clang::tidy::vmap::lsp
