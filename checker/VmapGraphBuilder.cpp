//===--- VmapGraphBuilder.cpp - The vmap facts of one translation unit ----===//

#include "checker/VmapGraphBuilder.h"
#include "checker/CodeOwnership.h"
#include "checker/ModuleTypes.h"
#include "checker/NormModuleKind.h"
#include "checker/SourceEdits.h"
#include "checker/StorageRef.h"
#include "checker/TrainingModeAnalysis.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::vmap {

GraphSite graphSite(const SourceManager &SM, SourceLocation Loc) {
  SourceLocation Expansion = SM.getExpansionLoc(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Expansion));
  if (!File)
    return {};
  // One spelling per file, whichever way each translation unit included
  // it, so that summaries of different files agree.
  std::string Path = File->getFileEntry().tryGetRealPathName().str();
  if (Path.empty())
    Path = File->getName().str();
  return {Path, SM.getExpansionLineNumber(Expansion),
          SM.getExpansionColumnNumber(Expansion)};
}

std::string constructionKey(const SourceManager &SM, const Expr *Site) {
  return graphSite(SM, Site->getBeginLoc()).str();
}

std::string graphKey(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  if (const auto *Param = dyn_cast<ParmVarDecl>(D))
    if (const auto *Function = dyn_cast<FunctionDecl>(Param->getDeclContext()))
      return graphKey(Function) + "@p" +
             std::to_string(Param->getFunctionScopeIndex());
  // Closure classes have no name to build a USR from; their place does.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(D);
      Method && Method->getParent()->isLambda())
    return "lambda@" + graphSite(SM, Method->getParent()->getLocation()).str() +
           "@" + Method->getType().getAsString();
  llvm::SmallString<128> USR;
  if (!index::generateUSRForDecl(D, USR) && !USR.empty())
    return std::string(USR);
  std::string Name;
  if (const auto *Named = dyn_cast<NamedDecl>(D))
    Name = Named->getNameAsString();
  return "decl@" + graphSite(SM, D->getLocation()).str() + "@" + Name;
}

namespace {

std::string displayName(const FunctionDecl *F) {
  const SourceManager &SM = F->getASTContext().getSourceManager();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F);
      Method && Method->getParent()->isLambda()) {
    GraphSite Site = graphSite(SM, Method->getParent()->getLocation());
    return "lambda at " + llvm::sys::path::filename(Site.File).str() + ":" +
           std::to_string(Site.Line) + ":" + std::to_string(Site.Column);
  }
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  F->getNameForDiagnostic(OS, F->getASTContext().getPrintingPolicy(),
                          /*Qualified=*/true);
  return Name;
}

std::string returnKey(const FunctionDecl *F) { return "ret@" + graphKey(F); }

std::string storageKey(const StorageRef &S) {
  return S.Decl ? graphKey(S.Decl) : "";
}

bool isFunctorchCall(const FunctionDecl *F, llvm::StringRef Name) {
  if (!isNamed(F, Name))
    return false;
  const auto *NS = dyn_cast<NamespaceDecl>(F->getDeclContext());
  return NS && NS->getName() == "functorch";
}

/// The `operator()`s of a user functor class (instantiated ones included).
llvm::SmallVector<const CXXMethodDecl *, 2>
callOperators(const CXXRecordDecl *Record) {
  llvm::SmallVector<const CXXMethodDecl *, 2> Operators;
  if (!Record || !Record->hasDefinition() || !isUserCode(Record))
    return Operators;
  for (const Decl *Member : Record->getDefinition()->decls()) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member)) {
      for (const FunctionDecl *Spec : Template->specializations())
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Spec))
          Operators.push_back(Method);
    } else if (const auto *Method = dyn_cast<CXXMethodDecl>(Member);
               Method && Method->getOverloadedOperator() == OO_Call &&
               !Method->isDependentContext()) {
      Operators.push_back(Method);
    }
  }
  return Operators;
}

/// The call operators a lambda expression defines: one, or one per
/// instantiation of a generic lambda.
llvm::SmallVector<const CXXMethodDecl *, 2> callOperators(const LambdaExpr *L) {
  llvm::SmallVector<const CXXMethodDecl *, 2> Operators;
  if (const FunctionTemplateDecl *Generic = L->getDependentCallOperator()) {
    for (const FunctionDecl *Spec : Generic->specializations())
      Operators.push_back(cast<CXXMethodDecl>(Spec));
    return Operators;
  }
  Operators.push_back(L->getCallOperator());
  return Operators;
}

class GraphBuilder : public RecursiveASTVisitor<GraphBuilder> {
  using Base = RecursiveASTVisitor<GraphBuilder>;

public:
  GraphBuilder(ASTContext &Context, const VmapGraphOptions &Options,
               VmapGraph &Graph)
      : Context(Context), SM(Context.getSourceManager()), Options(Options),
        Graph(Graph), Modes(Context) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  void run() {
    for (Decl *D : Context.getTranslationUnitDecl()->decls())
      if (!isLibraryCode(SM, D->getLocation()))
        TraverseDecl(D);
    addRegionEntries();
    writeFunctions();
  }

  bool TraverseDecl(Decl *D) {
    auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function || !Function->doesThisDeclarationHaveABody())
      return Base::TraverseDecl(D);
    if (!Function->isDependentContext())
      addAnnotatedEntry(Function);
    Stack.push_back(Function);
    bool Result = Base::TraverseDecl(D);
    Stack.pop_back();
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    if (!inDependentCode() && !L->getDependentCallOperator())
      addAnnotatedEntry(L->getCallOperator());
    Stack.push_back(L->getCallOperator());
    bool Result = Base::TraverseLambdaExpr(L);
    Stack.pop_back();
    // A generic lambda's body is a pattern; walk what it was instantiated to.
    if (FunctionTemplateDecl *Generic = L->getDependentCallOperator())
      for (FunctionDecl *Spec : Generic->specializations()) {
        Stack.push_back(Spec);
        Result = Result && TraverseStmt(Spec->getBody());
        Stack.pop_back();
      }
    return Result;
  }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    Scopes.push_back(S);
    bool Result = Base::TraverseCompoundStmt(S);
    Scopes.pop_back();
    return Result;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (!inDependentCode() && Init->isMemberInitializer())
      flowInto(Init->getInit(), graphKey(Init->getMember()));
    return Base::TraverseConstructorInitializer(Init);
  }

  bool VisitCXXMethodDecl(CXXMethodDecl *Method) {
    if (Method->isDependentContext() || !isUserCode(Method))
      return true;
    for (const CXXMethodDecl *Overridden : Method->overridden_methods())
      Graph.Overriders[graphKey(Overridden)].insert(graphKey(Method));
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (inDependentCode() || isa<ParmVarDecl>(Var) ||
        Var->getType()->isDependentType())
      return true;
    if (Var->getInit() && carriesModuleOrCallable(Var->getType()))
      flowInto(Var->getInit(), graphKey(Var));
    if (current() && Var->hasLocalStorage() && !Scopes.empty() &&
        recordOf(Var->getType()))
      LocalRecords.push_back({Var, current(), Scopes.back()->getEndLoc()});
    return true;
  }

  bool VisitFieldDecl(FieldDecl *Field) {
    if (Field->getDeclContext()->isDependentContext())
      return true;
    if (const Expr *Init = Field->getInClassInitializer())
      flowInto(Init, graphKey(Field));
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *Return) {
    if (!inDependentCode() && current() && Return->getRetValue())
      flowInto(Return->getRetValue(), returnKey(current()));
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (!inDependentCode() && Op->getOpcode() == BO_Assign)
      flowInto(Op->getRHS(), storageKey(storageReferencedBy(Op->getLHS())));
    return true;
  }

  bool VisitCXXForRangeStmt(CXXForRangeStmt *For) {
    if (!inDependentCode() && For->getLoopVariable())
      flowInto(For->getRangeInit(), graphKey(For->getLoopVariable()));
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      addUse(Ref, StorageRef{Var, false, Ref});
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      addUse(Member, StorageRef{Field, false, Member});
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (inDependentCode())
      return true;
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (!Ctor->isCopyOrMoveConstructor() && moduleImplOf(Construct->getType()))
      recordConstruction(Construct);
    // Building an object runs its constructor (and what that registers).
    if (current() && isUserCode(Ctor) && !Ctor->isImplicit())
      addCall(
          Construct,
          {graphKey(Ctor), false, site(Construct),
           "which constructs '" + Ctor->getParent()->getNameAsString() + "'"},
          false);
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (!inDependentCode() && moduleImplOf(New->getAllocatedType()))
      recordConstruction(New);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (inDependentCode() || Call->isTypeDependent())
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && isVmapFunction(Callee))
      addVmapCallEntry(Call, "");
    else if (Callee && current() && isUserCode(Callee) && takesCallable(Callee))
      addVmapCallEntry(Call, graphKey(Callee));
    if (isFunctorchCall(Callee, "initAndPushDynamicLayer") &&
        pushesVmapLayer(Call))
      Pushes.push_back({Call, current()});
    else if (isFunctorchCall(Callee, "popDynamicLayerAndDeleteMetadata"))
      Pops.push_back({Call, current()});
    recordFactoryConstruction(Call, Callee);
    flowArguments(Call, Callee);
    if (current())
      addCallEdges(Call, Callee);
    return true;
  }

private:
  struct RawCall {
    SourceLocation Loc;
    CallEdge Edge;
    /// The callee is a callable the function received as a parameter.
    bool ViaParameter;
  };
  struct RawUse {
    SourceLocation Loc;
    UseEdge Edge;
    StorageRef Ref;
  };
  struct FunctionRecord {
    const FunctionDecl *Function;
    std::vector<RawCall> Calls;
    std::vector<RawUse> Uses;
  };

  const FunctionDecl *current() const {
    return Stack.empty() ? nullptr : Stack.back();
  }
  bool inDependentCode() const {
    return current() && current()->isDependentContext();
  }
  FunctionRecord &record(const FunctionDecl *F) {
    auto [It, Inserted] = Records.try_emplace(F);
    if (Inserted) {
      It->second.Function = F;
      Order.push_back(F);
    }
    return It->second;
  }
  GraphSite site(const Stmt *S) const {
    return graphSite(SM, S->getBeginLoc());
  }

  bool isVmapFunction(const FunctionDecl *F) const {
    if (isNamed(F, "vmap"))
      return true;
    if (Options.VmapFunctions.empty())
      return false;
    std::string Qualified = F->getQualifiedNameAsString();
    for (llvm::StringRef Name : Options.VmapFunctions) {
      Name.consume_front("::");
      if (Name.contains("::") ? Name == Qualified : isNamed(F, Name))
        return true;
    }
    return false;
  }

  static bool takesCallable(const FunctionDecl *F) {
    return llvm::any_of(F->parameters(), [](const ParmVarDecl *P) {
      return isCallableType(P->getType());
    });
  }

  /// `initAndPushDynamicLayer(TransformType::Vmap, ...)`; a transform that
  /// is not a constant counts as vmap.
  static bool pushesVmapLayer(const CallExpr *Call) {
    if (Call->getNumArgs() == 0)
      return false;
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
    const auto *Kind =
        Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
    return !Kind || Kind->getName() == "Vmap";
  }

  void addUse(const Expr *E, const StorageRef &Ref) {
    if (inDependentCode() || !current() || E->isTypeDependent() ||
        !carriesModuleOrCallable(Ref.Decl->getType()))
      return;
    record(current()).Uses.push_back(
        {E->getBeginLoc(),
         {graphKey(Ref.Decl), site(E), Ref.Decl->getNameAsString()},
         Ref});
  }

  void addCall(const Expr *At, CallEdge Edge, bool ViaParameter) {
    record(current()).Calls.push_back(
        {At->getBeginLoc(), std::move(Edge), ViaParameter});
  }

  bool isParameterOfCurrent(const StorageRef &Ref) const {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(Ref.Decl);
    return Param && Param->getDeclContext() == current();
  }

  void addCallEdges(const CallExpr *Call, const FunctionDecl *Callee) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->getOperator() == OO_Call) {
      const Expr *Object = Op->getArg(0);
      StorageRef Ref = storageReferencedBy(Object);
      // `module(x)` runs the module's forward.
      if (const CXXRecordDecl *Impl = moduleImplOf(Object->getType())) {
        for (const CXXMethodDecl *Forward : forwardMethods(Impl))
          if (isUserCode(Forward))
            addCall(Call,
                    {graphKey(Forward), false, site(Call),
                     "which calls '" + displayName(Forward) + "'"},
                    false);
        return;
      }
      // A std::function (or bind result) runs whatever was stored in it.
      if (!isUserCode(Callee)) {
        if (Ref.Decl)
          addCall(Call,
                  {storageKey(Ref), true, site(Call),
                   "which calls the function stored in '" +
                       Ref.Decl->getNameAsString() + "'"},
                  isParameterOfCurrent(Ref));
        return;
      }
      addCall(Call,
              {graphKey(Callee), false, site(Call),
               "which calls '" + displayName(Callee) + "'"},
              isParameterOfCurrent(Ref));
      return;
    }
    // Library code is not walked; what it runs is reached through the
    // modules and callables handed to it.
    if (!Callee || !isUserCode(Callee))
      return;
    addCall(Call,
            {graphKey(Callee), false, site(Call),
             "which calls '" + displayName(Callee) + "'"},
            false);
  }

  void recordConstruction(const Expr *Site) {
    ConstructionFacts &Facts = Graph.Constructions[constructionKey(SM, Site)];
    if (current() && !llvm::is_contained(Facts.Function, graphKey(current())))
      Facts.Function.push_back(graphKey(current()));
  }

  void recordFactoryConstruction(const CallExpr *Call,
                                 const FunctionDecl *Callee) {
    if (!Callee || !Callee->getIdentifier())
      return;
    llvm::StringRef Name = Callee->getName();
    if (Callee->isInStdNamespace() &&
        (Name == "make_shared" || Name == "make_unique" ||
         Name == "allocate_shared") &&
        moduleImplOf(Call->getType())) {
      recordConstruction(Call);
      return;
    }
    // `modules.emplace_back(8)` builds the module inside the container.
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    if (Member && Name.starts_with("emplace") &&
        cast<Decl>(Callee->getParent())->isInStdNamespace()) {
      const auto *Spec =
          dyn_cast<ClassTemplateSpecializationDecl>(Member->getRecordDecl());
      if (!Spec || Spec->getTemplateArgs().size() == 0 ||
          Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
          !moduleImplOf(Spec->getTemplateArgs()[0].getAsType()))
        return;
      recordConstruction(Call);
      std::string Container =
          storageKey(storageReferencedBy(Member->getImplicitObjectArgument()));
      if (!Container.empty())
        Graph.Constructions[constructionKey(SM, Call)].Storage.push_back(
            Container);
    }
  }

  /// Arguments flow into the parameters of user functions, and into the
  /// object of a library container's insertion (`seq->push_back(bn)`).
  void flowArguments(const CallExpr *Call, const FunctionDecl *Callee) {
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
      for (unsigned I = FirstArg, N = Call->getNumArgs(); I < N; ++I)
        if (I - FirstArg < Definition->getNumParams())
          flowInto(Call->getArg(I),
                   graphKey(Definition->getParamDecl(I - FirstArg)));
      return;
    }
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    if (!Member || isNamed(Callee, "register_module"))
      return;
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!carriesModuleOrCallable(Object->getType()))
      return;
    std::string Container = storageKey(storageReferencedBy(Object));
    for (const Expr *Arg : Call->arguments())
      flowInto(Arg, Container);
  }

  void alias(const std::string &From, const std::string &To) {
    if (From == To)
      return;
    Graph.Storage[From].Aliases.push_back(To);
    Graph.Storage[To];
  }

  /// Records that the value of \p E (and any module or callable it is built
  /// from) is kept in the storage \p Sink.
  void flowInto(const Expr *E, const std::string &Sink) {
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
        Graph.Storage[Sink].Callables.push_back(graphKey(Ref->getDecl()));
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
        Graph.Storage[Sink].Callables.push_back(graphKey(Operator));
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      keepConstruction(Construct, Construct->getType(), Sink);
      for (const CXXMethodDecl *Operator :
           callOperators(recordOf(Construct->getType())))
        Graph.Storage[Sink].Callables.push_back(graphKey(Operator));
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
    if (!Call)
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
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

  /// A module built by \p Site is kept in \p Sink; a user module's forward
  /// runs when that storage is run.
  void keepConstruction(const Expr *Site, QualType Type,
                        const std::string &Sink) {
    const CXXRecordDecl *Impl = moduleImplOf(Type);
    if (!Impl)
      return;
    ConstructionFacts &Facts = Graph.Constructions[constructionKey(SM, Site)];
    if (!llvm::is_contained(Facts.Storage, Sink))
      Facts.Storage.push_back(Sink);
    if (!isUserCode(Impl))
      return;
    for (const CXXMethodDecl *Forward : forwardMethods(Impl))
      if (isUserCode(Forward))
        Graph.Storage[Sink].Forwards.push_back(
            {graphKey(Forward), Impl->getNameAsString()});
  }

  /// The functions a callable argument of vmap stands for.
  void collectCallableRoots(const Expr *Arg, std::vector<CallEdge> &Roots) {
    Arg = stripValueWrappers(Arg);
    if (!Arg)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Arg)) {
      for (const CXXMethodDecl *Operator : callOperators(Lambda))
        Roots.push_back({graphKey(Operator), false, site(Arg), ""});
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
        Ref && isa<FunctionDecl>(Ref->getDecl())) {
      const auto *Function = cast<FunctionDecl>(Ref->getDecl());
      Roots.push_back({graphKey(Function), false, site(Arg),
                       "which calls '" + displayName(Function) + "'"});
      return;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(Arg)) {
      collectCallableRoots(Unary->getSubExpr(), Roots);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Arg);
        Call && Call->getDirectCallee() &&
        Call->getDirectCallee()->isInStdNamespace() &&
        isNamed(Call->getDirectCallee(), "bind") && Call->getNumArgs() >= 1) {
      collectCallableRoots(Call->getArg(0), Roots);
      return;
    }
    for (const CXXMethodDecl *Operator :
         callOperators(recordOf(Arg->getType())))
      Roots.push_back({graphKey(Operator), false, site(Arg),
                       "which calls '" + displayName(Operator) + "'"});
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg)) {
      for (const Expr *Inner : Construct->arguments())
        collectCallableRoots(Inner, Roots);
      return;
    }
    if (StorageRef Ref = storageReferencedBy(Arg); Ref.Decl)
      Roots.push_back({storageKey(Ref), true, site(Arg), ""});
  }

  /// The modules a vmapped callable refers to: their mode decides whether
  /// vmap runs them in training mode.
  void collectModeSubjects(const Expr *Arg,
                           llvm::SmallVectorImpl<StorageRef> &Subjects) {
    struct Finder : RecursiveASTVisitor<Finder> {
      llvm::SmallVectorImpl<StorageRef> &Subjects;
      explicit Finder(llvm::SmallVectorImpl<StorageRef> &S) : Subjects(S) {}
      void add(StorageRef Ref) {
        if (llvm::none_of(Subjects,
                          [&](const StorageRef &S) { return S.sameAs(Ref); }))
          Subjects.push_back(Ref);
      }
      bool VisitDeclRefExpr(DeclRefExpr *Ref) {
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && moduleImplOf(Var->getType()))
          add({Var, false, Ref});
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
    } Find(Subjects);
    Find.TraverseStmt(const_cast<Expr *>(Arg));
  }

  void addVmapCallEntry(const CallExpr *Call, std::string RequiresVmapLike) {
    VmapEntry Entry;
    Entry.Site = site(Call);
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
            Entry.Roots.push_back(
                {graphKey(Forward), false, site(Arg),
                 "which calls '" + displayName(Forward) + "'"});
        if (StorageRef Ref = storageReferencedBy(Arg)) {
          if (Ref.Decl)
            Entry.Uses.push_back(
                {graphKey(Ref.Decl), site(Arg), Ref.Decl->getNameAsString()});
          Subjects.push_back(Ref);
        }
      } else if (isCallableType(Arg->getType())) {
        collectCallableRoots(Arg, Entry.Roots);
        collectModeSubjects(Arg, Subjects);
      }
    }
    if (Entry.Roots.empty() && Entry.Uses.empty())
      return;
    TrainingModeAnalysis::Result Mode = Modes.modeAt(current(), Call, Subjects);
    Entry.Mode = Mode.Mode;
    Entry.ModeSubject = Mode.Subject;
    describeEvalModeFix(Call, Mode.SubjectRef, Entry);
    Graph.Entries.push_back(std::move(Entry));
  }

  /// What the eval-mode fix needs to wrap \p Call: where it ends, the module
  /// to put in eval mode, and where an #include can go.
  void describeEvalModeFix(const CallExpr *Call, const StorageRef &Module,
                           VmapEntry &Entry) {
    if (!isEditable(SM, Call->getSourceRange()) || !Module)
      return;
    if (Module.IsThis) {
      Entry.EvalModule = "*this";
    } else {
      QualType Type = Module.Decl->getType().getNonReferenceType();
      bool PointerLike = Type->isPointerType() ||
                         heldModuleImpl(recordOf(Type)) ||
                         !isModuleClass(recordOf(Type));
      Entry.EvalModule =
          (PointerLike ? "*" : "") + Module.Decl->getNameAsString();
    }
    Entry.CallEnd = graphSite(SM, endOfToken(Context, Call->getEndLoc()));
    Entry.ReturnsVoid = Call->getType()->isVoidType();
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
    Entry.IncludeAt = {Entry.CallEnd.File, IncludeLine + 1, 1};
  }

  void addAnnotatedEntry(const FunctionDecl *Function) {
    std::string Message;
    for (const auto *Annotation : Function->specific_attrs<AnnotateAttr>())
      if (Annotation->getAnnotation() == VmappedAnnotation)
        Message = "'" + displayName(Function) + "' is marked as vmapped here";
    if (Message.empty() && !Options.VmappedFunctions.empty()) {
      std::string Qualified = Function->getQualifiedNameAsString();
      for (llvm::StringRef Name : Options.VmappedFunctions) {
        Name.consume_front("::");
        if (Name == Qualified)
          Message = "'" + displayName(Function) +
                    "' runs under vmap (option VmappedFunctions)";
      }
    }
    if (Message.empty())
      return;
    VmapEntry Entry;
    Entry.Site = graphSite(SM, Function->getLocation());
    Entry.Message = std::move(Message);
    Entry.Roots.push_back({graphKey(Function), false, Entry.Site, ""});
    Graph.Entries.push_back(std::move(Entry));
  }

  /// Raw functorch regions: from `initAndPushDynamicLayer(Vmap, ...)` to the
  /// matching pop (or the end of the function), and the scope of a local
  /// guard object whose constructor pushes the layer. A function whose
  /// region runs a callable parameter is a vmap helper: its callers are the
  /// vmap calls, and their training mode is judged there.
  void addRegionEntries() {
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> GuardClasses;
    struct Region {
      const FunctionDecl *Function;
      const Stmt *Start;
      SourceLocation Begin, End;
      GraphSite Site;
    };
    std::vector<Region> Regions;
    for (const auto &[Push, Function] : Pushes) {
      if (!Function)
        continue;
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function)) {
        GuardClasses.insert(Ctor->getParent()->getCanonicalDecl());
        continue;
      }
      SourceLocation End = Function->getBody()->getEndLoc();
      for (const auto &[Pop, PopFunction] : Pops)
        if (PopFunction == Function &&
            SM.isBeforeInTranslationUnit(Push->getEndLoc(),
                                         Pop->getBeginLoc()) &&
            SM.isBeforeInTranslationUnit(Pop->getBeginLoc(), End))
          End = Pop->getBeginLoc();
      Regions.push_back({Function, Push, Push->getEndLoc(), End, site(Push)});
    }
    for (const auto &[Var, Function, ScopeEnd] : LocalRecords) {
      const CXXRecordDecl *Record = recordOf(Var->getType());
      if (Record && GuardClasses.count(Record->getCanonicalDecl()))
        Regions.push_back({Function, Var->getInit() ? Var->getInit() : nullptr,
                           Var->getEndLoc(), ScopeEnd,
                           graphSite(SM, Var->getLocation())});
    }
    for (const Region &R : Regions) {
      auto Within = [&](SourceLocation Loc) {
        return SM.isBeforeInTranslationUnit(R.Begin, Loc) &&
               SM.isBeforeInTranslationUnit(Loc, R.End);
      };
      VmapEntry Entry;
      Entry.Site = R.Site;
      Entry.Message = "vmapped region starts here";
      llvm::SmallVector<StorageRef, 4> Subjects;
      FunctionRecord &Record = record(R.Function);
      for (const RawCall &Call : Record.Calls) {
        if (!Within(Call.Loc))
          continue;
        if (Call.ViaParameter) {
          Graph.VmapLikeFunctions.insert(graphKey(R.Function));
          continue;
        }
        Entry.Roots.push_back(Call.Edge);
      }
      for (const RawUse &Use : Record.Uses) {
        if (!Within(Use.Loc) || (isa<ParmVarDecl>(Use.Ref.Decl) &&
                                 isCallableType(Use.Ref.Decl->getType())))
          continue;
        Entry.Uses.push_back(Use.Edge);
        if (moduleImplOf(Use.Ref.Decl->getType()))
          Subjects.push_back(Use.Ref);
      }
      if (Entry.Roots.empty() && Entry.Uses.empty())
        continue;
      if (R.Start) {
        TrainingModeAnalysis::Result Mode =
            Modes.modeAt(R.Function, R.Start, Subjects);
        Entry.Mode = Mode.Mode;
        Entry.ModeSubject = Mode.Subject;
      }
      Graph.Entries.push_back(std::move(Entry));
    }
  }

  void writeFunctions() {
    for (const FunctionDecl *F : Order) {
      const FunctionRecord &Record = Records[F];
      FunctionFacts &Facts = Graph.Functions[graphKey(F)];
      Facts.Name = displayName(F);
      // One edge per callee and per storage: the first is the one a path
      // shows.
      for (const RawCall &Call : Record.Calls)
        if (llvm::none_of(Facts.Calls, [&](const CallEdge &E) {
              return E.Target == Call.Edge.Target &&
                     E.ThroughStorage == Call.Edge.ThroughStorage;
            }))
          Facts.Calls.push_back(Call.Edge);
      for (const RawUse &Use : Record.Uses)
        if (llvm::none_of(Facts.Uses, [&](const UseEdge &E) {
              return E.Storage == Use.Edge.Storage;
            }))
          Facts.Uses.push_back(Use.Edge);
    }
  }

  ASTContext &Context;
  const SourceManager &SM;
  const VmapGraphOptions &Options;
  VmapGraph &Graph;
  TrainingModeAnalysis Modes;

  std::vector<const FunctionDecl *> Stack;
  std::vector<const CompoundStmt *> Scopes;
  llvm::DenseMap<const FunctionDecl *, FunctionRecord> Records;
  std::vector<const FunctionDecl *> Order;
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> Pushes, Pops;
  struct LocalRecord {
    const VarDecl *Var;
    const FunctionDecl *Function;
    SourceLocation ScopeEnd;
  };
  std::vector<LocalRecord> LocalRecords;
};

} // namespace

VmapGraph buildVmapGraph(ASTContext &Context, const VmapGraphOptions &Options) {
  VmapGraph Graph;
  GraphBuilder(Context, Options, Graph).run();
  return Graph;
}

} // namespace clang::tidy::vmap
