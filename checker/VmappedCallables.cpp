//===--- VmappedCallables.cpp - What a callable handed to vmap runs -------===//

#include "checker/VmappedCallables.h"
#include "checker/AstNames.h"
#include "checker/CallOperators.h"
#include "checker/GraphKeys.h"
#include "checker/ModuleTypes.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::vmap {

void collectCallableRoots(const SourceManager &SM, const Expr *Arg,
                          std::vector<CallEdge> &Roots) {
  Arg = stripValueWrappers(Arg);
  if (!Arg)
    return;
  GraphSite Site = graphSite(SM, Arg->getBeginLoc());
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Arg)) {
    for (const CXXMethodDecl *Operator : callOperators(Lambda))
      Roots.push_back({graphKey(Operator), false, Site, ""});
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
      Ref && isa<FunctionDecl>(Ref->getDecl())) {
    const auto *Function = cast<FunctionDecl>(Ref->getDecl());
    Roots.push_back({graphKey(Function), false, Site,
                     "which calls '" + displayName(Function) + "'"});
    return;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(Arg)) {
    collectCallableRoots(SM, Unary->getSubExpr(), Roots);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(Arg);
      Call && Call->getDirectCallee() &&
      Call->getDirectCallee()->isInStdNamespace() &&
      isNamed(Call->getDirectCallee(), "bind") && Call->getNumArgs() >= 1) {
    collectCallableRoots(SM, Call->getArg(0), Roots);
    return;
  }
  for (const CXXMethodDecl *Operator : callOperators(recordOf(Arg->getType())))
    Roots.push_back({graphKey(Operator), false, Site,
                     "which calls '" + displayName(Operator) + "'"});
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg)) {
    for (const Expr *Inner : Construct->arguments())
      collectCallableRoots(SM, Inner, Roots);
    return;
  }
  if (StorageRef Ref = storageReferencedBy(Arg); Ref.Decl)
    Roots.push_back({storageKey(Ref), true, Site, ""});
}

namespace {
struct ModeSubjectFinder : RecursiveASTVisitor<ModeSubjectFinder> {
  llvm::SmallVectorImpl<StorageRef> &Subjects;
  llvm::SmallPtrSet<const VarDecl *, 4> Followed;
  explicit ModeSubjectFinder(llvm::SmallVectorImpl<StorageRef> &S)
      : Subjects(S) {}
  void add(StorageRef Ref) {
    if (llvm::none_of(Subjects,
                      [&](const StorageRef &S) { return S.sameAs(Ref); }))
      Subjects.push_back(Ref);
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (Var && moduleImplOf(Var->getType()))
      add({Var, false, Ref});
    // A lambda kept in a local variable runs the modules it captures.
    const CXXRecordDecl *Class =
        Var ? Var->getType().getNonReferenceType()->getAsCXXRecordDecl()
            : nullptr;
    if (Class && Class->isLambda() && Var->hasLocalStorage() &&
        Var->getInit() && Followed.insert(Var).second)
      TraverseStmt(const_cast<Expr *>(Var->getInit()));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreImpCasts()) &&
        isa<FieldDecl>(Member->getMemberDecl()) &&
        moduleImplOf(Member->getType()))
      add({Member->getMemberDecl(), false, Member});
    return true;
  }
  bool VisitCXXThisExpr(CXXThisExpr *This) {
    if (isModuleClass(recordOf(This->getType())))
      add({nullptr, true, This});
    return true;
  }
};
} // namespace

void collectModeSubjects(const Expr *Arg,
                         llvm::SmallVectorImpl<StorageRef> &Subjects) {
  ModeSubjectFinder(Subjects).TraverseStmt(const_cast<Expr *>(Arg));
}

} // namespace clang::tidy::vmap
