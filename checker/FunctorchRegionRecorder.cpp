//===--- FunctorchRegionRecorder.cpp - Raw functorch vmap regions ---------===//

#include "checker/FunctorchRegionRecorder.h"
#include "checker/AstNames.h"
#include "checker/GraphKeys.h"
#include "checker/ModuleTypes.h"
#include "checker/VmapRandomness.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::vmap {

struct FunctorchRegionRecorder::Region {
  const FunctionDecl *Function;
  /// The statement the region starts at, for the training mode there; null
  /// when none.
  const Stmt *Start;
  SourceLocation Begin, End;
  GraphSite Site;
  /// The `initAndPushDynamicLayer` call.
  const CallExpr *Push;
};

static bool isFunctorchCall(const FunctionDecl *F, llvm::StringRef Name) {
  if (!isNamed(F, Name))
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(F->getDeclContext());
  return NS && NS->getName() == "functorch";
}

/// `initAndPushDynamicLayer(TransformType::Vmap, ...)`; a transform that is
/// not a constant counts as vmap.
static bool pushesVmapLayer(const CallExpr *Call) {
  if (Call->getNumArgs() == 0)
    return false;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *Kind = Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
  return !Kind || Kind->getName() == "Vmap";
}

void FunctorchRegionRecorder::call(const CallExpr *Call,
                                   const FunctionDecl *Callee) {
  if (isFunctorchCall(Callee, "initAndPushDynamicLayer") &&
      pushesVmapLayer(Call))
    Pushes.push_back({Call, Ctx.current()});
  else if (isFunctorchCall(Callee, "popDynamicLayerAndDeleteMetadata"))
    Pops.push_back({Call, Ctx.current()});
}

void FunctorchRegionRecorder::variable(const VarDecl *Var) {
  if (Ctx.current() && Var->hasLocalStorage() && Ctx.currentScope() &&
      recordOf(Var->getType()))
    LocalRecords.push_back(
        {Var, Ctx.current(), Ctx.currentScope()->getEndLoc()});
}

void FunctorchRegionRecorder::finish() {
  const SourceManager &SM = Ctx.SM;
  // Guard classes, with the push of their constructor.
  llvm::DenseMap<const CXXRecordDecl *, const CallExpr *> Guards;
  std::vector<Region> Regions;
  for (const auto &[Push, Function] : Pushes) {
    if (!Function)
      continue;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function)) {
      Guards.try_emplace(Ctor->getParent()->getCanonicalDecl(), Push);
      continue;
    }
    SourceLocation End = Function->getBody()->getEndLoc();
    for (const auto &[Pop, PopFunction] : Pops)
      if (PopFunction == Function &&
          SM.isBeforeInTranslationUnit(Push->getEndLoc(), Pop->getBeginLoc()) &&
          SM.isBeforeInTranslationUnit(Pop->getBeginLoc(), End))
        End = Pop->getBeginLoc();
    Regions.push_back(
        {Function, Push, Push->getEndLoc(), End, Ctx.site(Push), Push});
  }
  for (const auto &[Var, Function, ScopeEnd] : LocalRecords) {
    const CXXRecordDecl *Record = recordOf(Var->getType());
    auto Guard =
        Record ? Guards.find(Record->getCanonicalDecl()) : Guards.end();
    if (Guard != Guards.end())
      Regions.push_back({Function, Var->getInit(), Var->getEndLoc(), ScopeEnd,
                         graphSite(SM, Var->getLocation()), Guard->second});
  }
  for (const Region &R : Regions)
    addEntry(R);
}

void FunctorchRegionRecorder::addEntry(const Region &R) {
  const SourceManager &SM = Ctx.SM;
  auto Within = [&](SourceLocation Loc) {
    return SM.isBeforeInTranslationUnit(R.Begin, Loc) &&
           SM.isBeforeInTranslationUnit(Loc, R.End);
  };
  VmapEntry Entry;
  Entry.Site = R.Site;
  Entry.Message = "vmapped region starts here";
  llvm::SmallVector<StorageRef, 4> Subjects;
  GraphBuildContext::FunctionRecord &Record = Ctx.record(R.Function);
  bool RunsCallableParameter = false;
  for (const GraphBuildContext::RawCall &Call : Record.Calls) {
    if (!Within(Call.Loc))
      continue;
    if (Call.ViaParameter) {
      if (!RunsCallableParameter) {
        Ctx.Graph.VmapLikeFunctions.insert(graphKey(R.Function));
        Ctx.Graph.addHelperRandomness(graphKey(R.Function),
                                      regionRandomness(R.Push, Ctx.Context));
      }
      RunsCallableParameter = true;
      continue;
    }
    Entry.Roots.push_back(Call.Edge);
  }
  for (const GraphBuildContext::RawUse &Use : Record.Uses) {
    if (!Within(Use.Loc) || (isa<ParmVarDecl>(Use.Ref.Decl) &&
                             isCallableType(Use.Ref.Decl->getType())))
      continue;
    Entry.Uses.push_back(Use.Edge);
    if (moduleImplOf(Use.Ref.Decl->getType()))
      Subjects.push_back(Use.Ref);
  }
  // A vmap helper's own region runs only its callable: its callers are the
  // entries. Any other region is one, even without calls: the statements
  // written in it run under vmap.
  if (Entry.Roots.empty() && Entry.Uses.empty() && RunsCallableParameter)
    return;
  Entry.RegionEnd = graphSite(SM, R.End);
  Entry.VmapFunction = R.Push->getDirectCallee()->getQualifiedNameAsString();
  Entry.Randomness = regionRandomness(R.Push, Ctx.Context);
  if (R.Start) {
    TrainingModeAnalysis::Result Mode =
        Ctx.Modes.modeAt(R.Function, R.Start, Subjects);
    Entry.Mode = Mode.Mode;
    Entry.ModeSubject = Mode.Subject;
    Entry.ModeReason = Mode.Reason;
  }
  Ctx.Graph.Entries.push_back(std::move(Entry));
}

} // namespace clang::tidy::vmap
