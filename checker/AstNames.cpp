//===--- AstNames.cpp - Names and types of declarations -------------------===//

#include "checker/AstNames.h"

namespace clang::tidy::vmap {

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  Type = Type.getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

} // namespace clang::tidy::vmap
