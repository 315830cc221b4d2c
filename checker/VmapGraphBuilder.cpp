//===--- VmapGraphBuilder.cpp - The vmap facts of one translation unit ----===//
//
// One RecursiveASTVisitor walks the user code once and hands each node to
// the recorders that want it; it owns the traversal state (the function and
// block being walked) and the checks every recorder shares (template
// patterns are skipped, their instantiations walked).
//
//===----------------------------------------------------------------------===//

#include "checker/VmapGraphBuilder.h"
#include "checker/CallEdgeRecorder.h"
#include "checker/CodeOwnership.h"
#include "checker/ConstructionRecorder.h"
#include "checker/FunctorchRegionRecorder.h"
#include "checker/GraphBuildContext.h"
#include "checker/MarkedEntryRecorder.h"
#include "checker/OverrideRecorder.h"
#include "checker/StorageFlowRecorder.h"
#include "checker/VmapCallEntryRecorder.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::vmap {
namespace {

class GraphBuilder : public RecursiveASTVisitor<GraphBuilder> {
  using Base = RecursiveASTVisitor<GraphBuilder>;

public:
  GraphBuilder(ASTContext &Context, const VmapGraphOptions &Options,
               VmapGraph &Graph)
      : Ctx(Context, Options, Graph), Calls(Ctx), Flow(Ctx), Constructions(Ctx),
        Overrides(Ctx), VmapCalls(Ctx), Regions(Ctx), Marked(Ctx) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  void run() {
    for (Decl *D : Ctx.Context.getTranslationUnitDecl()->decls())
      if (!isLibraryCode(Ctx.SM, D->getLocation()))
        TraverseDecl(D);
    Regions.finish();
    Ctx.writeFunctions();
  }

  bool TraverseDecl(Decl *D) {
    auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function || !Function->doesThisDeclarationHaveABody())
      return Base::TraverseDecl(D);
    if (!Function->isDependentContext())
      Marked.function(Function);
    Ctx.enterFunction(Function);
    bool Result = Base::TraverseDecl(D);
    Ctx.leaveFunction();
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    if (!Ctx.inDependentCode() && !L->getDependentCallOperator())
      Marked.function(L->getCallOperator());
    Ctx.enterFunction(L->getCallOperator());
    bool Result = Base::TraverseLambdaExpr(L);
    Ctx.leaveFunction();
    // A generic lambda's body is a pattern; walk what it was instantiated to.
    if (FunctionTemplateDecl *Generic = L->getDependentCallOperator())
      for (FunctionDecl *Spec : Generic->specializations()) {
        Ctx.enterFunction(Spec);
        Result = Result && TraverseStmt(Spec->getBody());
        Ctx.leaveFunction();
      }
    return Result;
  }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    Ctx.enterScope(S);
    bool Result = Base::TraverseCompoundStmt(S);
    Ctx.leaveScope();
    return Result;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (!Ctx.inDependentCode())
      Flow.memberInitializer(Init);
    return Base::TraverseConstructorInitializer(Init);
  }

  bool VisitCXXMethodDecl(CXXMethodDecl *Method) {
    Overrides.method(Method);
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Ctx.inDependentCode() || isa<ParmVarDecl>(Var) ||
        Var->getType()->isDependentType())
      return true;
    Flow.variable(Var);
    Regions.variable(Var);
    return true;
  }

  bool VisitFieldDecl(FieldDecl *Field) {
    if (!Field->getDeclContext()->isDependentContext())
      Flow.field(Field);
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *Return) {
    if (!Ctx.inDependentCode())
      Flow.returnStmt(Return);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (!Ctx.inDependentCode() && Op->getOpcode() == BO_Assign)
      Flow.assignment(Op);
    return true;
  }

  bool VisitCXXForRangeStmt(CXXForRangeStmt *For) {
    if (!Ctx.inDependentCode())
      Flow.forRange(For);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      Calls.read(Ref, StorageRef{Var, false, Ref});
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      Calls.read(Member, StorageRef{Field, false, Member});
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (Ctx.inDependentCode())
      return true;
    Constructions.construct(Construct);
    Calls.construct(Construct);
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (!Ctx.inDependentCode())
      Constructions.newExpr(New);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (Ctx.inDependentCode() || Call->isTypeDependent())
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    VmapCalls.call(Call, Callee);
    Regions.call(Call, Callee);
    Constructions.call(Call, Callee);
    Flow.callArguments(Call, Callee);
    Calls.call(Call, Callee);
    return true;
  }

private:
  GraphBuildContext Ctx;
  CallEdgeRecorder Calls;
  StorageFlowRecorder Flow;
  ConstructionRecorder Constructions;
  OverrideRecorder Overrides;
  VmapCallEntryRecorder VmapCalls;
  FunctorchRegionRecorder Regions;
  MarkedEntryRecorder Marked;
};

} // namespace

VmapGraph buildVmapGraph(ASTContext &Context, const VmapGraphOptions &Options) {
  VmapGraph Graph;
  GraphBuilder(Context, Options, Graph).run();
  Graph.resolveHelperRandomness();
  return Graph;
}

} // namespace clang::tidy::vmap
