//===--- CallEdgeRecorder.cpp - What each function body calls and reads ---===//

#include "checker/CallEdgeRecorder.h"
#include "checker/CodeOwnership.h"
#include "checker/GraphKeys.h"
#include "checker/ModuleTypes.h"

namespace clang::tidy::vmap {

static bool isParameterOf(const StorageRef &Ref, const FunctionDecl *F) {
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Ref.Decl);
  return Param && Param->getDeclContext() == F;
}

static CallEdge callOf(const FunctionDecl *Callee, GraphSite Site) {
  return {graphKey(Callee), false, std::move(Site),
          "which calls '" + displayName(Callee) + "'"};
}

void CallEdgeRecorder::call(const CallExpr *Call, const FunctionDecl *Callee) {
  if (!Ctx.current())
    return;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call) {
    const Expr *Object = Op->getArg(0);
    StorageRef Ref = storageReferencedBy(Object);
    // `module(x)` runs the module's forward.
    if (const CXXRecordDecl *Impl = moduleImplOf(Object->getType())) {
      for (const CXXMethodDecl *Forward : forwardMethods(Impl))
        if (isUserCode(Forward))
          Ctx.addCall(Call, callOf(Forward, Ctx.site(Call)), false);
      return;
    }
    // A std::function (or bind result) runs whatever was stored in it.
    if (!isUserCode(Callee)) {
      if (Ref.Decl)
        Ctx.addCall(Call,
                    {storageKey(Ref), true, Ctx.site(Call),
                     "which calls the function stored in '" +
                         Ref.Decl->getNameAsString() + "'"},
                    isParameterOf(Ref, Ctx.current()));
      return;
    }
    Ctx.addCall(Call, callOf(Callee, Ctx.site(Call)),
                isParameterOf(Ref, Ctx.current()));
    return;
  }
  if (Callee && isUserCode(Callee))
    Ctx.addCall(Call, callOf(Callee, Ctx.site(Call)), false);
}

void CallEdgeRecorder::construct(const CXXConstructExpr *Construct) {
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  if (Ctx.current() && isUserCode(Ctor) && !Ctor->isImplicit())
    Ctx.addCall(
        Construct,
        {graphKey(Ctor), false, Ctx.site(Construct),
         "which constructs '" + Ctor->getParent()->getNameAsString() + "'"},
        false);
}

void CallEdgeRecorder::read(const Expr *E, const StorageRef &Ref) {
  if (Ctx.inDependentCode() || !Ctx.current() || E->isTypeDependent() ||
      !carriesModuleOrCallable(Ref.Decl->getType()))
    return;
  Ctx.addUse(E, Ref);
}

} // namespace clang::tidy::vmap
