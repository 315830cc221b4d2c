//===--- StorageRef.cpp - Which stored value an expression names ----------===//

#include "checker/StorageRef.h"
#include "checker/AstNames.h"
#include "checker/CodeOwnership.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::vmap {

/// `std::move(x)` and `std::forward<T>(x)`.
static bool isStdMoveOrForward(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Call->getNumArgs() == 1 && Callee->isInStdNamespace() &&
         (isNamed(Callee, "move") || isNamed(Callee, "forward"));
}

const Expr *stripValueWrappers(const Expr *E) {
  while (E) {
    const Expr *Before = E;
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1 &&
             Construct->getConstructor()->isCopyOrMoveConstructor())
      E = Construct->getArg(0);
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && isStdMoveOrForward(Call))
      E = Call->getArg(0);
    if (E == Before)
      return E;
  }
  return E;
}

/// True for a method declared in library code: LibTorch's and the standard
/// library's accessors do not change which module is named.
static bool isLibraryMethod(const FunctionDecl *F) {
  return F && !isUserCode(F);
}

StorageRef storageReferencedBy(const Expr *E) {
  E = stripValueWrappers(E);
  if (!E)
    return {};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return {Var, false, E};
    return {};
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      return {Field, false, E};
    return {};
  }
  if (isa<CXXThisExpr>(E))
    return {nullptr, true, E};
  // An element of a C array is read from the array's contents.
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return storageReferencedBy(Subscript->getBase());
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary &&
      (Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf))
    return storageReferencedBy(Unary->getSubExpr());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if ((Kind == OO_Arrow || Kind == OO_Star || Kind == OO_Subscript) &&
        Op->getNumArgs() >= 1 && isLibraryMethod(Op->getDirectCallee()))
      return storageReferencedBy(Op->getArg(0));
    return {};
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() && isLibraryMethod(Method) &&
        (Method->getName() == "ptr" || Method->getName() == "get" ||
         Method->getName() == "at" || Method->getName() == "operator->"))
      return storageReferencedBy(Call->getImplicitObjectArgument());
  }
  return {};
}

} // namespace clang::tidy::vmap
