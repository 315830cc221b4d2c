//===--- SourceEdits.cpp - Where fix-its may edit, and what text is there -===//

#include "checker/SourceEdits.h"
#include "checker/CodeOwnership.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::vmap {

std::optional<std::string> editRefusal(const SourceManager &SM,
                                       SourceRange Range) {
  for (SourceLocation Loc : {Range.getBegin(), Range.getEnd()}) {
    if (Loc.isInvalid())
      return std::string("has no location in a file");
    if (!Loc.isFileID())
      return std::string("is written inside a macro");
    OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
    OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
    if (!File || !Main)
      return std::string("has no location in a file");
    llvm::SmallString<256> FilePath(File->getName()), MainPath(Main->getName());
    SM.getFileManager().makeAbsolutePath(FilePath);
    SM.getFileManager().makeAbsolutePath(MainPath);
    if (SM.isInSystemHeader(Loc) || isLibraryFile(FilePath))
      return "is in library code ('" + File->getName().str() + "')";
    if (editRefusal(FilePath, MainPath))
      return "is in '" + File->getName().str() + "', outside the project '" +
             projectRootOf(MainPath) + "'";
  }
  return std::nullopt;
}

bool isEditable(const SourceManager &SM, SourceLocation Loc) {
  return !editRefusal(SM, SourceRange(Loc, Loc));
}

bool isEditable(const SourceManager &SM, SourceRange Range) {
  return !editRefusal(SM, Range);
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
