//===--- NormRunningStatsCheckBase.cpp - Shared norm running-stats check --===//

#include "checker/NormRunningStatsCheckBase.h"
#include "checker/NormConstructionMatchers.h"
#include "checker/ProjectSummary.h"
#include "checker/RunningStatsFix.h"
#include "checker/StorageRef.h"
#include "checker/SystemHeaderPruning.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy {

llvm::ArrayRef<std::pair<vmap::AnalysisScope, StringRef>>
OptionEnumMapping<vmap::AnalysisScope>::getEnumMapping() {
  static constexpr std::pair<vmap::AnalysisScope, StringRef> Mapping[] = {
      {vmap::AnalysisScope::Vmapped, "vmapped"},
      {vmap::AnalysisScope::All, "all"}};
  return Mapping;
}

namespace vmap {

using namespace ast_matchers;

/// The fixes every norm diagnostic names, in one place so the messages of
/// both rules stay identical.
static constexpr llvm::StringLiteral FixAdvice =
    "construct it with track_running_stats(false), use GroupNorm, or call "
    "it in eval() mode";

/// Splits a semicolon-separated option value, dropping blanks.
static std::vector<std::string> splitNames(StringRef List) {
  llvm::SmallVector<StringRef, 4> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Names;
  for (StringRef Part : Parts)
    if (!Part.trim().empty())
      Names.push_back(Part.trim().str());
  return Names;
}

static std::string joinNames(const std::vector<std::string> &Names) {
  std::string Joined;
  for (const std::string &Name : Names)
    Joined += (Joined.empty() ? "" : ";") + Name;
  return Joined;
}

NormRunningStatsCheckBase::NormRunningStatsCheckBase(StringRef Name,
                                                     ClangTidyContext *Context,
                                                     NormFamily Family)
    : ClangTidyCheck(Name, Context), TidyContext(*Context), Family(Family),
      Scope(Options.getLocalOrGlobal("Scope", AnalysisScope::Vmapped)),
      FlagUnknownValue(Options.get("FlagUnknownValue", true)),
      GraphOptions{
          splitNames(Options.getLocalOrGlobal("VmapFunctions", "")),
          splitNames(Options.getLocalOrGlobal("VmappedFunctions", ""))},
      Reach{Options.getLocalOrGlobal("AssumeTraining", true)} {}

NormRunningStatsCheckBase::~NormRunningStatsCheckBase() = default;

void NormRunningStatsCheckBase::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Scope", Scope);
  Options.store(Opts, "FlagUnknownValue", FlagUnknownValue);
  Options.store(Opts, "VmapFunctions", joinNames(GraphOptions.VmapFunctions));
  Options.store(Opts, "VmappedFunctions",
                joinNames(GraphOptions.VmappedFunctions));
  Options.store(Opts, "AssumeTraining", Reach.AssumeTraining);
}

void NormRunningStatsCheckBase::registerMatchers(MatchFinder *Finder) {
  registerSystemHeaderPruning(Finder, this);
  Finder->addMatcher(normConstructionMatcher(), this);
  Finder->addMatcher(lateSettingMatcher(), this);
}

void NormRunningStatsCheckBase::check(const MatchFinder::MatchResult &Result) {
  if (Result.Context != CurrentContext) {
    CurrentContext = Result.Context;
    Evaluator = std::make_unique<RunningStatsEvaluator>(*Result.Context);
  }
  if (handleSystemHeaderPruning(Result, TidyContext))
    return;
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

void NormRunningStatsCheckBase::onEndOfTranslationUnit() {
  if (!CurrentContext)
    return;
  const SourceManager &SM = CurrentContext->getSourceManager();
  // Outside Scope=all, a finding needs a path from a vmap entry.
  std::optional<VmapGraph> Graph;
  std::optional<VmapReachability> Reachable;
  if (!summaryOutput().empty()) {
    writeSummary();
    return;
  }
  if (Scope == AnalysisScope::Vmapped) {
    Graph = buildVmapGraph(*CurrentContext, GraphOptions);
    // The rest of the program, when a project run has summarised it.
    if (const VmapGraph *Project = findProjectSummary(
            TidyContext.getCurrentBuildDirectory(), TidyContext.getCurrentFile()))
      Graph->merge(*Project);
    Reachable.emplace(*Graph, Reach);
  }
  auto PathTo = [&](const Expr *Site) -> std::optional<std::vector<PathStep>> {
    if (!Reachable)
      return std::vector<PathStep>();
    return Reachable->pathToConstruction(constructionKey(SM, Site));
  };
  for (auto &Entry : Findings) {
    std::vector<Finding> &Group = Entry.second;
    // The uninstantiated template pattern cannot decide a dependent flag;
    // its instantiations do.
    llvm::erase_if(Group, [](const Finding &F) {
      return F.Verdict.Kind == RunningStatsVerdict::TemplateDependent;
    });
    if (Group.empty())
      continue;
    std::optional<std::vector<PathStep>> Path = PathTo(Group.front().Site);
    if (!Path)
      continue;
    // When instantiations disagree, the flag depends on a template argument:
    // report each offending instantiation by name. Otherwise report once.
    bool DependsOnTemplateArgument = llvm::any_of(Group, [&](const Finding &F) {
      return F.Verdict.Kind != Group.front().Verdict.Kind ||
             !(F.Kind == Group.front().Kind);
    });
    for (const Finding &F : Group) {
      if (shouldReport(F.Verdict))
        reportConstruction(F, DependsOnTemplateArgument, *Path);
      if (!DependsOnTemplateArgument)
        break;
    }
  }
  for (const LateSettingFinding &L : LateSettings)
    if (!Reachable || L.ModuleStorage.empty() ||
        Reachable->pathToStorage(L.ModuleStorage))
      diag(L.Site->getBeginLoc(),
           "setting track_running_stats on '%0' after construction has no "
           "effect: the constructor alone decides whether running_mean and "
           "running_var exist, so if it kept them vmap still fails; pass "
           "track_running_stats(false) in the options the module is "
           "constructed with")
          << L.ModuleName << L.Site->getSourceRange();
  clearTranslationUnit();
}

void NormRunningStatsCheckBase::clearTranslationUnit() {
  Findings.clear();
  FixedLocations.clear();
  LateSettings.clear();
  Evaluator.reset();
  CurrentContext = nullptr;
}

void NormRunningStatsCheckBase::writeSummary() {
  // Both norm rules see the same translation unit; one summary is enough.
  static std::string Written;
  if (Written != summaryOutput()) {
    Written = summaryOutput();
    VmapGraph Graph = buildVmapGraph(*CurrentContext, GraphOptions);
    std::string Error = writeUnitSummary(
        summaryOutput(), Graph, userFiles(CurrentContext->getSourceManager()));
    if (!Error.empty())
      llvm::errs() << "vmap-tidy: error: " << Error << "\n";
  }
  clearTranslationUnit();
}

/// The location of \p Site in this translation unit, loading its file when
/// the path was found in another one.
static SourceLocation resolveSite(SourceManager &SM, const GraphSite &Site) {
  auto File = SM.getFileManager().getOptionalFileRef(Site.File);
  if (!File)
    return {};
  FileID ID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(ID, Site.Line, Site.Column);
}

void NormRunningStatsCheckBase::reportPath(const std::vector<PathStep> &Path) {
  SourceManager &SM = CurrentContext->getSourceManager();
  for (const PathStep &Step : Path) {
    SourceLocation Loc = resolveSite(SM, Step.Site);
    if (Loc.isValid())
      diag(Loc, "%0", DiagnosticIDs::Note) << Step.Message;
  }
}

void NormRunningStatsCheckBase::reportConstruction(
    const Finding &F, bool NameInstantiation,
    const std::vector<PathStep> &Path) {
  std::string Where;
  if (NameInstantiation && !F.Instantiation.empty())
    Where = " in instantiation '" + F.Instantiation + "'";
  const RunningStatsVerdict &V = F.Verdict;
  if (V.Kind == RunningStatsVerdict::Unknown) {
    diag(F.Site->getBeginLoc(),
         "'%0' may keep running statistics%1: track_running_stats is not "
         "known at compile time (%2); if it is true, its in-place "
         "running_mean/running_var update fails under vmap in training mode; "
         "%3")
        << F.Kind.name() << Where << V.Reason << FixAdvice
        << F.Site->getSourceRange();
    reportPath(Path);
    return;
  }
  // The path comes last, after the notes about the construction itself.
  auto ExplainPath = llvm::make_scope_exit([&] { reportPath(Path); });
  llvm::SmallVector<FixItHint, 2> Fix =
      disableRunningStatsFix(F.Kind, F.Args, V, *CurrentContext);
  if (!Fix.empty() &&
      !FixedLocations
           .insert(Fix.front().RemoveRange.getBegin().getRawEncoding())
           .second)
    Fix.clear();
  diag(F.Site->getBeginLoc(),
       "'%0' keeps running statistics%1%2, so its in-place "
       "running_mean/running_var update fails under vmap in training mode; "
       "%3")
      << F.Kind.name()
      << (V.Kind == RunningStatsVerdict::MaybeEnabled ? " on some paths" : "")
      << Where << FixAdvice << F.Site->getSourceRange() << Fix;
  // Say why an edit is withheld, so --fix users know what is left to do.
  if (Fix.empty() && F.Site->getBeginLoc().isMacroID())
    diag(F.Site->getBeginLoc(),
         "no automatic fix: the construction is written inside a macro",
         DiagnosticIDs::Note);
  else if (Fix.empty() && V.Origin &&
           isa<SubstNonTypeTemplateParmExpr>(V.Origin))
    diag(V.Origin->getBeginLoc(),
         "no automatic fix: track_running_stats comes from a template "
         "parameter",
         DiagnosticIDs::Note);
  // Point at what turned them on when that is not the construction itself.
  if (!V.Origin)
    return;
  // Options written inline in the construction need no pointer to them.
  const SourceManager &SM = CurrentContext->getSourceManager();
  SourceRange SiteRange = F.Site->getSourceRange();
  if (V.FromDefault &&
      SM.isPointWithin(V.Origin->getBeginLoc(), SiteRange.getBegin(),
                       SiteRange.getEnd()))
    return;
  diag(V.Origin->getBeginLoc(),
       V.FromDefault ? "options created here leave track_running_stats at "
                       "its default (true)"
                     : "track_running_stats is set to true here",
       DiagnosticIDs::Note)
      << V.Origin->getSourceRange();
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
