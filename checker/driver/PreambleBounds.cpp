//===--- PreambleBounds.cpp - The cacheable preamble of a source file -----===//

#include "PreambleBounds.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::vmap {

namespace {

/// The directive name of \p Line (`include` for `  #  include <x>`), or ""
/// when the line is not a directive.
llvm::StringRef directiveOf(llvm::StringRef Line) {
  Line = Line.ltrim(" \t");
  if (!Line.consume_front("#"))
    return "";
  Line = Line.ltrim(" \t");
  return Line.take_while([](char C) { return llvm::isAlpha(C) || C == '_'; });
}

} // namespace

std::optional<unsigned> cacheablePreambleSize(llvm::StringRef Source) {
  LangOptions Lang;
  Lang.CPlusPlus = Lang.CPlusPlus11 = Lang.CPlusPlus17 = true;
  PreambleBounds Bounds = Lexer::ComputePreamble(Source, Lang);
  llvm::StringRef Preamble = Source.take_front(Bounds.Size);

  // Walk the preamble line by line and remember the last line end at which
  // every conditional is closed and an include has been seen. Comments
  // cannot hide directives here: the lexer's preamble ends at the first
  // token that is not a directive, and a directive inside a block comment
  // only ever makes the cut earlier.
  unsigned Depth = 0, Offset = 0;
  std::optional<unsigned> Cut;
  bool InBlockComment = false, SawInclude = false;
  while (Offset < Preamble.size()) {
    size_t End = Preamble.find('\n', Offset);
    if (End == llvm::StringRef::npos)
      break; // The preamble must end at the start of a line.
    llvm::StringRef Line = Preamble.slice(Offset, End);
    Offset = End + 1;
    // A directive continued with backslashes ends on its last line.
    for (llvm::StringRef Piece = Line; Piece.ends_with("\\");) {
      End = Preamble.find('\n', Offset);
      if (End == llvm::StringRef::npos)
        return Cut;
      Piece = Preamble.slice(Offset, End);
      Offset = End + 1;
    }
    if (InBlockComment) {
      if (Line.contains("*/"))
        InBlockComment = false;
      continue;
    }
    size_t Open = Line.find("/*");
    if (Open != llvm::StringRef::npos &&
        Line.find("*/", Open + 2) == llvm::StringRef::npos)
      InBlockComment = true;
    llvm::StringRef Directive = directiveOf(Line);
    if (Directive == "if" || Directive == "ifdef" || Directive == "ifndef")
      ++Depth;
    else if (Directive == "endif" && Depth > 0)
      --Depth;
    else if (Directive == "include" || Directive == "import" ||
             Directive == "include_next")
      SawInclude = true;
    if (Depth == 0 && SawInclude && !InBlockComment)
      Cut = Offset;
  }
  return Cut;
}

std::string preambleDirectives(llvm::StringRef Preamble) {
  LangOptions Lang;
  Lang.CPlusPlus = Lang.CPlusPlus11 = Lang.CPlusPlus17 = true;
  // Raw lexing needs a location for the buffer's start; offsets are taken
  // relative to it.
  SourceLocation Start = SourceLocation::getFromRawEncoding(1);
  // The raw lexer reads on to a NUL at the buffer's end, which a slice of
  // a document (the language server's) does not have: lex a copy.
  std::string Buffer = Preamble.str();
  Lexer Raw(Start, Lang, Buffer.c_str(), Buffer.c_str(),
            Buffer.c_str() + Buffer.size());
  std::string Text;
  for (Token Tok;;) {
    Raw.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof))
      break;
    Text += Tok.isAtStartOfLine() ? "\n" : " ";
    unsigned Offset = Tok.getLocation().getRawEncoding() - 1;
    Text += Preamble.substr(Offset, Tok.getLength());
  }
  return Text;
}

bool hasQuotedInclude(llvm::StringRef Preamble) {
  while (!Preamble.empty()) {
    auto [Line, Rest] = Preamble.split('\n');
    Preamble = Rest;
    llvm::StringRef Directive = directiveOf(Line);
    if (Directive != "include" && Directive != "import" &&
        Directive != "include_next")
      continue;
    llvm::StringRef Operand =
        Line.ltrim(" \t#").drop_front(Directive.size()).ltrim(" \t");
    // A macro operand may expand to either form: treat it as quoted.
    if (!Operand.starts_with("<"))
      return true;
  }
  return false;
}

} // namespace clang::tidy::vmap
