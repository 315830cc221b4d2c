//===--- CallOperators.cpp - The operator()s a callable value runs --------===//

#include "checker/CallOperators.h"
#include "checker/CodeOwnership.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::vmap {

llvm::SmallVector<const CXXMethodDecl *, 2>
callOperators(const CXXRecordDecl *Record) {
  llvm::SmallVector<const CXXMethodDecl *, 2> Operators;
  if (!Record || !Record->hasDefinition() || !isUserCode(Record))
    return Operators;
  for (const Decl *Member : Record->getDefinition()->decls()) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member)) {
      for (const FunctionDecl *Spec : Template->specializations())
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Spec))
          Operators.push_back(Method);
    } else if (const auto *Method = dyn_cast<CXXMethodDecl>(Member);
               Method && Method->getOverloadedOperator() == OO_Call &&
               !Method->isDependentContext()) {
      Operators.push_back(Method);
    }
  }
  return Operators;
}

llvm::SmallVector<const CXXMethodDecl *, 2> callOperators(const LambdaExpr *L) {
  llvm::SmallVector<const CXXMethodDecl *, 2> Operators;
  if (const FunctionTemplateDecl *Generic = L->getDependentCallOperator()) {
    for (const FunctionDecl *Spec : Generic->specializations())
      Operators.push_back(cast<CXXMethodDecl>(Spec));
    return Operators;
  }
  Operators.push_back(L->getCallOperator());
  return Operators;
}

} // namespace clang::tidy::vmap
