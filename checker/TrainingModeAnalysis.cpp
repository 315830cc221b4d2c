//===--- TrainingModeAnalysis.cpp - Is a module in training mode here? ----===//

#include "checker/TrainingModeAnalysis.h"
#include "checker/ModuleTypes.h"
#include "checker/NormModuleKind.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include <optional>

namespace clang::tidy::vmap {

namespace {
/// The lattice of one module's mode, bottom (unreached) excluded: a merge
/// keeps the larger, so a path in training mode wins.
int rank(EntryMode M) {
  switch (M) {
  case EntryMode::Eval:
    return 0;
  case EntryMode::Unknown:
    return 1;
  case EntryMode::Training:
    return 2;
  }
  return 2;
}

using ModeState = std::vector<std::optional<EntryMode>>;

void join(ModeState &Into, const ModeState &From) {
  for (size_t I = 0; I < Into.size(); ++I)
    if (From[I] && (!Into[I] || rank(*From[I]) > rank(*Into[I])))
      Into[I] = From[I];
}

/// If \p S switches a module's mode (`eval()`, `train(b)`), which module and
/// to what.
std::optional<std::pair<StorageRef, EntryMode>>
modeSwitch(const Stmt *S, ASTContext &Context) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() ||
      !isModuleClass(Method->getParent()))
    return std::nullopt;
  EntryMode Mode;
  if (Method->getName() == "eval") {
    Mode = EntryMode::Eval;
  } else if (Method->getName() == "train") {
    Mode = EntryMode::Training;
    if (Call->getNumArgs() == 1 && !isa<CXXDefaultArgExpr>(Call->getArg(0))) {
      bool On = true;
      if (Call->getArg(0)->EvaluateAsBooleanCondition(On, Context))
        Mode = On ? EntryMode::Training : EntryMode::Eval;
      else
        Mode = EntryMode::Unknown;
    }
  } else {
    return std::nullopt;
  }
  StorageRef Object = storageReferencedBy(Call->getImplicitObjectArgument());
  if (!Object)
    return std::nullopt;
  return std::make_pair(Object, Mode);
}

void transfer(ModeState &State, const Stmt *S,
              llvm::ArrayRef<StorageRef> Subjects, ASTContext &Context) {
  auto Switch = modeSwitch(S, Context);
  if (!Switch)
    return;
  for (size_t I = 0; I < Subjects.size(); ++I)
    if (Subjects[I].sameAs(Switch->first))
      State[I] = Switch->second;
}

/// A module declared in \p Function itself starts in training mode.
EntryMode initialMode(const StorageRef &Subject, const FunctionDecl *Function) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Subject.Decl);
  if (Var && !isa<ParmVarDecl>(Var) && Var->hasLocalStorage() &&
      !Var->getType()->isReferenceType() &&
      Var->getParentFunctionOrMethod() == Function)
    return EntryMode::Training;
  return EntryMode::Unknown;
}

std::string subjectName(const StorageRef &Subject) {
  if (Subject.IsThis)
    return "*this";
  return Subject.Decl->getNameAsString();
}
} // namespace

const CFG *TrainingModeAnalysis::cfgOf(const FunctionDecl *Function) {
  auto [It, Inserted] = CFGs.try_emplace(Function);
  if (Inserted && Function->getBody()) {
    CFG::BuildOptions Options;
    It->second =
        CFG::buildCFG(Function, Function->getBody(), &Context, Options);
  }
  return It->second.get();
}

/// Finds the CFG element that evaluates \p At, or the nearest enclosing
/// statement the CFG holds.
static std::optional<std::pair<const CFGBlock *, unsigned>>
locate(const CFG &Graph, const Stmt *At, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*At);
  for (int Depth = 0; Depth < 32; ++Depth) {
    const Stmt *S = Node.get<Stmt>();
    if (S)
      for (const CFGBlock *Block : Graph)
        for (unsigned I = 0; I < Block->size(); ++I)
          if (auto Element = (*Block)[I].getAs<CFGStmt>();
              Element && Element->getStmt() == S)
            return std::make_pair(Block, I);
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return std::nullopt;
    Node = Parents[0];
  }
  return std::nullopt;
}

TrainingModeAnalysis::Result
TrainingModeAnalysis::modeAt(const FunctionDecl *Function, const Stmt *At,
                             llvm::ArrayRef<StorageRef> Subjects) {
  if (Subjects.empty())
    return {EntryMode::Training, "", {}};
  ModeState AtCall(Subjects.size());
  const CFG *Graph = Function ? cfgOf(Function) : nullptr;
  auto Where = Graph ? locate(*Graph, At, Context) : std::nullopt;
  if (!Where) {
    // Without a CFG position nothing can be proven about the mode.
    for (size_t I = 0; I < Subjects.size(); ++I)
      AtCall[I] = initialMode(Subjects[I], Function);
  } else {
    // Forward may-analysis to a fixed point, in reverse post-order.
    llvm::DenseMap<const CFGBlock *, ModeState> Out;
    PostOrderCFGView Order(Graph);
    auto In = [&](const CFGBlock *Block) {
      ModeState State(Subjects.size());
      if (Block == &Graph->getEntry()) {
        for (size_t I = 0; I < Subjects.size(); ++I)
          State[I] = initialMode(Subjects[I], Function);
        return State;
      }
      for (const CFGBlock *Pred : Block->preds())
        if (Pred)
          if (auto It = Out.find(Pred); It != Out.end())
            join(State, It->second);
      return State;
    };
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const CFGBlock *Block : Order) {
        ModeState State = In(Block);
        for (const CFGElement &Element : *Block)
          if (auto S = Element.getAs<CFGStmt>())
            transfer(State, S->getStmt(), Subjects, Context);
        auto [It, Inserted] = Out.try_emplace(Block, State);
        if (!Inserted && It->second != State) {
          It->second = State;
          Changed = true;
        } else if (Inserted) {
          Changed = true;
        }
      }
    }
    AtCall = In(Where->first);
    for (unsigned I = 0; I < Where->second; ++I)
      if (auto S = (*Where->first)[I].getAs<CFGStmt>())
        transfer(AtCall, S->getStmt(), Subjects, Context);
  }
  Result R{EntryMode::Eval, subjectName(Subjects.front()), Subjects.front()};
  for (size_t I = 0; I < Subjects.size(); ++I) {
    // An unreached call (dead code) proves nothing; treat it as unknown.
    EntryMode M = AtCall[I].value_or(EntryMode::Unknown);
    if (rank(M) > rank(R.Mode))
      R = {M, subjectName(Subjects[I]), Subjects[I]};
  }
  return R;
}

} // namespace clang::tidy::vmap
