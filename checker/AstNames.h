//===--- AstNames.h - Names and types of declarations ---------------------===//
//
// General AST helpers the analyses share: whether a declaration has a given
// plain name, and which class a type names.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_ASTNAMES_H
#define VMAP_TIDY_CHECKER_ASTNAMES_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::vmap {

/// True when \p D is named \p Name (and has a plain identifier).
inline bool isNamed(const NamedDecl *D, llvm::StringRef Name) {
  return D && D->getIdentifier() && D->getName() == Name;
}

/// The record a (possibly qualified, possibly reference or pointer) type
/// names, or null.
const CXXRecordDecl *recordOf(QualType Type);

} // namespace clang::tidy::vmap

#endif
