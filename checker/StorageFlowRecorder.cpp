//===--- StorageFlowRecorder.cpp - Where modules and callables are kept ---===//

#include "checker/StorageFlowRecorder.h"
#include "checker/AstNames.h"
#include "checker/CallOperators.h"
#include "checker/CodeOwnership.h"
#include "checker/GraphKeys.h"
#include "checker/ModuleTypes.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::vmap {

void StorageFlowRecorder::memberInitializer(const CXXCtorInitializer *Init) {
  if (Init->isMemberInitializer())
    flowInto(Init->getInit(), graphKey(Init->getMember()));
}

void StorageFlowRecorder::variable(const VarDecl *Var) {
  if (Var->getInit() && carriesModuleOrCallable(Var->getType()))
    flowInto(Var->getInit(), graphKey(Var));
}

void StorageFlowRecorder::field(const FieldDecl *Field) {
  if (const Expr *Init = Field->getInClassInitializer())
    flowInto(Init, graphKey(Field));
}

void StorageFlowRecorder::returnStmt(const ReturnStmt *Return) {
  if (Ctx.current() && Return->getRetValue())
    flowInto(Return->getRetValue(), returnKey(Ctx.current()));
}

void StorageFlowRecorder::assignment(const BinaryOperator *Assign) {
  flowInto(Assign->getRHS(), storageKey(storageReferencedBy(Assign->getLHS())));
}

void StorageFlowRecorder::forRange(const CXXForRangeStmt *For) {
  if (For->getLoopVariable())
    flowInto(For->getRangeInit(), graphKey(For->getLoopVariable()));
}

void StorageFlowRecorder::callArguments(const CallExpr *Call,
                                        const FunctionDecl *Callee) {
  if (!Callee)
    return;
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    flowInto(Op->getArg(1), storageKey(storageReferencedBy(Op->getArg(0))));
    return;
  }
  unsigned FirstArg = Op && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  if (isUserCode(Callee)) {
    const FunctionDecl *Definition =
        Callee->getDefinition() ? Callee->getDefinition() : Callee;
    // What a vmap call runs is its entry's: flowing its callables into
    // vmap's parameter would join every vmap call's callables into one.
    bool Vmap = Ctx.isVmapFunction(Callee);
    for (unsigned I = FirstArg, N = Call->getNumArgs(); I < N; ++I) {
      if (I - FirstArg >= Definition->getNumParams())
        continue;
      const ParmVarDecl *Param = Definition->getParamDecl(I - FirstArg);
      if (!(Vmap && isCallableType(Param->getType())))
        flowInto(Call->getArg(I), graphKey(Param));
    }
    return;
  }
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Member || isNamed(Callee, "register_module"))
    return;
  const Expr *Object = Member->getImplicitObjectArgument();
  StorageRef Target = storageReferencedBy(Object);
  // `push_back(m)` in a method of a container subclass adds to the class's
  // contents, which every object of it holds.
  if (Target.IsThis) {
    // The class of the method the call is in: the object's type is that of
    // the base whose method is called.
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Ctx.current());
    const CXXRecordDecl *Self = Method ? Method->getParent() : nullptr;
    if (Self && isModuleClass(Self) && isUserCode(Self))
      for (const Expr *Arg : Call->arguments())
        flowInto(Arg, contentsKey(Self));
    return;
  }
  if (!carriesModuleOrCallable(Object->getType()))
    return;
  std::string Container = storageKey(Target);
  for (const Expr *Arg : Call->arguments())
    flowInto(Arg, Container);
}

void StorageFlowRecorder::alias(const std::string &From,
                                const std::string &To) {
  if (From == To)
    return;
  Ctx.Graph.Storage[From].Aliases.push_back(To);
  Ctx.Graph.Storage[To];
}

/// A user class derived from LibTorch's Sequential, ModuleList or
/// ModuleDict: its methods may add modules to `*this`, which its library
/// forward or iteration runs.
static bool isContainerSubclass(const CXXRecordDecl *Impl) {
  if (!Impl || !Impl->hasDefinition())
    return false;
  return !Impl->getDefinition()->forallBases([](const CXXRecordDecl *Base) {
    return !(Base->getIdentifier() &&
             llvm::is_contained(
                 {"SequentialImpl", "ModuleListImpl", "ModuleDictImpl"},
                 Base->getName()));
  });
}

void StorageFlowRecorder::keepConstruction(const Expr *Site, QualType Type,
                                           const std::string &Sink) {
  const CXXRecordDecl *Impl = moduleImplOf(Type);
  if (!Impl)
    return;
  ConstructionFacts &Facts =
      Ctx.Graph.Constructions[constructionKey(Ctx.SM, Site)];
  if (!llvm::is_contained(Facts.Storage, Sink))
    Facts.Storage.push_back(Sink);
  if (!isUserCode(Impl))
    return;
  if (isContainerSubclass(Impl))
    alias(contentsKey(Impl), Sink);
  for (const CXXMethodDecl *Forward : forwardMethods(Impl))
    if (isUserCode(Forward))
      Ctx.Graph.Storage[Sink].Forwards.push_back(
          {graphKey(Forward), Impl->getNameAsString()});
}

void StorageFlowRecorder::flowInto(const Expr *E, const std::string &Sink) {
  E = stripValueWrappers(E);
  if (!E || Sink.empty() || E->isTypeDependent())
    return;
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    flowInto(Cond->getTrueExpr(), Sink);
    flowInto(Cond->getFalseExpr(), Sink);
    return;
  }
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Init : List->inits())
      flowInto(Init, Sink);
    return;
  }
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E)) {
    flowInto(List->getSubExpr(), Sink);
    return;
  }
  if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(E)) {
    flowInto(Default->getExpr(), Sink);
    return;
  }
  if (!carriesModuleOrCallable(E->getType()) && !isa<LambdaExpr>(E))
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (isa<VarDecl>(Ref->getDecl()))
      alias(graphKey(Ref->getDecl()), Sink);
    else if (isa<FunctionDecl>(Ref->getDecl()))
      Ctx.Graph.Storage[Sink].Callables.push_back(graphKey(Ref->getDecl()));
    return;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (isa<FieldDecl>(Member->getMemberDecl()))
      alias(graphKey(Member->getMemberDecl()), Sink);
    return;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    flowInto(Unary->getSubExpr(), Sink);
    return;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    for (const CXXMethodDecl *Operator : callOperators(Lambda))
      Ctx.Graph.Storage[Sink].Callables.push_back(graphKey(Operator));
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    keepConstruction(Construct, Construct->getType(), Sink);
    for (const CXXMethodDecl *Operator :
         callOperators(recordOf(Construct->getType())))
      Ctx.Graph.Storage[Sink].Callables.push_back(graphKey(Operator));
    // What a holder, container or std::function is built from lives in it.
    for (const Expr *Arg : Construct->arguments())
      flowInto(Arg, Sink);
    return;
  }
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    keepConstruction(New, New->getAllocatedType(), Sink);
    if (const CXXConstructExpr *Construct = New->getConstructExpr())
      for (const Expr *Arg : Construct->arguments())
        flowInto(Arg, Sink);
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return;
  // `register_module(name, m)` returns m.
  if (isNamed(Callee, "register_module") && Call->getNumArgs() >= 2) {
    flowInto(Call->getArg(Call->getNumArgs() - 1), Sink);
    return;
  }
  if (Callee->isInStdNamespace() && isNamed(Callee, "bind") &&
      Call->getNumArgs() >= 1) {
    flowInto(Call->getArg(0), Sink);
    return;
  }
  if (Callee->isInStdNamespace() && Callee->getIdentifier() &&
      Callee->getName().starts_with("make_")) {
    keepConstruction(Call, Call->getType(), Sink);
    for (const Expr *Arg : Call->arguments())
      flowInto(Arg, Sink);
    return;
  }
  if (isUserCode(Callee)) {
    alias(returnKey(Callee), Sink);
    return;
  }
  // Library accessors (`ptr()`, `operator->`, `(*seq)[0]`, `as<T>()`)
  // return the module they are called on, or one it holds.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    flowInto(Member->getImplicitObjectArgument(), Sink);
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
           Op && Op->getNumArgs() >= 1 && isa<CXXMethodDecl>(Callee))
    flowInto(Op->getArg(0), Sink);
}

} // namespace clang::tidy::vmap
