//===--- RunningStatsEvaluator.cpp - What track_running_stats a module gets
//===//

#include "checker/RunningStatsEvaluator.h"
#include "checker/CfgDataflow.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::vmap {

namespace {
/// How many copies, factories and references deep options are followed. Work
/// is memoised, so this only bounds the recursion on pathological code.
constexpr unsigned MaxDepth = 64;

bool isOptionsMethod(const CXXMethodDecl *Method) {
  return Method && isNormOptionsClass(Method->getParent());
}

/// A chained options setter such as `eps(1e-3)`: returns the options object
/// itself by reference.
bool isChainedSetter(const CXXMethodDecl *Method) {
  return isOptionsMethod(Method) && Method->getNumParams() == 1 &&
         Method->getReturnType()->isLValueReferenceType() &&
         isNormOptionsClass(recordOf(Method->getReturnType()));
}

/// Walks back through chained setters to the object they modify.
const Expr *chainRoot(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
    if (!Call || !isChainedSetter(Call->getMethodDecl()))
      return E;
    E = Call->getImplicitObjectArgument();
  }
}

const VarDecl *referencedVar(const Expr *E) {
  if (!E)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

RunningStatsVerdict unknown(const Expr *Origin, std::string Reason) {
  return {RunningStatsVerdict::Unknown, Origin, std::move(Reason)};
}

RunningStatsVerdict unknownParameter(const Expr *Origin,
                                     const ParmVarDecl *Parameter,
                                     llvm::StringRef Reason) {
  RunningStatsVerdict Result = unknown(Origin, Reason.str());
  Result.Parameter = Parameter;
  return Result;
}

/// Combines the verdicts of two control-flow paths.
RunningStatsVerdict join(const RunningStatsVerdict &A,
                         const RunningStatsVerdict &B) {
  using V = RunningStatsVerdict;
  if (A.Kind == V::TemplateDependent)
    return A;
  if (B.Kind == V::TemplateDependent)
    return B;
  if (A.Kind == B.Kind)
    return A;
  // One path keeping running statistics is enough for vmap to fail.
  if (A.keepsRunningStats() || B.keepsRunningStats()) {
    RunningStatsVerdict Result = A.keepsRunningStats() ? A : B;
    Result.Kind = V::MaybeEnabled;
    return Result;
  }
  // Disabled on one path, unknown on the other.
  return A.Kind == V::Unknown ? A : B;
}
} // namespace

std::optional<RunningStatsSetting> matchRunningStatsSetting(const Stmt *S) {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (isOptionsMethod(Method) && isNamed(Method, "track_running_stats") &&
        Call->getNumArgs() == 1)
      return RunningStatsSetting{chainRoot(Call->getImplicitObjectArgument()),
                                 Call->getArg(0)};
    return std::nullopt;
  }
  const auto *Assign = dyn_cast<BinaryOperator>(S);
  if (!Assign || Assign->getOpcode() != BO_Assign)
    return std::nullopt;
  const Expr *Target = Assign->getLHS()->IgnoreParenImpCasts();
  // `o.track_running_stats() = v` through the non-const reference getter.
  if (const auto *Getter = dyn_cast<CXXMemberCallExpr>(Target)) {
    const CXXMethodDecl *Method = Getter->getMethodDecl();
    if (isOptionsMethod(Method) && isNamed(Method, "track_running_stats") &&
        Getter->getNumArgs() == 0)
      return RunningStatsSetting{chainRoot(Getter->getImplicitObjectArgument()),
                                 Assign->getRHS()};
  }
  // `o.track_running_stats_ = v`: the field behind the setter.
  if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (Field && isNamed(Field, "track_running_stats_") &&
        isNormOptionsClass(dyn_cast<CXXRecordDecl>(Field->getParent())))
      return RunningStatsSetting{chainRoot(Member->getBase()),
                                 Assign->getRHS()};
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Flow through local variables
//===----------------------------------------------------------------------===//

RunningStatsEvaluator::RunningStatsEvaluator(ASTContext &Context,
                                             ParameterBindings Bindings)
    : Context(Context), Bindings(std::move(Bindings)) {}
RunningStatsEvaluator::~RunningStatsEvaluator() = default;

/// The body of the function or lambda that contains \p S, with the
/// declaration that owns it.
static std::pair<const Decl *, const Stmt *>
enclosingFunctionBody(ASTContext &Context, const Stmt *S) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return {nullptr, nullptr};
    Node = Parents[0];
    if (const auto *Function = Node.get<FunctionDecl>())
      return {Function, Function->getBody()};
    if (const auto *Lambda = Node.get<LambdaExpr>())
      return {Lambda->getCallOperator(), Lambda->getBody()};
    if (Node.get<TranslationUnitDecl>())
      return {nullptr, nullptr};
  }
}

const FunctionCfg *RunningStatsEvaluator::flowFor(const Stmt *S) {
  auto [Owner, Body] = enclosingFunctionBody(Context, S);
  if (!Body)
    return nullptr;
  std::unique_ptr<FunctionCfg> &Flow = Flows[Body];
  if (!Flow) {
    CFG::BuildOptions Options;
    // Every subexpression becomes an element, so the exact point where a
    // variable is read can be found.
    Options.setAllAlwaysAdd();
    Flow = std::make_unique<FunctionCfg>(Owner, Body, Context, Options);
  }
  return Flow.get();
}

namespace {
/// The set of verdicts that reach a program point along different paths.
struct ReachingVerdicts {
  std::optional<RunningStatsVerdict> Enabled, Disabled, Unknown;

  void assign(const RunningStatsVerdict &V) {
    *this = ReachingVerdicts();
    switch (V.Kind) {
    case RunningStatsVerdict::Enabled:
      Enabled = V;
      break;
    case RunningStatsVerdict::MaybeEnabled:
      Enabled = V;
      Disabled = V;
      break;
    case RunningStatsVerdict::Disabled:
      Disabled = V;
      break;
    case RunningStatsVerdict::Unknown:
    case RunningStatsVerdict::TemplateDependent:
      Unknown = V;
      break;
    }
  }
  /// Merges \p Other in; returns true when this set grew.
  bool merge(const ReachingVerdicts &Other) {
    bool Grew = false;
    auto MergeOne = [&Grew](std::optional<RunningStatsVerdict> &Mine,
                            const std::optional<RunningStatsVerdict> &Theirs) {
      if (!Mine && Theirs) {
        Mine = Theirs;
        Grew = true;
      }
    };
    MergeOne(Enabled, Other.Enabled);
    MergeOne(Disabled, Other.Disabled);
    MergeOne(Unknown, Other.Unknown);
    return Grew;
  }
  RunningStatsVerdict summarize(const VarDecl *Var) const {
    if (Enabled) {
      RunningStatsVerdict Result = *Enabled;
      if (Disabled || Unknown)
        Result.Kind = RunningStatsVerdict::MaybeEnabled;
      return Result;
    }
    if (Unknown)
      return *Unknown;
    if (Disabled)
      return *Disabled;
    return unknown(nullptr, "'" + Var->getName().str() +
                                "' has no visible initialisation");
  }
};
} // namespace

RunningStatsVerdict RunningStatsEvaluator::evaluateVariableAt(
    const VarDecl *Var, const DeclRefExpr *Use, bool Default, unsigned Depth) {
  // Copies of copies re-evaluate their sources on every fixed-point pass;
  // remembering each answer keeps that linear.
  auto Key = std::make_tuple(Var, Use, Default);
  auto Known = VariableVerdicts.find(Key);
  if (Known != VariableVerdicts.end())
    return Known->second;
  RunningStatsVerdict Result = computeVariableAt(Var, Use, Default, Depth);
  VariableVerdicts.emplace(Key, Result);
  return Result;
}

RunningStatsVerdict RunningStatsEvaluator::computeVariableAt(
    const VarDecl *Var, const DeclRefExpr *Use, bool Default, unsigned Depth) {
  const FunctionCfg *Flow = flowFor(Use);
  std::optional<CfgPoint> UsePoint = Flow ? Flow->pointOf(Use) : std::nullopt;
  if (!UsePoint)
    return unknown(Use, "the control flow around '" + Var->getName().str() +
                            "' cannot be analysed");

  // What a statement does to `Var`, if anything.
  auto Transfer = [&](ReachingVerdicts &State, const Stmt *S) {
    if (const auto *Declaration = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Declaration->decls()) {
        if (D == Var) {
          State.assign(Var->getInit()
                           ? evaluateOptions(Var->getInit(), Default, Depth + 1)
                           : unknown(nullptr, "'" + Var->getName().str() +
                                                  "' is not initialised"));
        } else if (const auto *Alias = dyn_cast<VarDecl>(D);
                   Alias && Alias->getType()->isReferenceType() &&
                   !Alias->getType().getNonReferenceType().isConstQualified() &&
                   referencedVar(Alias->getInit()) == Var) {
          State.assign(unknown(Alias->getInit(),
                               "'" + Var->getName().str() +
                                   "' is modified through the reference '" +
                                   Alias->getName().str() + "'"));
        }
      }
      return;
    }
    if (auto Setting = matchRunningStatsSetting(S)) {
      if (referencedVar(Setting->Object) == Var)
        State.assign(evaluateFlag(Setting->Value));
      return;
    }
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
          referencedVar(Assign->getArg(0)) == Var)
        State.assign(evaluateOptions(Assign->getArg(1), Default, Depth + 1));
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() &&
            Capture.getCaptureKind() == LCK_ByRef &&
            Capture.getCapturedVar() == Var)
          State.assign(unknown(Lambda, "'" + Var->getName().str() +
                                           "' is captured by reference"));
      return;
    }
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(S)) {
      if (AddressOf->getOpcode() == UO_AddrOf &&
          referencedVar(AddressOf->getSubExpr()) == Var)
        State.assign(
            unknown(AddressOf,
                    "the address of '" + Var->getName().str() + "' escapes"));
      return;
    }
    // Passing the options to a function by non-const reference may change
    // them in ways this analysis does not follow.
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        return;
      unsigned Offset =
          isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
      for (unsigned I = Offset, E = Call->getNumArgs(); I < E; ++I) {
        unsigned Param = I - Offset;
        if (Param >= Callee->getNumParams())
          break;
        QualType Type = Callee->getParamDecl(Param)->getType();
        if (Type->isReferenceType() &&
            !Type.getNonReferenceType().isConstQualified() &&
            referencedVar(Call->getArg(I)) == Var)
          State.assign(unknown(Call, "'" + Var->getName().str() +
                                         "' is passed by reference to '" +
                                         Callee->getNameAsString() + "'"));
      }
    }
  };

  auto Merge = [](ReachingVerdicts &Into, const ReachingVerdicts &From) {
    return Into.merge(From);
  };
  // A bound parameter enters the function holding the call's argument.
  ReachingVerdicts OnEntry;
  if (const auto *Parameter = dyn_cast<ParmVarDecl>(Var))
    if (const Expr *Argument = Bindings.lookup(Parameter))
      OnEntry.assign(evaluateOptions(Argument, Default, Depth + 1));
  return Flow
      ->stateBefore(*UsePoint, std::move(OnEntry), ReachingVerdicts(), Merge,
                    Transfer)
      .summarize(Var);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

std::string RunningStatsEvaluator::sourceText(const Expr *E) const {
  llvm::StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()),
                           Context.getSourceManager(), Context.getLangOpts());
  return Text.empty() ? "the flag" : "'" + Text.str() + "'";
}

RunningStatsVerdict RunningStatsEvaluator::evaluateFlag(const Expr *Flag) {
  const Expr *Value = Flag->IgnoreImplicit()->IgnoreParens();
  if (Value->isValueDependent() || Value->isTypeDependent())
    return {RunningStatsVerdict::TemplateDependent, Value, ""};
  bool Result = false;
  if (Value->EvaluateAsBooleanCondition(Result, Context))
    return {Result ? RunningStatsVerdict::Enabled
                   : RunningStatsVerdict::Disabled,
            Value, ""};
  std::string Reason = sourceText(Value) + " is not a compile-time constant";
  if (const auto *Parameter = dyn_cast_or_null<ParmVarDecl>(
          referencedVar(stripValueWrappers(Value)))) {
    if (const Expr *Argument = Bindings.lookup(Parameter))
      return evaluateFlag(Argument);
    return unknownParameter(Value, Parameter, Reason);
  }
  return unknown(Value, Reason);
}

RunningStatsVerdict
RunningStatsEvaluator::evaluateReturnedOptions(const FunctionDecl *Callee,
                                               bool Default, unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || !Definition->getBody())
    return unknown(nullptr, "the options are returned by a function whose "
                            "body is not visible");
  // Each `return` of the factory is a path the options can take.
  struct ReturnCollector : RecursiveASTVisitor<ReturnCollector> {
    std::vector<const ReturnStmt *> Returns;
    bool VisitReturnStmt(ReturnStmt *Return) {
      Returns.push_back(Return);
      return true;
    }
    // Returns inside nested lambdas belong to those lambdas.
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } Collector;
  Collector.TraverseStmt(const_cast<Stmt *>(Definition->getBody()));
  std::optional<RunningStatsVerdict> Result;
  for (const ReturnStmt *Return : Collector.Returns) {
    if (!Return->getRetValue())
      continue;
    RunningStatsVerdict Path =
        evaluateOptions(Return->getRetValue(), Default, Depth + 1);
    Result = Result ? join(*Result, Path) : Path;
  }
  if (!Result)
    return unknown(nullptr,
                   "'" + Callee->getNameAsString() + "' returns no options");
  return *Result;
}

RunningStatsVerdict RunningStatsEvaluator::evaluateOptions(const Expr *E,
                                                           bool Default,
                                                           unsigned Depth) {
  if (Depth > MaxDepth)
    return unknown(E, "the options are built too indirectly to follow");
  E = stripValueWrappers(E);
  if (isa<CXXUnresolvedConstructExpr, ParenListExpr,
          CXXDependentScopeMemberExpr, UnresolvedLookupExpr,
          UnresolvedMemberExpr>(E))
    return {RunningStatsVerdict::TemplateDependent, E, ""};
  RunningStatsVerdict DefaultVerdict{Default ? RunningStatsVerdict::Enabled
                                             : RunningStatsVerdict::Disabled,
                                     E, "", /*FromDefault=*/true};
  // A plain `num_features` (an integer), possibly converted implicitly to
  // options, means the defaults.
  if (!E->isTypeDependent() &&
      !isNormOptionsClass(
          recordOf(E->IgnoreUnlessSpelledInSource()->getType()))) {
    DefaultVerdict.Origin = nullptr;
    return DefaultVerdict;
  }

  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (auto Setting = matchRunningStatsSetting(Call))
      return evaluateFlag(Setting->Value);
    if (isChainedSetter(Method)) {
      const Expr *Object = Call->getImplicitObjectArgument();
      RunningStatsVerdict Result = evaluateOptions(Object, Default, Depth + 1);
      // Options written inline default at the whole chain, which is where
      // a setter would be appended.
      if (Result.FromDefault && Result.Origin &&
          Result.Origin->getBeginLoc() ==
              stripValueWrappers(Object)->getBeginLoc())
        Result.Origin = Call;
      return Result;
    }
    return evaluateReturnedOptions(Method, Default, Depth);
  }
  if (isa<CXXConstructExpr>(E))
    return DefaultVerdict;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return unknown(E, "the options cannot be followed");
    if (const auto *Parameter = dyn_cast<ParmVarDecl>(Var)) {
      // A by-value parameter may be changed in the body before this use;
      // the call's argument is its value on entry.
      if (const Expr *Argument = Bindings.lookup(Parameter))
        return Parameter->getType()->isReferenceType()
                   ? evaluateOptions(Argument, Default, Depth + 1)
                   : evaluateVariableAt(Var, Ref, Default, Depth + 1);
      return unknownParameter(E, Parameter,
                              "'" + Var->getName().str() + "' is a parameter");
    }
    if (Var->getType()->isReferenceType() && Var->getInit()) {
      // A reference to a local: the local's value where the reference is
      // read, not where it was bound.
      const VarDecl *Target = referencedVar(Var->getInit());
      if (Target && Target->hasLocalStorage() &&
          !Target->getType()->isReferenceType() && !isa<ParmVarDecl>(Target))
        return evaluateVariableAt(Target, Ref, Default, Depth + 1);
      return evaluateOptions(Var->getInit(), Default, Depth + 1);
    }
    if (Var->hasLocalStorage())
      return evaluateVariableAt(Var, Ref, Default, Depth);
    if (Var->getType().isConstQualified() && Var->getInit())
      return evaluateOptions(Var->getInit(), Default, Depth + 1);
    return unknown(E, "'" + Var->getName().str() +
                          "' is a non-const global that may change");
  }
  if (const auto *Conditional = dyn_cast<ConditionalOperator>(E))
    return join(
        evaluateOptions(Conditional->getTrueExpr(), Default, Depth + 1),
        evaluateOptions(Conditional->getFalseExpr(), Default, Depth + 1));
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return evaluateReturnedOptions(Call->getDirectCallee(), Default, Depth);
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return unknown(E, "the options come from the data member '" +
                          Member->getMemberDecl()->getNameAsString() + "'");
  return unknown(E, "the options come from an expression vmap-tidy cannot "
                    "evaluate");
}

RunningStatsVerdict
RunningStatsEvaluator::evaluateConstruction(llvm::ArrayRef<const Expr *> Args,
                                            NormModuleKind Kind) {
  if (Args.empty())
    return {Kind.defaultTracksRunningStats() ? RunningStatsVerdict::Enabled
                                             : RunningStatsVerdict::Disabled,
            nullptr, "", /*FromDefault=*/true};
  return evaluateOptions(Args.front(), Kind.defaultTracksRunningStats(), 0);
}

} // namespace clang::tidy::vmap
