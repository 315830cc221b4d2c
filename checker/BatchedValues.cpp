//===--- BatchedValues.cpp - May this tensor be batched under vmap? -------===//

#include "checker/BatchedValues.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;

bool isTensorType(QualType Type) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier())
    return false;
  const auto *Namespace =
      dyn_cast<NamespaceDecl>(Record->getDeclContext()->getRedeclContext());
  return Namespace && Namespace->getName() == "at" &&
         Namespace->getParent()->getRedeclContext()->isTranslationUnit() &&
         (Record->getName() == "Tensor" || Record->getName() == "TensorBase");
}

/// Deep enough for real expressions; beyond it the answer is "may be".
static constexpr unsigned MaxDepth = 24;

bool BatchedValues::mayBeBatched(const Expr *E) { return mayBeBatched(E, 0); }

bool BatchedValues::mayBeBatched(const Expr *E, unsigned Depth) {
  if (!E)
    return false;
  if (Depth > MaxDepth)
    return true;
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E) || isa<LambdaExpr>(E))
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    // Functions, enumerators; and what a lambda captures from its caller is
    // a plain value, not one of vmap's.
    if (!Var || Ref->refersToEnclosingVariableOrCapture())
      return false;
    if (isa<ParmVarDecl>(Var))
      return true;
    if (!Var->isLocalVarDecl())
      return false;
    return variableMayBeBatched(Var, Depth);
  }
  // A module's parameters and buffers are plain.
  if (const auto *Member = dyn_cast<MemberExpr>(E);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return false;
  for (const Stmt *Child : E->children())
    if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
      if (mayBeBatched(ChildExpr, Depth + 1))
        return true;
  return false;
}

bool BatchedValues::variableMayBeBatched(const VarDecl *Var, unsigned Depth) {
  auto [It, Inserted] = Variables.try_emplace(Var, false);
  if (!Inserted)
    return It->second;
  bool Result = false;
  for (const Expr *Write : writesTo(Var))
    if (mayBeBatched(Write, Depth + 1)) {
      Result = true;
      break;
    }
  Variables[Var] = Result;
  return Result;
}

llvm::SmallVector<const Expr *, 4> BatchedValues::writesTo(const VarDecl *Var) {
  llvm::SmallVector<const Expr *, 4> Writes;
  if (const Expr *Init = Var->getInit())
    Writes.push_back(Init);
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return Writes;
  // `v = e`, `v += e`, ...: each right-hand side is a value v can hold.
  auto Assignments =
      match(findAll(cxxOperatorCallExpr(
                hasAnyOverloadedOperatorName("=", "+=", "-=", "*=", "/="),
                hasArgument(0, ignoringParenImpCasts(
                                   declRefExpr(to(varDecl(equalsNode(Var)))))),
                hasArgument(1, expr().bind("value")))),
            *Function->getBody(), Context);
  for (const BoundNodes &Nodes : Assignments)
    Writes.push_back(Nodes.getNodeAs<Expr>("value"));
  return Writes;
}

} // namespace clang::tidy::vmap
