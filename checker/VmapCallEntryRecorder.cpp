//===--- VmapCallEntryRecorder.cpp - vmap calls as entries ----------------===//

#include "checker/VmapCallEntryRecorder.h"
#include "checker/AstNames.h"
#include "checker/CodeOwnership.h"
#include "checker/GraphKeys.h"
#include "checker/ModuleTypes.h"
#include "checker/SourceEdits.h"
#include "checker/VmapRandomness.h"
#include "checker/VmappedCallables.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::vmap {

static bool takesCallable(const FunctionDecl *F) {
  return llvm::any_of(F->parameters(), [](const ParmVarDecl *P) {
    return isCallableType(P->getType());
  });
}

void VmapCallEntryRecorder::call(const CallExpr *Call,
                                 const FunctionDecl *Callee) {
  if (!Callee)
    return;
  if (Ctx.isVmapFunction(Callee))
    addEntry(Call, Callee, "");
  else if (Ctx.current() && isUserCode(Callee) && takesCallable(Callee))
    addEntry(Call, Callee, graphKey(Callee));
}

void VmapCallEntryRecorder::addEntry(const CallExpr *Call,
                                     const FunctionDecl *Callee,
                                     std::string RequiresVmapLike) {
  VmapEntry Entry;
  Entry.Site = Ctx.site(Call);
  Entry.Message = "vmapped here";
  Entry.RequiresVmapLikeCallee = std::move(RequiresVmapLike);
  llvm::SmallVector<StorageRef, 4> Subjects;
  for (const Expr *Arg : Call->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    if (const CXXRecordDecl *Impl = moduleImplOf(Arg->getType())) {
      // A module handed to vmap directly: vmap runs its forward.
      for (const CXXMethodDecl *Forward : forwardMethods(Impl))
        if (isUserCode(Forward))
          Entry.Roots.push_back({graphKey(Forward), false, Ctx.site(Arg),
                                 "which calls '" + displayName(Forward) + "'"});
      if (StorageRef Ref = storageReferencedBy(Arg)) {
        if (Ref.Decl)
          Entry.Uses.push_back(
              {graphKey(Ref.Decl), Ctx.site(Arg), Ref.Decl->getNameAsString()});
        Subjects.push_back(Ref);
      }
    } else if (isCallableType(Arg->getType())) {
      collectCallableRoots(Ctx.SM, Arg, Entry.Roots);
      collectModeSubjects(Arg, Subjects);
    }
  }
  if (Entry.Roots.empty() && Entry.Uses.empty())
    return;
  Entry.VmapFunction = Callee->getQualifiedNameAsString();
  Entry.Randomness = vmapCallRandomness(Call, Callee, Ctx.Context);
  // A helper of the user's that takes no randomness: its own region says.
  if (Entry.Randomness == RandomnessMode::Unknown &&
      !randomnessArgument(Call, Ctx.Context) && isUserCode(Callee))
    Entry.RandomnessFrom = graphKey(Callee);
  TrainingModeAnalysis::Result Mode =
      Ctx.Modes.modeAt(Ctx.current(), Call, Subjects);
  Entry.Mode = Mode.Mode;
  Entry.ModeSubject = Mode.Subject;
  Entry.ModeReason = Mode.Reason;
  Entry.Fix = describeEvalModeFix(Call, Mode.SubjectRef);
  Ctx.Graph.Entries.push_back(std::move(Entry));
}

EvalModeFixFacts
VmapCallEntryRecorder::describeEvalModeFix(const CallExpr *Call,
                                           const StorageRef &Module) const {
  EvalModeFixFacts Fix;
  const SourceManager &SM = Ctx.SM;
  if (!isEditable(SM, Call->getSourceRange()) || !Module)
    return Fix;
  if (Module.IsThis) {
    Fix.EvalModule = "*this";
  } else {
    QualType Type = Module.Decl->getType().getNonReferenceType();
    bool PointerLike = Type->isPointerType() ||
                       heldModuleImpl(recordOf(Type)) ||
                       !isModuleClass(recordOf(Type));
    Fix.EvalModule = (PointerLike ? "*" : "") + Module.Decl->getNameAsString();
  }
  Fix.CallEnd = graphSite(SM, endOfToken(Ctx.Context, Call->getEndLoc()));
  Fix.ReturnsVoid = Call->getType()->isVoidType();
  // After the last #include of the file that holds the call.
  FileID File = SM.getFileID(SM.getExpansionLoc(Call->getBeginLoc()));
  llvm::StringRef Text = SM.getBufferData(File);
  unsigned Line = 1, IncludeLine = 0;
  for (llvm::StringRef Rest = Text; !Rest.empty(); ++Line) {
    auto [Current, Next] = Rest.split('\n');
    if (Current.ltrim().starts_with("#include"))
      IncludeLine = Line;
    Rest = Next;
  }
  Fix.IncludeAt = {Fix.CallEnd.File, IncludeLine + 1, 1};
  return Fix;
}

} // namespace clang::tidy::vmap
