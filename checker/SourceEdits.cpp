//===--- SourceEdits.cpp - Where fix-its may edit, and what text is there -===//

#include "checker/SourceEdits.h"
#include "checker/CodeOwnership.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::vmap {

bool isEditable(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid() || !Loc.isFileID() || isLibraryCode(SM, Loc))
    return false;
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!File || !Main)
    return false;
  llvm::SmallString<256> FilePath(File->getName()), MainPath(Main->getName());
  SM.getFileManager().makeAbsolutePath(FilePath);
  SM.getFileManager().makeAbsolutePath(MainPath);
  return !editRefusal(FilePath, MainPath);
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
