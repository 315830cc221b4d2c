//===--- NormRunningStatsCheckBase.cpp - Shared norm running-stats check --===//

#include "checker/NormRunningStatsCheckBase.h"
#include "checker/CodeOwnership.h"
#include "checker/EvalModeFix.h"
#include "checker/FixDataWriter.h"
#include "checker/FixVerification.h"
#include "checker/GroupNormFix.h"
#include "checker/NormConfiguration.h"
#include "checker/NormConstructionMatchers.h"
#include "checker/OptionsFromCallers.h"
#include "checker/ProjectSummary.h"
#include "checker/RunningStatsFix.h"
#include "checker/SourceEdits.h"
#include "checker/StorageRef.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy {

llvm::ArrayRef<std::pair<vmap::FixKind, StringRef>>
OptionEnumMapping<vmap::FixKind>::getEnumMapping() {
  static constexpr std::pair<vmap::FixKind, StringRef> Mapping[] = {
      {vmap::FixKind::RunningStats, "running-stats"},
      {vmap::FixKind::GroupNorm, "group-norm"},
      {vmap::FixKind::EvalMode, "eval-mode"}};
  return Mapping;
}

llvm::ArrayRef<std::pair<vmap::EvalModeStyle, StringRef>>
OptionEnumMapping<vmap::EvalModeStyle>::getEnumMapping() {
  static constexpr std::pair<vmap::EvalModeStyle, StringRef> Mapping[] = {
      {vmap::EvalModeStyle::Inline, "inline"},
      {vmap::EvalModeStyle::Raii, "raii"}};
  return Mapping;
}

namespace vmap {

using namespace ast_matchers;

/// The fixes every norm diagnostic names, in one place so the messages of
/// both rules stay identical.
static constexpr llvm::StringLiteral FixAdvice =
    "construct it with track_running_stats(false), use GroupNorm, or call "
    "it in eval() mode";

NormRunningStatsCheckBase::NormRunningStatsCheckBase(StringRef Name,
                                                     ClangTidyContext *Context,
                                                     NormFamily Family)
    : VmapCheckBase(Name, Context), RuleName(Name), Family(Family),
      FlagUnknownValue(Options.get("FlagUnknownValue", true)),
      Kind(Options.getLocalOrGlobal("FixKind", FixKind::RunningStats)),
      MaxGroups(Options.getLocalOrGlobal("MaxGroups", 32)),
      EvalStyle(
          Options.getLocalOrGlobal("EvalModeStyle", EvalModeStyle::Inline)),
      FixDataDir(Options.getLocalOrGlobal("FixDataDir", "")) {}

NormRunningStatsCheckBase::~NormRunningStatsCheckBase() = default;

void NormRunningStatsCheckBase::storeRuleOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "FlagUnknownValue", FlagUnknownValue);
  Options.store(Opts, "FixKind", Kind);
  Options.store(Opts, "MaxGroups", MaxGroups);
  Options.store(Opts, "EvalModeStyle", EvalStyle);
  Options.store(Opts, "FixDataDir", FixDataDir);
}

void NormRunningStatsCheckBase::registerRuleMatchers(MatchFinder *Finder) {
  Finder->addMatcher(normConstructionMatcher(), this);
  Finder->addMatcher(lateSettingMatcher(), this);
}

void NormRunningStatsCheckBase::checkMatch(
    const MatchFinder::MatchResult &Result) {
  if (!Evaluator)
    Evaluator = std::make_unique<RunningStatsEvaluator>(*Result.Context);
  if (Result.Nodes.getNodeAs<Expr>(NormConstructionID))
    recordConstruction(Result);
  else
    recordLateSetting(Result);
}

bool NormRunningStatsCheckBase::shouldReport(
    const RunningStatsVerdict &Verdict) const {
  return Verdict.keepsRunningStats() ||
         (Verdict.Kind == RunningStatsVerdict::Unknown && FlagUnknownValue);
}

/// The template instantiation that \p S was instantiated in, printed as
/// written in diagnostics ("Block<true>"); empty outside instantiations.
static std::string instantiationOf(ASTContext &Context, const Stmt *S) {
  DynTypedNode Node = DynTypedNode::create(*S);
  const Decl *Owner = nullptr;
  while (!Owner) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return "";
    Node = Parents[0];
    Owner = Node.get<Decl>();
  }
  PrintingPolicy Policy = Context.getPrintingPolicy();
  for (const DeclContext *DC = isa<DeclContext>(Owner)
                                   ? cast<DeclContext>(Owner)
                                   : Owner->getDeclContext();
       DC; DC = DC->getParent()) {
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    if (const auto *Function = dyn_cast<FunctionDecl>(DC);
        Function && Function->getTemplateSpecializationArgs()) {
      Function->getNameForDiagnostic(OS, Policy, /*Qualified=*/true);
      return Name;
    }
    if (const auto *Class = dyn_cast<ClassTemplateSpecializationDecl>(DC)) {
      Class->getNameForDiagnostic(OS, Policy, /*Qualified=*/true);
      return Name;
    }
  }
  return "";
}

void NormRunningStatsCheckBase::recordConstruction(
    const MatchFinder::MatchResult &Result) {
  const auto *Matched = Result.Nodes.getNodeAs<Expr>(NormConstructionID);
  std::optional<NormConstruction> Construction = getNormConstruction(Matched);
  if (!Construction || Construction->Kind.Family != Family)
    return;
  SourceLocation Loc =
      Result.SourceManager->getFileLoc(Construction->Site->getBeginLoc());
  Findings[Loc.getRawEncoding()].push_back(
      {Construction->Site, Construction->Args, Construction->Kind,
       Evaluator->evaluateConstruction(Construction->Args, Construction->Kind),
       instantiationOf(*Result.Context, Construction->Site)});
}

void NormRunningStatsCheckBase::reportTranslationUnit() {
  // Nothing to report in this file: the graph would be built for nothing.
  if (Findings.empty() && LateSettings.empty())
    return;
  const SourceManager &SM = astContext().getSourceManager();
  // The graph also says which construction each module comes from, which
  // the late-setting fix needs in either scope.
  const VmapGraph &Graph = analysis().graph(analysisOptions());
  for (auto &Entry : Findings) {
    std::vector<Finding> &Group = Entry.second;
    // The uninstantiated template pattern cannot decide a dependent flag;
    // its instantiations do.
    llvm::erase_if(Group, [](const Finding &F) {
      return F.Verdict.Kind == RunningStatsVerdict::TemplateDependent;
    });
    if (Group.empty())
      continue;
    std::optional<VmapPath> Path =
        pathToConstruction(Group.front().Site, ModePolicy::TrainingOnly);
    if (!Path)
      continue;
    llvm::erase_if(Group,
                   [&](const Finding &F) { return reportAtCallers(F, *Path); });
    if (Group.empty())
      continue;
    // When instantiations disagree, the flag depends on a template argument:
    // report each offending instantiation by name. Otherwise report once.
    bool DependsOnTemplateArgument = llvm::any_of(Group, [&](const Finding &F) {
      return F.Verdict.Kind != Group.front().Verdict.Kind ||
             !(F.Kind == Group.front().Kind);
    });
    for (const Finding &F : Group) {
      if (shouldReport(F.Verdict) &&
          reportConstruction(F, Group, DependsOnTemplateArgument, *Path))
        // Its module's running statistics are now turned off where it is
        // built, so a late setting on it can go.
        if (auto It = Graph.Constructions.find(constructionKey(SM, F.Site));
            It != Graph.Constructions.end())
          FixedStorage.insert(It->second.Storage.begin(),
                              It->second.Storage.end());
      if (!DependsOnTemplateArgument)
        break;
    }
  }
  for (const LateSettingFinding &L : LateSettings)
    if (L.ModuleStorage.empty() ||
        pathToStorage(L.ModuleStorage, ModePolicy::TrainingOnly))
      diag(L.Site->getBeginLoc(),
           "setting track_running_stats on '%0' after construction has no "
           "effect: the constructor alone decides whether running_mean and "
           "running_var exist, so if it kept them vmap still fails; pass "
           "track_running_stats(false) in the options the module is "
           "constructed with")
          << L.ModuleName << L.Site->getSourceRange()
          << (FixedStorage.count(L.ModuleStorage) ? removeStatement(L.Site)
                                                  : FixItHint());
}

bool NormRunningStatsCheckBase::reportAtCallers(const Finding &F,
                                                const VmapPath &Path) {
  ASTContext &Context = astContext();
  if (!Calls)
    Calls = std::make_unique<CallSiteIndex>(Context);
  std::optional<llvm::SmallVector<CallerDecision, 2>> Decisions =
      decideAtCallers({F.Site, F.Args, F.Kind}, F.Verdict, *Calls, Context);
  if (!Decisions)
    return false;
  // The path is the construction's: calls of one helper instantiation share
  // its return value, so the graph does not tell their modules apart.
  for (CallerDecision &D : *Decisions) {
    if (!shouldReport(D.Verdict) ||
        !ReportedCalls
             .emplace(D.Call->getBeginLoc().getRawEncoding(),
                      F.Site->getBeginLoc().getRawEncoding())
             .second)
      continue;
    Finding AtCall{D.Call, {}, F.Kind, std::move(D.Verdict), ""};
    if (D.Options)
      AtCall.Args.push_back(D.Options);
    AtCall.BuiltIn = F.Site;
    const FunctionDecl *Helper = enclosingFunction(Context, F.Site);
    AtCall.Builder = Helper->getQualifiedNameAsString();
    AtCall.BuilderNamesType = Helper->getTemplateSpecializationArgs();
    AtCall.FixRefusal = std::move(D.OptionsRefusal);
    reportConstruction(AtCall, AtCall, /*NameInstantiation=*/false, Path);
  }
  return true;
}

FixItHint NormRunningStatsCheckBase::removeStatement(const Expr *Site) {
  // Only a statement of its own, on lines of its own, is removed.
  ASTContext &Context = astContext();
  DynTypedNodeList Parents = Context.getParents(*Site);
  if (!Parents.empty() && Parents[0].get<ExprWithCleanups>())
    Parents = Context.getParents(Parents[0]);
  if (Parents.empty() || !Parents[0].get<CompoundStmt>())
    return {};
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation Semi = Lexer::findLocationAfterToken(
      Site->getEndLoc(), tok::semi, SM, Context.getLangOpts(),
      /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (Semi.isInvalid() ||
      !isEditable(SM, SourceRange(Site->getBeginLoc(), Semi)))
    return {};
  // Token ranges ending at the `;`: clang-tidy measures a removal's end as
  // a token.
  SourceLocation SemiToken = Semi.getLocWithOffset(-1);
  auto [File, Begin] = SM.getDecomposedLoc(Site->getBeginLoc());
  unsigned End = SM.getFileOffset(Semi);
  llvm::StringRef Text = SM.getBufferData(File);
  size_t LineStart = Text.rfind('\n', Begin) + 1;
  size_t LineEnd = Text.find('\n', End);
  if (LineStart == 0 || !Text.slice(LineStart, Begin).trim().empty() ||
      !Text.slice(End, LineEnd).trim().empty())
    return FixItHint::CreateRemoval(
        CharSourceRange::getTokenRange(Site->getBeginLoc(), SemiToken));
  // The statement's line goes: from the end of the line before it.
  SourceLocation PreviousLineEnd =
      SM.getLocForStartOfFile(File).getLocWithOffset(LineStart - 1);
  return FixItHint::CreateRemoval(
      CharSourceRange::getTokenRange(PreviousLineEnd, SemiToken));
}

void NormRunningStatsCheckBase::writeFixData() {
  if (FixDataDir.empty())
    return;
  if (llvm::Error E =
          writeFixDataFile(FixDataDir, astContext().getSourceManager(),
                           RuleName, std::move(FixData)))
    configurationDiag("cannot write fix data: %0")
        << llvm::toString(std::move(E));
}

void NormRunningStatsCheckBase::clearTranslationUnit() {
  writeFixData();
  FixData.clear();
  ApiUses.reset();
  Findings.clear();
  Calls.reset();
  ReportedCalls.clear();
  FixedLocations.clear();
  LateSettings.clear();
  FixedStorage.clear();
  Evaluator.reset();
}

bool NormRunningStatsCheckBase::claimFix(
    llvm::SmallVectorImpl<FixItHint> &Fix) {
  if (!Fix.empty() &&
      !FixedLocations
           .insert(Fix.front().RemoveRange.getBegin().getRawEncoding())
           .second)
    Fix.clear();
  return !Fix.empty();
}

/// The template type parameter the constructed module's type is written
/// as (`Norm(4)` in a template over `Norm`); empty when it is written as a
/// type.
static std::string moduleTypeParameter(const Expr *Site, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Site);
  for (int Depth = 0; Depth < 4; ++Depth) {
    const auto *E = Node.get<Expr>();
    if (!E)
      break;
    QualType Written = E->getType();
    if (const auto *Temporary = dyn_cast<CXXTemporaryObjectExpr>(E))
      Written = Temporary->getTypeSourceInfo()->getType();
    else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
      Written = Cast->getTypeAsWritten();
    if (const auto *Subst = Written->getAs<SubstTemplateTypeParmType>())
      return Subst->getReplacedParameter()->getNameAsString();
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
  }
  return "";
}

bool NormRunningStatsCheckBase::reportConstruction(
    const Finding &F, llvm::ArrayRef<Finding> Instantiations,
    bool NameInstantiation, const VmapPath &Path) {
  std::string Where;
  if (NameInstantiation && !F.Instantiation.empty())
    Where = " in instantiation '" + F.Instantiation + "'";
  if (F.BuiltIn)
    Where = " (built by '" + F.Builder + "')";
  // Where a helper builds the module, the call only decides its options.
  auto ExplainBuilder = [&] {
    if (F.BuiltIn)
      diag(F.BuiltIn->getBeginLoc(),
           "'%0' constructs it here from the arguments of this call",
           DiagnosticIDs::Note)
          << (F.BuilderNamesType ? instantiationOf(astContext(), F.BuiltIn)
                                 : F.Builder)
          << F.BuiltIn->getSourceRange();
  };
  const RunningStatsVerdict &V = F.Verdict;
  // The path comes last, after the notes about the construction itself.
  auto ExplainPath = llvm::make_scope_exit([&] { reportPath(Path); });
  if (V.Kind == RunningStatsVerdict::Unknown) {
    diag(F.Site->getBeginLoc(),
         "'%0' may keep running statistics%1: track_running_stats is not "
         "known at compile time (%2); if it is true, its in-place "
         "running_mean/running_var update fails under vmap in training mode; "
         "%3")
        << F.Kind.name() << Where << V.Reason << FixAdvice
        << F.Site->getSourceRange();
    ExplainBuilder();
    return false;
  }
  ASTContext &Context = astContext();
  SourceManager &SM = Context.getSourceManager();
  // All three fixes; FixKind picks the one on the warning.
  llvm::SmallVector<FixItHint, 3> RunningStats =
      disableRunningStatsFix(F.Kind, F.Args, V, Context);
  NormConfiguration Config = readNormConfiguration(F.Args, Context);
  if (!ApiUses)
    ApiUses = std::make_unique<NormOnlyApiUses>(Context);
  GroupNormFix GroupNorm = buildGroupNormFix({F.Site, F.Args, F.Kind}, Config,
                                             MaxGroups, *ApiUses, Context);
  if (!F.FixRefusal.empty())
    RunningStats.clear();
  if (F.BuiltIn) {
    GroupNorm.Hints.clear();
    GroupNorm.Refusal =
        "'" + F.Builder +
        (F.BuilderNamesType
             ? "' builds the module from the type this call names; replace "
               "that type by hand"
             : "' builds this module for every call of it; replace it there "
               "by hand");
  }
  std::string TemplateTypeRefusal;
  // A template's pattern is edited for all its instantiations: GroupNorm
  // needs one group count that suits each, and a module type that is a
  // template parameter cannot be rewritten for the other arguments.
  for (const Finding &Other : Instantiations) {
    if (!GroupNorm.Refusal.empty() || &Other == &F)
      continue;
    GroupNormFix OtherFix =
        buildGroupNormFix({Other.Site, Other.Args, Other.Kind},
                          readNormConfiguration(Other.Args, Context), MaxGroups,
                          *ApiUses, Context);
    if (OtherFix.Groups != GroupNorm.Groups) {
      GroupNorm.Hints.clear();
      GroupNorm.Refusal =
          "its channel count depends on the template argument, and no one "
          "group count suits every instantiation ('" +
          F.Instantiation + "' needs " + GroupNorm.Replacement + ", '" +
          Other.Instantiation + "' " + OtherFix.Replacement + ")";
    }
  }
  if (std::string Parameter = moduleTypeParameter(F.Site, Context);
      !Parameter.empty()) {
    RunningStats.clear();
    GroupNorm.Hints.clear();
    GroupNorm.Refusal = "the module type is the template parameter '" +
                        Parameter +
                        "', which other instantiations may set "
                        "to another module";
    TemplateTypeRefusal = GroupNorm.Refusal;
  }
  llvm::SmallVector<FixItHint, 3> EvalMode;
  if (Path.Entry)
    EvalMode = evalModeFix(*Path.Entry, EvalStyle, SM);
  llvm::SmallVector<FixItHint, 3> &Chosen =
      Kind == FixKind::RunningStats ? RunningStats
      : Kind == FixKind::GroupNorm  ? GroupNorm.Hints
                                    : EvalMode;
  llvm::SmallVector<FixItHint, 3> Attached = Chosen;
  claimFix(Attached);

  diag(F.Site->getBeginLoc(),
       "'%0' keeps running statistics%1%2, so its in-place "
       "running_mean/running_var update fails under vmap in training mode; "
       "%3")
      << F.Kind.name()
      << (V.Kind == RunningStatsVerdict::MaybeEnabled ? " on some paths" : "")
      << Where << FixAdvice << F.Site->getSourceRange() << Attached;
  ExplainBuilder();
  // Say why an edit is withheld, so --fix users know what is left to do.
  if (Chosen.empty()) {
    if (Kind == FixKind::GroupNorm && !GroupNorm.Refusal.empty())
      diag(F.Site->getBeginLoc(), "no automatic fix: %0", DiagnosticIDs::Note)
          << GroupNorm.Refusal;
    else if (Kind == FixKind::EvalMode)
      diag(F.Site->getBeginLoc(),
           "no automatic fix: no vmap call with a known model reaches this "
           "module",
           DiagnosticIDs::Note);
    else if (!TemplateTypeRefusal.empty() && Kind == FixKind::RunningStats)
      diag(F.Site->getBeginLoc(), "no automatic fix: %0", DiagnosticIDs::Note)
          << TemplateTypeRefusal;
    else if (!F.FixRefusal.empty() && Kind == FixKind::RunningStats)
      diag(F.Site->getBeginLoc(), "no automatic fix: %0", DiagnosticIDs::Note)
          << F.FixRefusal;
    else if (std::optional<std::string> Why =
                 editRefusal(SM, F.Site->getSourceRange()))
      diag(F.Site->getBeginLoc(), "no automatic fix: the construction %0",
           DiagnosticIDs::Note)
          << *Why;
    else if (V.Origin && isa<SubstNonTypeTemplateParmExpr>(V.Origin))
      diag(V.Origin->getBeginLoc(),
           "no automatic fix: track_running_stats comes from a template "
           "parameter",
           DiagnosticIDs::Note);
  }
  // Point at what turned them on when that is not the construction itself.
  SourceRange SiteRange = F.Site->getSourceRange();
  if (V.Origin && !(V.FromDefault &&
                    SM.isPointWithin(V.Origin->getBeginLoc(),
                                     SiteRange.getBegin(), SiteRange.getEnd())))
    diag(V.Origin->getBeginLoc(),
         V.FromDefault ? "options created here leave track_running_stats at "
                         "its default (true)"
                       : "track_running_stats is set to true here",
         DiagnosticIDs::Note)
        << V.Origin->getSourceRange();

  // The other fixes, as notes an editor offers as quick fixes. Only next to
  // a warning that has its own edit: tools that apply the first fix of a
  // diagnostic, notes included (clang-apply-replacements), must agree with
  // --fix, which ignores notes.
  if (Attached.empty()) {
    RunningStats.clear();
    GroupNorm.Hints.clear();
    EvalMode.clear();
  }
  if (Kind != FixKind::RunningStats && !RunningStats.empty() &&
      claimFix(RunningStats))
    diag(F.Site->getBeginLoc(),
         "alternatively, construct it with track_running_stats(false)",
         DiagnosticIDs::Note)
        << RunningStats;
  if (Kind != FixKind::GroupNorm) {
    if (GroupNorm.Refusal.empty()) {
      claimFix(GroupNorm.Hints);
      diag(F.Site->getBeginLoc(),
           "alternatively, replace it with %0 (eps and affine kept)",
           DiagnosticIDs::Note)
          << GroupNorm.Replacement << GroupNorm.Hints;
    } else
      diag(F.Site->getBeginLoc(), "GroupNorm is not offered: %0",
           DiagnosticIDs::Note)
          << GroupNorm.Refusal;
  }
  // One vmap call may reach several modules: each diagnostic names the
  // alternative, the first carries the edit.
  bool CanUseEvalMode = Path.Entry && !Path.Entry->Fix.EvalModule.empty();
  claimFix(EvalMode);
  if (Kind != FixKind::EvalMode && CanUseEvalMode)
    diag(resolveSite(SM, Path.Entry->Site),
         "alternatively, run this vmap call with '%0' in eval mode; eval mode "
         "normalises with the stored running statistics instead of the "
         "batch's, so results differ from training mode",
         DiagnosticIDs::Note)
        << llvm::StringRef(Path.Entry->Fix.EvalModule).ltrim('*') << EvalMode;

  // What the verifier needs to replay this module and its fixes.
  llvm::json::Object Data{
      {"module", F.Kind.name()},
      {"dims", static_cast<int64_t>(F.Kind.Dims)},
      {"location", graphSite(SM, F.Site->getBeginLoc()).str()},
      {"fix_kind", Kind == FixKind::RunningStats ? "running-stats"
                   : Kind == FixKind::GroupNorm  ? "group-norm"
                                                 : "eval-mode"}};
  if (Config.Channels)
    Data["channels"] = *Config.Channels;
  else
    Data["channels"] = nullptr;
  Data["eps"] = fixDataConstant(Config.Eps, Context);
  Data["momentum"] = fixDataConstant(Config.Momentum, Context);
  Data["affine"] = fixDataConstant(Config.Affine, Context);
  if (GroupNorm.Groups)
    Data["groups"] = *GroupNorm.Groups;
  else
    Data["groups"] = nullptr;
  // vmap-tidy --verify: replay this configuration with LibTorch.
  if (!fixVerifier().empty())
    if (std::optional<std::string> Verdict = verifyConfiguration(Data))
      diag(F.Site->getBeginLoc(), "%0", DiagnosticIDs::Note) << *Verdict;
  FixData.push_back(std::move(Data));
  return Kind == FixKind::RunningStats && !Chosen.empty();
}

void NormRunningStatsCheckBase::recordLateSetting(
    const MatchFinder::MatchResult &Result) {
  const auto *Matched = Result.Nodes.getNodeAs<Stmt>(LateSettingID);
  std::optional<LateSetting> Setting = getLateSetting(Matched);
  if (!Setting || Setting->Kind.Family != Family)
    return;
  RunningStatsVerdict Value =
      Setting->Value ? Evaluator->evaluateFlag(Setting->Value)
                     : Evaluator->evaluateConstruction({Setting->NewOptions},
                                                       Setting->Kind);
  // Turning the statistics on late is pointless, but it is not the vmap
  // trap; only an attempt to turn them off is.
  if (Value.Kind == RunningStatsVerdict::Enabled ||
      Value.Kind == RunningStatsVerdict::TemplateDependent)
    return;
  StorageRef Module = storageReferencedBy(Setting->Module);
  LateSettings.push_back({Setting->Site, Setting->Kind.name(),
                          Module.Decl ? graphKey(Module.Decl) : ""});
}

} // namespace vmap
} // namespace clang::tidy
