//===--- OptionsFromCallers.cpp - Constructions decided by a helper's calls
//===//

#include "checker/OptionsFromCallers.h"
#include "checker/AstNames.h"
#include "checker/StorageRef.h"
#include "checker/VmapAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::vmap {

namespace {
/// How many helpers deep the calls are followed outwards.
constexpr unsigned MaxHelperDepth = 4;

/// The parameter \p E reads, through value wrappers and chained options
/// setters (`o.eps(1e-3)` reads `o`).
const ParmVarDecl *parameterReadBy(const Expr *E) {
  while (E) {
    E = stripValueWrappers(E);
    const auto *Setter = dyn_cast<CXXMemberCallExpr>(E);
    if (!Setter || !Setter->getMethodDecl() ||
        !isNormOptionsClass(Setter->getMethodDecl()->getParent()) ||
        !Setter->getMethodDecl()->getReturnType()->isLValueReferenceType())
      break;
    E = Setter->getImplicitObjectArgument();
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

/// True when one of \p F's template arguments is a module of kind \p Kind:
/// the call names the type the helper builds.
bool passesModuleType(const FunctionDecl *F, const NormModuleKind &Kind) {
  const TemplateArgumentList *Args = F->getTemplateSpecializationArgs();
  if (!Args)
    return false;
  for (const TemplateArgument &Arg : Args->asArray())
    if (Arg.getKind() == TemplateArgument::Type)
      if (auto ArgKind = classifyNormModule(recordOf(Arg.getAsType()));
          ArgKind && *ArgKind == Kind)
        return true;
  return false;
}

/// True when \p P can be given options instead of a channel count: its
/// type is an options class, or is deduced from the argument.
bool acceptsOptions(const ParmVarDecl *P) {
  if (isNormOptionsClass(recordOf(P->getType().getNonReferenceType())))
    return true;
  const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext());
  const FunctionDecl *Pattern =
      F ? F->getTemplateInstantiationPattern() : nullptr;
  if (!Pattern || Pattern->getNumParams() == 0)
    return false;
  unsigned Index = P->getFunctionScopeIndex();
  const ParmVarDecl *Last = Pattern->getParamDecl(Pattern->getNumParams() - 1);
  // A pack's elements follow the pattern's parameters before it.
  if (Index + 1 >= Pattern->getNumParams() && Last->isParameterPack())
    return true;
  return Index < Pattern->getNumParams() &&
         Pattern->getParamDecl(Index)->getType()->isDependentType();
}

void bindArguments(const FunctionDecl *F, const CallExpr *Call,
                   ParameterBindings &Bindings) {
  unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(F) ? 1 : 0;
  for (unsigned I = 0, N = F->getNumParams();
       I < N && I + Offset < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I + Offset);
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Arg))
      Arg = Default->getExpr();
    Bindings[F->getParamDecl(I)] = Arg;
  }
}

std::string nameOf(const FunctionDecl *F) {
  return F->getQualifiedNameAsString();
}

class CallerSearch {
public:
  CallerSearch(const NormConstruction &C, CallSiteIndex &Calls,
               ASTContext &Context)
      : C(C), Calls(Calls), Context(Context) {}

  /// Evaluates C at every call of \p F, whose parameters the arguments of
  /// outer calls already in \p Bindings do not bind. \p Options: the
  /// expression in F that the construction's first argument comes from.
  void visit(const FunctionDecl *F, const ParameterBindings &Bindings,
             const Expr *Options, unsigned Depth) {
    Helpers.insert(F);
    for (const CallExpr *Call : Calls.callsOf(F)) {
      ParameterBindings Bound = Bindings;
      bindArguments(F, Call, Bound);
      RunningStatsEvaluator Evaluator(Context, Bound);
      RunningStatsVerdict Verdict =
          Evaluator.evaluateConstruction(C.Args, C.Kind);
      // The construction's first argument as the call writes it.
      const Expr *AtCall = nullptr;
      std::string Refusal;
      if (const ParmVarDecl *P = Options ? parameterReadBy(Options) : nullptr;
          P && P->getDeclContext() == F) {
        if (acceptsOptions(P))
          AtCall = Bound.lookup(P);
        else
          Refusal = "'" + nameOf(F) + "' takes '" + P->getName().str() +
                    "' as '" + P->getType().getAsString() +
                    "', which cannot carry track_running_stats(false)";
      } else if (Options) {
        Refusal = "the options are written in '" + nameOf(F) +
                  "', which builds the module for every call";
      }
      const FunctionDecl *Caller = enclosingFunction(Context, Call);
      bool CallerDecidesNothing =
          (Verdict.Kind == RunningStatsVerdict::Unknown && Verdict.Parameter &&
           Verdict.Parameter->getDeclContext() == Caller) ||
          (Caller && passesModuleType(Caller, C.Kind));
      if (CallerDecidesNothing && Depth < MaxHelperDepth &&
          !Calls.callsOf(Caller).empty()) {
        visit(Caller, Bound, AtCall, Depth + 1);
        continue;
      }
      record(Call, AtCall, std::move(Refusal), std::move(Verdict));
    }
  }

  llvm::SmallVector<CallerDecision, 2> Decisions;

private:
  void record(const CallExpr *Call, const Expr *Options, std::string Refusal,
              RunningStatsVerdict Verdict) {
    // An edit of what a helper writes would change every call of it.
    if (Verdict.Origin) {
      const FunctionDecl *Writer = enclosingFunction(Context, Verdict.Origin);
      if (Writer && Helpers.count(Writer)) {
        Options = nullptr;
        Refusal = "the options are written in '" + nameOf(Writer) +
                  "', which builds the module for every call";
      } else {
        Refusal.clear();
      }
    }
    Decisions.push_back(
        {Call, Options, std::move(Refusal), std::move(Verdict)});
  }

  const NormConstruction &C;
  CallSiteIndex &Calls;
  ASTContext &Context;
  llvm::SmallPtrSet<const FunctionDecl *, 4> Helpers;
};
} // namespace

std::optional<llvm::SmallVector<CallerDecision, 2>>
decideAtCallers(const NormConstruction &C, const RunningStatsVerdict &InHelper,
                CallSiteIndex &Calls, ASTContext &Context) {
  const FunctionDecl *Helper = enclosingFunction(Context, C.Site);
  if (!Helper || Calls.callsOf(Helper).empty())
    return std::nullopt;
  bool FromParameter = InHelper.Kind == RunningStatsVerdict::Unknown &&
                       InHelper.Parameter &&
                       InHelper.Parameter->getDeclContext() == Helper;
  if (!FromParameter && !passesModuleType(Helper, C.Kind))
    return std::nullopt;
  CallerSearch Search(C, Calls, Context);
  Search.visit(Helper, ParameterBindings(),
               C.Args.empty() ? nullptr : C.Args.front(), 0);
  return std::move(Search.Decisions);
}

} // namespace clang::tidy::vmap
