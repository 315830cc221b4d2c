//===--- SourceEdits.cpp - Where fix-its may edit, and what text is there -===//

#include "checker/SourceEdits.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::vmap {

bool isEditable(const SourceManager &SM, SourceLocation Loc) {
  return Loc.isValid() && Loc.isFileID() && !SM.isInSystemHeader(Loc);
}

bool isEditable(const SourceManager &SM, SourceRange Range) {
  return isEditable(SM, Range.getBegin()) && isEditable(SM, Range.getEnd());
}

SourceLocation endOfToken(const ASTContext &Context, SourceLocation Loc) {
  return Lexer::getLocForEndOfToken(Loc, 0, Context.getSourceManager(),
                                    Context.getLangOpts());
}

llvm::StringRef sourceText(const ASTContext &Context, SourceRange Range) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                              Context.getSourceManager(),
                              Context.getLangOpts());
}

} // namespace clang::tidy::vmap
