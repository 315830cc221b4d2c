//===--- RandomOpCheck.cpp - vmap-random-op -------------------------------===//

#include "rules/RandomOpCheck.h"
#include "checker/EvalModeFix.h"
#include "checker/FixDataWriter.h"
#include "checker/FunctionalOptions.h"
#include "checker/GraphKeys.h"
#include "checker/LibraryCodePruning.h"
#include "checker/ModuleTypes.h"
#include "checker/NormConstructionMatchers.h"
#include "checker/SourceEdits.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;
using matchers::isExpansionInLibraryCode;

static constexpr llvm::StringLiteral DropoutID = "dropout";
static constexpr llvm::StringLiteral ModuleID = "module";
static constexpr llvm::StringLiteral FunctionalID = "functional";
static constexpr llvm::StringLiteral SamplerID = "sampler";

/// Why a draw fails under the entry's randomness \p Mode, with functorch's
/// message: `same` and `different` are only reached by the draws that fail
/// under them.
static llvm::StringRef failureUnder(RandomnessMode Mode) {
  switch (Mode) {
  case RandomnessMode::Same:
    return "vmap's 'same' randomness, which cannot draw from batched "
           "parameters ('Vmap does not currently support same randomness "
           "with a batched tensor input')";
  case RandomnessMode::Different:
    return "vmap's 'different' randomness, which cannot sample in place into "
           "a tensor that is not batched ('vmap: Cannot ask for different "
           "inplace randomness on an unbatched tensor')";
  case RandomnessMode::Error:
  case RandomnessMode::Unknown:
    break;
  }
  return "vmap's default randomness mode ('vmap: called random operation "
         "while in randomness error mode')";
}

namespace {
AST_MATCHER(CXXRecordDecl, isModuleOrHolder) {
  return isModuleClass(&Node) || heldModuleImpl(&Node);
}
} // namespace

RandomOpCheck::RandomOpCheck(StringRef Name, ClangTidyContext *Context)
    : VmapCheckBase(Name, Context),
      FixDataDir(Options.getLocalOrGlobal("FixDataDir", "")) {}

void RandomOpCheck::storeRuleOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "FixDataDir", FixDataDir);
}

void RandomOpCheck::registerRuleMatchers(MatchFinder *Finder) {
  auto DropoutClass = cxxRecordDecl(hasAnyName(
      "::torch::nn::Dropout", "::torch::nn::Dropout2d",
      "::torch::nn::Dropout3d", "::torch::nn::AlphaDropout",
      "::torch::nn::FeatureAlphaDropout", "::torch::nn::DropoutImpl",
      "::torch::nn::Dropout2dImpl", "::torch::nn::Dropout3dImpl",
      "::torch::nn::AlphaDropoutImpl", "::torch::nn::FeatureAlphaDropoutImpl"));
  Finder->addMatcher(
      stmt(moduleConstructionMatcher(DropoutClass)).bind(DropoutID), this);
  Finder->addMatcher(
      stmt(moduleConstructionMatcher(cxxRecordDecl(isModuleOrHolder())))
          .bind(ModuleID),
      this);
  Finder->addMatcher(
      callExpr(unless(isExpansionInLibraryCode()),
               callee(functionDecl(hasAnyName(
                   "::at::dropout", "::at::dropout_", "::at::alpha_dropout",
                   "::at::alpha_dropout_", "::at::feature_dropout",
                   "::at::feature_dropout_", "::at::feature_alpha_dropout",
                   "::at::feature_alpha_dropout_",
                   "::torch::nn::functional::dropout",
                   "::torch::nn::functional::dropout2d",
                   "::torch::nn::functional::dropout3d",
                   "::torch::nn::functional::alpha_dropout",
                   "::torch::nn::functional::feature_alpha_dropout"))))
          .bind(FunctionalID),
      this);
  auto Samplers = functionDecl(hasAnyName(
      "::at::rand", "::at::randn", "::at::randint", "::at::randperm",
      "::at::bernoulli", "::at::normal", "::at::multinomial", "::at::poisson",
      "::at::binomial", "::at::rand_like", "::at::randn_like",
      "::at::randint_like", "::torch::rand", "::torch::randn",
      "::torch::randint", "::torch::randperm", "::torch::normal",
      "::torch::rand_like", "::torch::randn_like", "::torch::randint_like",
      "::torch::nn::init::uniform_", "::torch::nn::init::normal_",
      "::torch::nn::init::kaiming_uniform_",
      "::torch::nn::init::kaiming_normal_",
      "::torch::nn::init::xavier_uniform_", "::torch::nn::init::xavier_normal_",
      "::torch::nn::init::orthogonal_", "::torch::nn::init::sparse_"));
  auto SamplerMethods = cxxMethodDecl(
      ofClass(cxxRecordDecl(hasAnyName("::at::Tensor", "::at::TensorBase"))),
      hasAnyName("uniform_", "normal_", "bernoulli_", "bernoulli", "random_",
                 "exponential_", "geometric_", "cauchy_", "log_normal_",
                 "multinomial"));
  Finder->addMatcher(
      callExpr(unless(isExpansionInLibraryCode()),
               callee(functionDecl(anyOf(Samplers, SamplerMethods))))
          .bind(SamplerID),
      this);
}

/// The name of the function \p Call calls, as written in messages.
static std::string calleeName(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee ? Callee->getNameAsString() : "";
}

void RandomOpCheck::checkMatch(const MatchFinder::MatchResult &Result) {
  auto Record = [&](Finding F) {
    Findings.add(*Result.SourceManager, F.Site->getBeginLoc(), std::move(F));
  };
  for (llvm::StringRef ID : {DropoutID, ModuleID}) {
    const auto *Site = Result.Nodes.getNodeAs<Expr>(ID);
    if (!Site)
      continue;
    std::optional<ModuleConstruction> Built = getModuleConstruction(Site);
    if (!Built || !Built->Record)
      return;
    // A holder given nullptr or an existing module wraps it.
    if (heldModuleImpl(Built->Record) && !Built->Args.empty()) {
      QualType First = Built->Args.front()->IgnoreImplicit()->getType();
      if (First->isNullPtrType() || moduleImplOf(First))
        return;
    }
    const CXXRecordDecl *Impl = heldModuleImpl(Built->Record)
                                    ? heldModuleImpl(Built->Record)
                                    : Built->Record;
    if (ID == ModuleID) {
      if (!Initialisation)
        Initialisation =
            std::make_unique<RandomInitialisation>(*Result.Context);
      if (!Initialisation->drawsOnConstruction(Impl))
        return;
    }
    // Named as users write it: the holder, not its Impl.
    std::string Name = Impl->getNameAsString();
    llvm::StringRef Written(Name);
    Written.consume_back("Impl");
    // A module's parameters are fresh tensors, initialised in place.
    Record({Site, Written.str(),
            ID == DropoutID ? Draw::DropoutModule : Draw::Construction, nullptr,
            ID == DropoutID && !Built->Args.empty() ? Built->Args.front()
                                                    : nullptr,
            ID == DropoutID ? RandomnessPolicy::FailsOnRandom
                            : RandomnessPolicy::FailsUnlessSame});
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>(FunctionalID)) {
    Finding F{Call, calleeName(Call), Draw::FunctionalDropout};
    if (F.Name.front() != '_' && Call->getDirectCallee() &&
        Call->getDirectCallee()->getQualifiedNameAsString().rfind(
            "torch::nn::functional::", 0) == 0) {
      // F::dropout(x, options): the options' training defaults to true,
      // except for the alpha dropouts' (false).
      if (Call->getNumArgs() < 2)
        return;
      bool TrainsByDefault = !llvm::StringRef(F.Name).contains("alpha");
      F.Options =
          isa<CXXDefaultArgExpr>(Call->getArg(1)) ? nullptr : Call->getArg(1);
      bool Unknown = false;
      if (F.Options)
        F.Flag =
            findOptionSetter(F.Options, "training", *Result.Context, Unknown);
      if (Unknown)
        F.Flag = F.Options;
      if (!F.Flag && !TrainsByDefault)
        return;
    } else {
      if (Call->getNumArgs() < 3)
        return;
      F.Flag = Call->getArg(2);
    }
    Record(std::move(F));
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>(SamplerID))
    Record({Call, calleeName(Call), Draw::Sampler, nullptr, nullptr,
            samplerPolicy(Call, *Result.Context)});
}

RandomnessPolicy RandomOpCheck::samplerPolicy(const CallExpr *Call,
                                              ASTContext &Context) {
  if (!Batched)
    Batched = std::make_unique<BatchedValues>(Context);
  llvm::StringRef Name = Call->getDirectCallee()->getName();
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  const Expr *Self = Member ? Member->getImplicitObjectArgument() : nullptr;
  // The tensors the draw reads its parameters from (bernoulli's p,
  // normal's mean): a method's object unless it samples in place, and
  // every tensor argument but an initialiser's target.
  llvm::SmallVector<const Expr *, 4> Parameters;
  unsigned FirstParameter = 0;
  if (Name.ends_with("_")) {
    // In place: into the method's object, or an initialiser's first
    // argument.
    const Expr *Target = Self;
    if (!Target && Call->getNumArgs() > 0)
      Target = Call->getArg(FirstParameter++);
    if (Target && !Batched->mayBeBatched(Target))
      return RandomnessPolicy::FailsUnlessSame;
  } else if (Self) {
    Parameters.push_back(Self);
  }
  // The `_like` factories read only their argument's shape.
  if (Name.ends_with("_like"))
    return RandomnessPolicy::FailsOnRandom;
  for (unsigned I = FirstParameter; I < Call->getNumArgs(); ++I)
    if (isTensorType(Call->getArg(I)->getType()))
      Parameters.push_back(Call->getArg(I));
  return llvm::any_of(Parameters,
                      [&](const Expr *P) { return Batched->mayBeBatched(P); })
             ? RandomnessPolicy::FailsUnlessDifferent
             : RandomnessPolicy::FailsOnRandom;
}

void RandomOpCheck::reportTranslationUnit() {
  for (const auto &[Loc, Group] : Findings)
    for (const Finding &F : Group)
      report(F);
}

/// Whether \p S is written in a method of a module (`is_training()` is in
/// scope there).
static bool isInModuleMethod(ASTContext &Context, const Stmt *S) {
  const auto *Method =
      dyn_cast_or_null<CXXMethodDecl>(enclosingFunction(Context, S));
  return Method && !Method->isStatic() && isModuleClass(Method->getParent());
}

void RandomOpCheck::report(const Finding &F) {
  ASTContext &Context = astContext();
  FlagValue Flag = FlagValue::True;
  if (F.Kind == Draw::FunctionalDropout && F.Flag)
    Flag = F.Flag == F.Options ? FlagValue::Unknown
                               : classifyFlag(F.Flag, Context);
  if (Flag == FlagValue::False)
    return;
  ModePolicy Modes =
      F.Kind == Draw::DropoutModule || Flag == FlagValue::ModuleTrainingMode
          ? ModePolicy::TrainingOnly
          : ModePolicy::AnyMode;
  VmapQuery Query(Modes, F.Fails);
  std::optional<VmapPath> Path = F.Kind == Draw::DropoutModule
                                     ? pathToConstruction(F.Site, Query)
                                     : pathToStatement(F.Site, Query);
  if (!Path)
    return;
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation At = F.Site->getExprLoc();
  llvm::StringRef Fails = failureUnder(Path->Entry ? Path->Entry->Randomness
                                                   : RandomnessMode::Unknown);
  llvm::SmallVector<FixItHint, 3> Fix;
  switch (F.Kind) {
  case Draw::DropoutModule: {
    if (Path->Entry && !FixedEntries.count(Path->Entry->Site.str())) {
      Fix = evalModeFix(*Path->Entry, EvalModeStyle::Inline,
                        Context.getSourceManager());
      if (!Fix.empty())
        FixedEntries.insert(Path->Entry->Site.str());
    }
    diag(F.Site->getBeginLoc(),
         "'%0' draws random numbers when it runs in training mode, which "
         "fails under %1")
        << F.Name << Fails << F.Site->getSourceRange();
    if (Path->Entry && !Path->Entry->Fix.EvalModule.empty())
      diag(resolveSite(Context.getSourceManager(), Path->Entry->Site),
           "run this vmap call with '%0' in eval mode: dropout draws nothing "
           "in eval mode",
           DiagnosticIDs::Note)
          << llvm::StringRef(Path->Entry->Fix.EvalModule).ltrim('*') << Fix;
    if (!FixDataDir.empty())
      FixData.push_back(dropoutFixData(F));
    break;
  }
  case Draw::FunctionalDropout: {
    // The flag that makes the dropout follow its module, or turns it off.
    std::string Training =
        isInModuleMethod(Context, F.Site) ? "is_training()" : "false";
    if (Flag == FlagValue::True) {
      if (F.Flag && !F.Options && isEditable(SM, F.Flag->getSourceRange()))
        Fix.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(F.Flag->getSourceRange()),
            Training));
      else if (F.Options && !F.Flag &&
               isEditable(SM, F.Options->getSourceRange()))
        Fix.push_back(FixItHint::CreateInsertion(
            endOfToken(Context, F.Options->getEndLoc()),
            ".training(" + Training + ")"));
    }
    const char *Why = Flag == FlagValue::ModuleTrainingMode
                          ? "training follows the module's mode"
                      : Flag == FlagValue::Unknown
                          ? "the training flag is not known at compile time"
                      : F.Flag ? "the training flag is true"
                               : "its options' training defaults to true";
    diag(At, "'%0' draws random numbers (%1), which fails under %2")
        << F.Name << Why << Fails << F.Site->getSourceRange() << Fix;
    if (Fix.empty() && Flag != FlagValue::ModuleTrainingMode)
      diag(At, "pass training %0 so that it draws only when its module trains",
           DiagnosticIDs::Note)
          << Training;
    break;
  }
  case Draw::Sampler:
    diag(At, "'%0' draws random numbers, which fails under %1")
        << F.Name << Fails << F.Site->getSourceRange();
    break;
  case Draw::Construction:
    diag(F.Site->getBeginLoc(),
         "constructing '%0' inside vmapped code draws its initial parameters "
         "at random, which fails under %1; construct it outside the vmapped "
         "function")
        << F.Name << Fails << F.Site->getSourceRange();
    break;
  }
  explainRandomness(*Path, F.Fails);
  reportPath(*Path);
}

void RandomOpCheck::explainRandomness(const VmapPath &Path,
                                      RandomnessPolicy Fails) {
  if (!Path.Entry)
    return;
  SourceLocation Entry =
      resolveSite(astContext().getSourceManager(), Path.Entry->Site);
  if (Entry.isInvalid())
    return;
  if (Path.Entry->Randomness == RandomnessMode::Unknown)
    diag(Entry,
         "the randomness mode of this vmap call is not known here; assuming "
         "'error', vmap's default",
         DiagnosticIDs::Note);
  // Which modes would work, and where the mode is chosen: that depends on
  // which vmap this is.
  llvm::StringRef Choice, Mode = "Different";
  switch (Fails) {
  case RandomnessPolicy::FailsUnlessSame:
    Choice = "'same' draws once for all batch members ('different' cannot "
             "sample in place into a tensor that is not batched)";
    Mode = "Same";
    break;
  case RandomnessPolicy::FailsUnlessDifferent:
    Choice = "'different' draws independently per batch member ('same' "
             "cannot draw from batched parameters)";
    break;
  case RandomnessPolicy::Any:
  case RandomnessPolicy::FailsOnRandom:
    Choice = "'different' draws independently per batch member, 'same' once "
             "for all";
    break;
  }
  std::string Where;
  if (Path.Entry->VmapFunction == "vmap_tidy::vmap")
    Where =
        ("vmap_tidy::vmap's fourth argument, vmap_tidy::Randomness::" + Mode)
            .str();
  else if (Path.Entry->RegionEnd.valid())
    Where =
        ("initAndPushDynamicLayer's third argument, RandomnessType::" + Mode)
            .str();
  else
    Where = "the RandomnessType that '" + Path.Entry->VmapFunction +
            "' passes to initAndPushDynamicLayer";
  diag(Entry, "or choose the randomness mode at this vmap call: %0 (%1)",
       DiagnosticIDs::Note)
      << Choice << Where;
}

/// The argument of the dropout options' constructor that \p E is built
/// from, following setters and a local options variable; null when it
/// takes LibTorch's default p (0.5). Sets \p Unknown where it cannot
/// follow.
static const Expr *dropoutConstructorP(const Expr *E, bool &Unknown) {
  for (unsigned Depth = 0; E && Depth < 32; ++Depth) {
    E = E->IgnoreParenImpCasts()->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      E = Call->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0 ||
          isa<CXXDefaultArgExpr>(Construct->getArg(0)))
        return nullptr;
      const Expr *First = Construct->getArg(0);
      if (First->getType()->isArithmeticType())
        return First;
      // A copy of other options.
      E = First;
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Var->isLocalVarDecl() && Var->getInit()) {
        E = Var->getInit();
        continue;
      }
    }
    break;
  }
  Unknown = true;
  return nullptr;
}

llvm::json::Object RandomOpCheck::dropoutFixData(const Finding &F) {
  ASTContext &Context = astContext();
  llvm::json::Value P = 0.5, Inplace = false;
  if (const Expr *Arg = F.Options) {
    if (Arg->IgnoreImplicit()->getType()->isArithmeticType()) {
      // Dropout(0.2): p, converted to the options.
      P = fixDataConstant(Arg, Context);
    } else {
      bool Unknown = false;
      const Expr *Setter = findOptionSetter(Arg, "p", Context, Unknown);
      if (!Unknown && !Setter)
        Setter = dropoutConstructorP(Arg, Unknown);
      if (Unknown)
        P = nullptr;
      else if (Setter)
        P = fixDataConstant(Setter, Context);
      Setter = findOptionSetter(Arg, "inplace", Context, Unknown);
      if (Unknown)
        Inplace = nullptr;
      else if (Setter)
        Inplace = fixDataConstant(Setter, Context);
    }
  }
  const SourceManager &SM = Context.getSourceManager();
  return llvm::json::Object{
      {"module", F.Name},
      {"p", std::move(P)},
      {"inplace", std::move(Inplace)},
      {"location", graphSite(SM, F.Site->getBeginLoc()).str()},
      // The fix the rule attaches to dropout modules.
      {"fix_kind", "eval-mode"}};
}

void RandomOpCheck::clearTranslationUnit() {
  if (!FixDataDir.empty())
    if (llvm::Error E =
            writeFixDataFile(FixDataDir, astContext().getSourceManager(),
                             Info.Name, std::move(FixData)))
      configurationDiag("cannot write fix data: %0")
          << llvm::toString(std::move(E));
  FixData.clear();
  Findings.clear();
  FixedEntries.clear();
  Initialisation.reset();
  Batched.reset();
}

} // namespace clang::tidy::vmap
