//===--- LspDocumentFuzzer.cpp - didChange on an open document ------------===//
//
// The input is a document's text, a NUL byte, and a JSON array of
// `TextDocumentContentChangeEvent`s (ranges out of the text, inverted,
// inside a UTF-8 sequence, of the wrong type). After the edits, positions
// and offsets of the text must map onto each other.
//
//===----------------------------------------------------------------------===//

#include "checker/lsp/DocumentStore.h"
#include "checker/lsp/TextPositions.h"
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace json = llvm::json;
using namespace clang::tidy::vmap::lsp;

namespace {

void fail(const char *What, size_t Offset) {
  std::fprintf(stderr, "%s (offset %zu)\n", What, Offset);
  std::abort();
}

bool isCodePointStart(llvm::StringRef Text, size_t Offset) {
  return Offset == Text.size() ||
         (static_cast<unsigned char>(Text[Offset]) & 0xC0) != 0x80;
}

/// Every code point boundary of valid UTF-8 has a position that maps back.
void checkPositions(llvm::StringRef Text) {
  bool Valid = json::isUTF8(Text);
  for (size_t Offset = 0; Offset <= Text.size(); ++Offset) {
    Position P = positionOf(Text, Offset);
    size_t Back = offsetOf(Text, P);
    if (Back > Text.size())
      fail("offsetOf is past the text", Offset);
    if (Valid && isCodePointStart(Text, Offset) && Back != Offset)
      fail("a position does not map back to its offset", Offset);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  auto [Text, ChangesText] = Input.split('\0');
  if (Text.size() > 4096)
    return 0;
  llvm::Expected<json::Value> Changes = json::parse(ChangesText);
  if (!Changes) {
    llvm::consumeError(Changes.takeError());
    return 0;
  }
  const json::Array *Events = Changes->getAsArray();
  if (!Events)
    return 0;
  DocumentStore Store;
  const std::string Uri = "file:///fuzz/a.cpp";
  Store.open(Uri, "/fuzz/a.cpp", Text.str(), 1);
  Store.change(Uri, std::nullopt, *Events);
  std::optional<Document> Doc = Store.get(Uri);
  if (!Doc || Doc->Version != 2)
    fail("a change did not make a new version", 0);
  // A client may number versions up to the largest; an unnumbered change
  // after it still makes a new one.
  Store.open(Uri, "/fuzz/a.cpp", Text.str(),
             std::numeric_limits<int64_t>::max());
  Store.change(Uri, std::nullopt, *Events);
  if (Store.get(Uri)->Version == std::numeric_limits<int64_t>::max())
    fail("a change of the last version did not make a new one", 0);
  // Quadratic: every offset is mapped from the text's start.
  if (Doc->Text.size() <= 1024)
    checkPositions(Doc->Text);
  // Every position the client sent maps into the text, and one below its
  // last line to its end.
  int64_t LastLine = llvm::StringRef(Doc->Text).count('\n');
  for (const json::Value &Event : *Events)
    if (const json::Object *E = Event.getAsObject())
      if (const json::Object *Range = E->getObject("range"))
        for (const char *End : {"start", "end"})
          if (std::optional<Position> P = positionFromJSON(Range->get(End))) {
            size_t Offset = offsetOf(Doc->Text, *P);
            if (Offset > Doc->Text.size())
              fail("offsetOf is past the text", Offset);
            if (*Range->getObject(End)->getInteger("line") > LastLine &&
                Offset != Doc->Text.size())
              fail("a position below the text is not its end", Offset);
          }
  return 0;
}
