//===--- FunctionalBatchNormCheck.cpp - vmap-functional-batch-norm --------===//

#include "rules/FunctionalBatchNormCheck.h"
#include "checker/FunctionalOptions.h"
#include "checker/LibraryCodePruning.h"
#include "checker/SourceEdits.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;
using matchers::isExpansionInLibraryCode;

static constexpr llvm::StringLiteral CallID = "call";
static constexpr int FromOptions = -1;

struct FunctionalNormSignature {
  llvm::StringLiteral Name;
  /// Argument indices of running_mean, running_var and the flag, or
  /// FromOptions: set on the options argument.
  int RunningMean, RunningVar, Flag;
  int OptionsArg;
  /// "training" or "use_input_stats", and its default in the options.
  llvm::StringLiteral FlagName;
  bool FlagDefault;
};

static constexpr FunctionalNormSignature Signatures[] = {
    {"::at::batch_norm", 3, 4, 5, -1, "training", false},
    {"::at::instance_norm", 3, 4, 5, -1, "use_input_stats", false},
    {"::torch::nn::functional::batch_norm", 1, 2, FromOptions, 3, "training",
     false},
    {"::torch::nn::functional::instance_norm", FromOptions, FromOptions,
     FromOptions, 1, "use_input_stats", true},
    {"::torch::nn::functional::detail::batch_norm", 1, 2, 5, -1, "training",
     false},
    {"::torch::nn::functional::detail::instance_norm", 1, 2, 5, -1,
     "use_input_stats", false},
};

void FunctionalBatchNormCheck::registerRuleMatchers(MatchFinder *Finder) {
  llvm::SmallVector<llvm::StringRef, 8> Names;
  for (const FunctionalNormSignature &S : Signatures)
    Names.push_back(S.Name);
  Finder->addMatcher(callExpr(unless(isExpansionInLibraryCode()),
                              callee(functionDecl(hasAnyName(Names))))
                         .bind(CallID),
                     this);
}

void FunctionalBatchNormCheck::checkMatch(
    const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>(CallID);
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  std::string Name = "::" + Callee->getQualifiedNameAsString();
  for (const FunctionalNormSignature &S : Signatures)
    if (S.Name == Name &&
        Call->getNumArgs() >
            unsigned(std::max({S.RunningVar, S.Flag, S.OptionsArg}))) {
      Findings.add(*Result.SourceManager, Call->getBeginLoc(), {Call, &S});
      return;
    }
}

void FunctionalBatchNormCheck::reportTranslationUnit() {
  if (Findings.empty())
    return;
  Batched = std::make_unique<BatchedValues>(astContext());
  for (const auto &[Loc, Group] : Findings)
    report(Group.front());
}

/// The argument \p Index of \p Call, or the value of setter \p Setter of
/// its options; null when the options leave the default (or it cannot be
/// found: then \p Unknown).
static const Expr *argument(const CallExpr *Call, int Index, int OptionsArg,
                            llvm::StringRef Setter, ASTContext &Context,
                            bool &Unknown) {
  Unknown = false;
  if (Index != FromOptions)
    return Call->getArg(Index);
  return findOptionSetter(Call->getArg(OptionsArg), Setter, Context, Unknown);
}

void FunctionalBatchNormCheck::report(const Finding &F) {
  ASTContext &Context = astContext();
  const FunctionalNormSignature &S = *F.Callee;
  bool MeanUnknown, VarUnknown, FlagUnknown;
  const Expr *Mean = argument(F.Call, S.RunningMean, S.OptionsArg,
                              "running_mean", Context, MeanUnknown);
  const Expr *Var = argument(F.Call, S.RunningVar, S.OptionsArg, "running_var",
                             Context, VarUnknown);
  const Expr *Flag =
      argument(F.Call, S.Flag, S.OptionsArg, S.FlagName, Context, FlagUnknown);
  auto Undefined = [](const Expr *E, bool Unknown) {
    return !Unknown && (!E || isUndefinedTensor(E));
  };
  // Without running statistics there is nothing to update in place.
  if (Undefined(Mean, MeanUnknown) && Undefined(Var, VarUnknown))
    return;
  FlagValue Value = Flag            ? classifyFlag(Flag, Context)
                    : FlagUnknown   ? FlagValue::Unknown
                    : S.FlagDefault ? FlagValue::True
                                    : FlagValue::False;
  if (Value == FlagValue::False)
    return;
  // A flag that follows the module's mode fails only where the module
  // trains; a flag that is true fails in either mode.
  std::optional<VmapPath> Path = pathToStatement(
      F.Call, Value == FlagValue::ModuleTrainingMode ? ModePolicy::TrainingOnly
                                                     : ModePolicy::AnyMode);
  if (!Path)
    return;
  if (scope() == AnalysisScope::Vmapped &&
      !Batched->mayBeBatched(F.Call->getArg(0)))
    return;

  llvm::StringRef Function = llvm::StringRef(S.Name).rsplit("::").second;
  const char *Why = Value == FlagValue::True ? "%1 is true"
                    : Value == FlagValue::ModuleTrainingMode
                        ? "%1 follows the module's training mode"
                        : "%1 is not known at compile time";
  std::string Message =
      std::string("'%0' updates running_mean and running_var in place (") +
      Why +
      "), which fails under vmap on a batched input: 'Batch norm got a "
      "batched tensor as input while the running_mean or running_var, which "
      "will be updated in place, were not batched'";
  // Undefined running statistics are the functional
  // track_running_stats(false): with the flag true the output is the same
  // (the batch's statistics normalise), so the edit is exact there.
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<FixItHint, 2> Fix;
  bool Positional = S.RunningMean != FromOptions && S.RunningVar != FromOptions;
  if (Positional && Value == FlagValue::True &&
      !editRefusal(SM, Mean->getSourceRange()) &&
      !editRefusal(SM, Var->getSourceRange()))
    for (const Expr *Stats : {Mean, Var})
      if (!isUndefinedTensor(Stats))
        Fix.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Stats->getSourceRange()), "{}"));
  diag(F.Call->getExprLoc(), Message)
      << Function << S.FlagName << F.Call->getSourceRange() << Fix;
  if (Fix.empty())
    diag(F.Call->getExprLoc(),
         "pass undefined tensors ({}) for running_mean and running_var under "
         "vmap, the functional form of track_running_stats(false), or %0 "
         "false",
         DiagnosticIDs::Note)
        << S.FlagName;
  // Say whose buffers they are, so the user knows what stops updating.
  for (const Expr *Stats : {Mean, Var})
    if (Stats)
      explainBuffer(Stats);
  reportPath(*Path);
}

void FunctionalBatchNormCheck::explainBuffer(const Expr *Stats) {
  const auto *Member = dyn_cast<MemberExpr>(ignoringArgumentWrappers(Stats));
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (!Field)
    return;
  const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Record)
    return;
  // `field = register_buffer("name", ...)` in a constructor.
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    if (!Ctor->hasBody())
      continue;
    auto Registrations = match(
        findAll(cxxOperatorCallExpr(
            hasOverloadedOperatorName("="),
            hasArgument(0, ignoringParenImpCasts(
                               memberExpr(member(equalsNode(Field))))),
            hasArgument(
                1, expr(anyOf(hasDescendant(cxxMemberCallExpr(
                                                callee(cxxMethodDecl(hasName(
                                                    "register_buffer"))))
                                                .bind("register")),
                              cxxMemberCallExpr(callee(cxxMethodDecl(hasName(
                                                    "register_buffer"))))
                                  .bind("register")))))),
        *Ctor->getBody(), astContext());
    if (!Registrations.empty()) {
      const auto *Register =
          Registrations.front().getNodeAs<CallExpr>("register");
      diag(Register->getExprLoc(),
           "'%0' is a buffer of '%1', registered here: with {} it is no "
           "longer updated",
           DiagnosticIDs::Note)
          << Field->getName() << Record->getName();
      return;
    }
  }
  diag(Stats->getBeginLoc(), "'%0' is a member of '%1'", DiagnosticIDs::Note)
      << Field->getName() << Record->getName();
}

void FunctionalBatchNormCheck::clearTranslationUnit() {
  Findings.clear();
  Batched.reset();
}

} // namespace clang::tidy::vmap
