//===--- TrainingModeAnalysis.cpp - Is a module in training mode here? ----===//

#include "checker/TrainingModeAnalysis.h"
#include "checker/CfgDataflow.h"
#include "checker/GraphKeys.h"
#include "checker/ModuleTypes.h"
#include "checker/NormModuleKind.h"
#include "checker/VmapAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
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

bool join(ModeState &Into, const ModeState &From) {
  bool Changed = false;
  for (size_t I = 0; I < Into.size(); ++I)
    if (From[I] && (!Into[I] || rank(*From[I]) > rank(*Into[I]))) {
      Into[I] = From[I];
      Changed = true;
    }
  return Changed;
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

TrainingModeAnalysis::TrainingModeAnalysis(ASTContext &Context)
    : Context(Context), Calls(Context) {}
TrainingModeAnalysis::~TrainingModeAnalysis() = default;

const FunctionCfg *TrainingModeAnalysis::cfgOf(const FunctionDecl *Function) {
  auto [It, Inserted] = CFGs.try_emplace(Function);
  if (Inserted && Function->getBody())
    It->second = std::make_unique<FunctionCfg>(Function, Function->getBody(),
                                               Context, CFG::BuildOptions());
  return It->second.get();
}

/// The CFG point that evaluates \p At, or the nearest enclosing statement
/// the CFG holds.
static std::optional<CfgPoint> locate(const FunctionCfg &Cfg, const Stmt *At,
                                      ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*At);
  for (int Depth = 0; Depth < 32; ++Depth) {
    if (const Stmt *S = Node.get<Stmt>())
      if (auto Point = Cfg.pointOf(S))
        return Point;
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
  return modeAt(Function, At, Subjects, 0);
}

/// How far modes are followed into callers' frames.
static constexpr unsigned MaxCallerDepth = 4;

TrainingModeAnalysis::Result
TrainingModeAnalysis::modeAt(const FunctionDecl *Function, const Stmt *At,
                             llvm::ArrayRef<StorageRef> Subjects,
                             unsigned Depth) {
  if (Subjects.empty())
    return {EntryMode::Training, "", {}, ""};
  ModeState AtCall(Subjects.size());
  std::vector<std::string> Reasons(Subjects.size());
  for (size_t I = 0; I < Subjects.size(); ++I) {
    AtCall[I] = initialMode(Subjects[I], Function);
    if (AtCall[I] == EntryMode::Unknown && Depth < MaxCallerDepth) {
      Inherited From = modeOnEntry(Function, Subjects[I], Depth);
      AtCall[I] = From.Mode;
      Reasons[I] = std::move(From.Reason);
    }
  }
  const FunctionCfg *Cfg = Function ? cfgOf(Function) : nullptr;
  // Where the CFG does not hold \p At, the modes at the entry stand.
  if (auto Where = Cfg ? locate(*Cfg, At, Context) : std::nullopt)
    AtCall = Cfg->stateBefore(*Where, AtCall, ModeState(Subjects.size()), join,
                              [&](ModeState &State, const Stmt *S) {
                                transfer(State, S, Subjects, Context);
                              });
  Result R{EntryMode::Eval, subjectName(Subjects.front()), Subjects.front(),
           ""};
  for (size_t I = 0; I < Subjects.size(); ++I) {
    // An unreached call (dead code) proves nothing; treat it as unknown.
    EntryMode M = AtCall[I].value_or(EntryMode::Unknown);
    if (rank(M) > rank(R.Mode))
      R = {M, subjectName(Subjects[I]), Subjects[I],
           M == EntryMode::Unknown ? Reasons[I] : ""};
  }
  return R;
}

static llvm::StringRef modeName(EntryMode Mode) {
  switch (Mode) {
  case EntryMode::Eval:
    return "eval";
  case EntryMode::Training:
    return "training";
  case EntryMode::Unknown:
    break;
  }
  return "not known";
}

TrainingModeAnalysis::Inherited
TrainingModeAnalysis::modeOnEntry(const FunctionDecl *Function,
                                  const StorageRef &Subject, unsigned Depth) {
  if (!Function)
    return {};
  // Each frame that runs Function: the function and the statement there,
  // and what the subject is called there.
  struct Frame {
    const FunctionDecl *Caller;
    const Stmt *At;
    StorageRef Subject;
  };
  llvm::SmallVector<Frame, 4> Frames;
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Subject.Decl);
  if (Method && Method->getParent()->isLambda()) {
    // A capture (or `this`) has the mode it has where the lambda runs: at
    // the uses of the variable that holds it, else where it is written
    // (passed on, or called at once).
    if (Param)
      return {};
    const LambdaExpr *Lambda = Calls.lambdaOf(Method->getParent());
    if (!Lambda)
      return {};
    const FunctionDecl *Outer = enclosingFunction(Context, Lambda);
    const VarDecl *Holder = nullptr;
    for (const DynTypedNode &Parent : Context.getParents(*Lambda))
      if (const auto *Var = Parent.get<VarDecl>())
        Holder = Var;
    llvm::ArrayRef<const DeclRefExpr *> Uses =
        Holder ? Calls.usesOfLambdaVariable(Holder)
               : llvm::ArrayRef<const DeclRefExpr *>();
    for (const DeclRefExpr *Use : Uses)
      Frames.push_back({enclosingFunction(Context, Use), Use, Subject});
    if (Uses.empty())
      Frames.push_back({Outer, Lambda, Subject});
  } else if (Param && Param->getDeclContext() == Function) {
    // A parameter has the mode of the argument at each call.
    unsigned Index = Param->getFunctionScopeIndex();
    for (const CallExpr *Call : Calls.callsOf(Function)) {
      // A member operator call passes the object as its first argument.
      unsigned Offset = isa<CXXOperatorCallExpr>(Call) && Method ? 1 : 0;
      if (Index + Offset >= Call->getNumArgs())
        continue;
      Frames.push_back({enclosingFunction(Context, Call), Call,
                        storageReferencedBy(Call->getArg(Index + Offset))});
    }
  }
  if (Frames.empty())
    return {};
  // The least safe mode over the frames; unknown when they disagree.
  std::optional<Inherited> Agreed;
  const Frame *Eval = nullptr, *Other = nullptr;
  EntryMode OtherMode = EntryMode::Unknown;
  for (const Frame &F : Frames) {
    Result R = F.Subject ? modeAt(F.Caller, F.At, {F.Subject}, Depth + 1)
                         : Result{EntryMode::Unknown, "", {}, ""};
    if (R.Mode == EntryMode::Eval) {
      Eval = Eval ? Eval : &F;
    } else if (!Other) {
      Other = &F;
      OtherMode = R.Mode;
    }
    if (!Agreed)
      Agreed = Inherited{R.Mode, R.Reason};
    else if (Agreed->Mode != R.Mode)
      Agreed->Mode = EntryMode::Unknown;
  }
  if (Agreed->Mode != EntryMode::Unknown || !Eval || !Other)
    return *Agreed;
  auto Name = [](const Frame &F) {
    return F.Caller ? "'" + displayName(F.Caller) + "'" : "a global";
  };
  return {EntryMode::Unknown,
          (modeName(OtherMode) + " in the call from " + Name(*Other) +
           ", eval in the call from " + Name(*Eval))
              .str()};
}

} // namespace clang::tidy::vmap
