//===--- TextPositions.cpp - LSP positions in a text ----------------------===//

#include "TextPositions.h"
#include <algorithm>
#include <limits>

namespace clang::tidy::vmap::lsp {

namespace {

/// UTF-16 code units of the UTF-8 sequence that starts with \p Lead.
unsigned utf16Units(unsigned char Lead) { return Lead >= 0xF0 ? 2 : 1; }

bool isContinuation(unsigned char C) { return (C & 0xC0) == 0x80; }

} // namespace

Position positionOf(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  Position P;
  size_t LineStart = 0;
  for (size_t I = 0; I < Offset; ++I)
    if (Text[I] == '\n') {
      ++P.Line;
      LineStart = I + 1;
    }
  for (size_t I = LineStart; I < Offset; ++I)
    if (!isContinuation(Text[I]))
      P.Character += utf16Units(Text[I]);
  return P;
}

size_t offsetOf(llvm::StringRef Text, Position P) {
  size_t I = 0;
  for (unsigned Line = 0; Line < P.Line; ++Line) {
    size_t End = Text.find('\n', I);
    if (End == llvm::StringRef::npos)
      return Text.size();
    I = End + 1;
  }
  for (unsigned Units = 0; I < Text.size() && Text[I] != '\n';) {
    unsigned Width = utf16Units(Text[I]);
    if (Units + Width > P.Character)
      break;
    Units += Width;
    ++I;
    while (I < Text.size() && isContinuation(Text[I]))
      ++I;
  }
  return I;
}

llvm::json::Value toJSON(Position P) {
  return llvm::json::Object{{"line", P.Line}, {"character", P.Character}};
}

std::optional<Position> positionFromJSON(const llvm::json::Value *V) {
  const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return std::nullopt;
  std::optional<int64_t> Line = O->getInteger("line");
  std::optional<int64_t> Character = O->getInteger("character");
  if (!Line || !Character || *Line < 0 || *Character < 0)
    return std::nullopt;
  // Past the text either way: clamped, not wrapped onto a line near the top.
  constexpr int64_t Max = std::numeric_limits<unsigned>::max();
  return Position{static_cast<unsigned>(std::min(*Line, Max)),
                  static_cast<unsigned>(std::min(*Character, Max))};
}

bool applyChange(std::string &Text, const llvm::json::Object &Change) {
  std::optional<llvm::StringRef> NewText = Change.getString("text");
  if (!NewText)
    return false;
  const llvm::json::Object *Range = Change.getObject("range");
  if (!Range) {
    Text = NewText->str();
    return true;
  }
  std::optional<Position> Start = positionFromJSON(Range->get("start"));
  std::optional<Position> End = positionFromJSON(Range->get("end"));
  if (!Start || !End)
    return false;
  size_t Begin = offsetOf(Text, *Start), Stop = offsetOf(Text, *End);
  if (Stop < Begin)
    return false;
  Text.replace(Begin, Stop - Begin, NewText->str());
  return true;
}

} // namespace clang::tidy::vmap::lsp
