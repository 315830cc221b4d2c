//===--- DocumentStore.cpp - The open documents ---------------------------===//

#include "DocumentStore.h"
#include "TextPositions.h"
#include <limits>

namespace clang::tidy::vmap::lsp {

void DocumentStore::open(const std::string &Uri, const std::string &Path,
                         std::string Text, int64_t Version) {
  std::lock_guard<std::mutex> Guard(Lock);
  Document &Doc = Documents[Uri];
  Doc = Document{Uri, Path, std::move(Text), Version, nullptr};
}

DocumentStore::ChangeResult
DocumentStore::change(llvm::StringRef Uri, std::optional<int64_t> Version,
                      const llvm::json::Array &Changes) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Documents.find(Uri);
  if (It == Documents.end())
    return ChangeResult::NotOpen;
  Document &Doc = It->second;
  ChangeResult Result = ChangeResult::Applied;
  for (const llvm::json::Value &Change : Changes)
    if (const llvm::json::Object *C = Change.getAsObject();
        !C || !applyChange(Doc.Text, *C))
      Result = ChangeResult::Malformed;
  // Every change makes a new version, also one the client did not number
  // (after the largest, the smallest: never a signed overflow).
  Doc.Version =
      Version.value_or(Doc.Version == std::numeric_limits<int64_t>::max()
                           ? std::numeric_limits<int64_t>::min()
                           : Doc.Version + 1);
  return Result;
}

bool DocumentStore::close(llvm::StringRef Uri) {
  std::lock_guard<std::mutex> Guard(Lock);
  return Documents.erase(Uri);
}

std::optional<Document> DocumentStore::get(llvm::StringRef Uri) const {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Documents.find(Uri);
  if (It == Documents.end())
    return std::nullopt;
  return It->second;
}

std::optional<std::string>
DocumentStore::textOfPath(llvm::StringRef Path) const {
  std::lock_guard<std::mutex> Guard(Lock);
  for (const auto &Entry : Documents)
    if (Entry.second.Path == Path)
      return Entry.second.Text;
  return std::nullopt;
}

bool DocumentStore::storeLint(llvm::StringRef Uri,
                              std::shared_ptr<const LintSnapshot> Result) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Documents.find(Uri);
  // The text is compared too: a document closed and opened again may
  // repeat a version number with another text.
  if (It == Documents.end() || It->second.Version != Result->Version ||
      It->second.Text != Result->Text)
    return false;
  It->second.Linted = std::move(Result);
  return true;
}

std::shared_ptr<const LintSnapshot>
DocumentStore::currentLint(llvm::StringRef Uri) const {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Documents.find(Uri);
  if (It == Documents.end() || !It->second.Linted ||
      It->second.Linted->Version != It->second.Version)
    return nullptr;
  return It->second.Linted;
}

} // namespace clang::tidy::vmap::lsp
