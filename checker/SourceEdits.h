//===--- SourceEdits.h - Where fix-its may edit, and what text is there ---===//

#ifndef VMAP_TIDY_CHECKER_SOURCEEDITS_H
#define VMAP_TIDY_CHECKER_SOURCEEDITS_H

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap {

/// An edit may only touch the user's own file text: not a macro expansion,
/// not library code, not a file outside the project of the main file (see
/// CodeOwnership.h).
bool isEditable(const SourceManager &SM, SourceLocation Loc);
bool isEditable(const SourceManager &SM, SourceRange Range);

/// Why \p Range may not be edited, as a phrase that completes "the
/// construction ..." ("is written inside a macro", "is in library code
/// ('f.h')", "is in 'f.h', outside the project '/p'"); nullopt when it may.
std::optional<std::string> editRefusal(const SourceManager &SM,
                                       SourceRange Range);

/// The location just past the token at \p Loc.
SourceLocation endOfToken(const ASTContext &Context, SourceLocation Loc);

/// The source text of \p Range (a token range) as written.
llvm::StringRef sourceText(const ASTContext &Context, SourceRange Range);

} // namespace clang::tidy::vmap

#endif
