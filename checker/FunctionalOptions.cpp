//===--- FunctionalOptions.cpp - Arguments of LibTorch's functional calls -===//

#include "checker/FunctionalOptions.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;

const Expr *ignoringArgumentWrappers(const Expr *E) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(E)) {
      E = Default->getExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        (Construct->getConstructor()->isCopyOrMoveConstructor() ||
         // optional<Tensor> from a tensor
         (Construct->getConstructor()->getParent()->getIdentifier() &&
          Construct->getConstructor()->getParent()->getName() == "optional"))) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    return E;
  }
}

const Expr *findOptionSetter(const Expr *Options, llvm::StringRef Setter,
                             ASTContext &Context, bool &Unknown) {
  Unknown = false;
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    const Expr *E = ignoringArgumentWrappers(Options);
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (!Method)
        break;
      // A setter returns the options by reference: `.a(1).b(2)`.
      if (Method->getName() == Setter && Call->getNumArgs() == 1)
        return Call->getArg(0);
      if (Call->getNumArgs() != 1)
        break;
      Options = Call->getImplicitObjectArgument();
      continue;
    }
    // The options' own constructor: the defaults, unless it takes the
    // value (`BatchNormOptions(4)` sets num_features, not training).
    if (isa<CXXConstructExpr>(E) || isa<InitListExpr>(E))
      return nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var || !Var->isLocalVarDecl() || !Var->getInit())
        break;
      // A later `opts.setter(v)` on the variable: its value depends on the
      // order, which is not followed here.
      const auto *Function =
          dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
      if (!Function || !Function->getBody())
        break;
      auto Later = match(
          findAll(cxxMemberCallExpr(on(ignoringParenImpCasts(declRefExpr(
                                        to(varDecl(equalsNode(Var)))))),
                                    unless(callee(cxxMethodDecl(isConst()))))),
          *Function->getBody(), Context);
      if (!Later.empty())
        break;
      Options = Var->getInit();
      continue;
    }
    break;
  }
  Unknown = true;
  return nullptr;
}

FlagValue classifyFlag(const Expr *Flag, ASTContext &Context) {
  Flag = ignoringArgumentWrappers(Flag);
  if (!Flag->isValueDependent()) {
    bool Value;
    if (Flag->EvaluateAsBooleanCondition(Value, Context))
      return Value ? FlagValue::True : FlagValue::False;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Flag))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getName() == "is_training")
      return FlagValue::ModuleTrainingMode;
  return FlagValue::Unknown;
}

bool isUndefinedTensor(const Expr *E) {
  E = ignoringArgumentWrappers(E);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return true;
    // optional<Tensor>(nullopt)
    const CXXRecordDecl *Arg =
        Construct->getNumArgs() == 1
            ? ignoringArgumentWrappers(Construct->getArg(0))
                  ->getType()
                  ->getAsCXXRecordDecl()
            : nullptr;
    return Arg && Arg->getName() == "nullopt_t";
  }
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getName() == "nullopt";
  return false;
}

} // namespace clang::tidy::vmap
