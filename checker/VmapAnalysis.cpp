//===--- VmapAnalysis.cpp - The vmapped-path analysis every rule shares ---===//

#include "checker/VmapAnalysis.h"
#include "checker/CodeOwnership.h"
#include "checker/ProjectSummary.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::vmap {

static std::vector<std::string> readList(const ClangTidyCheck::OptionsView &O,
                                         llvm::StringRef Name) {
  std::vector<std::string> Names;
  for (llvm::StringRef Item :
       utils::options::parseStringList(O.getLocalOrGlobal(Name, "")))
    if (!Item.trim().empty())
      Names.push_back(Item.trim().str());
  return Names;
}

static std::string writeList(const std::vector<std::string> &Names) {
  std::vector<llvm::StringRef> Refs(Names.begin(), Names.end());
  return utils::options::serializeStringList(Refs);
}

VmapAnalysisOptions
VmapAnalysisOptions::read(const ClangTidyCheck::OptionsView &Options) {
  VmapAnalysisOptions Result;
  Result.Graph.VmapFunctions = readList(Options, "VmapFunctions");
  Result.Graph.VmappedFunctions = readList(Options, "VmappedFunctions");
  Result.AssumeTraining = Options.getLocalOrGlobal("AssumeTraining", true);
  return Result;
}

void VmapAnalysisOptions::store(const ClangTidyCheck::OptionsView &Options,
                                ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "VmapFunctions", writeList(Graph.VmapFunctions));
  Options.store(Map, "VmappedFunctions", writeList(Graph.VmappedFunctions));
  Options.store(Map, "AssumeTraining", AssumeTraining);
}

std::shared_ptr<VmapAnalysis> VmapAnalysis::acquire(ClangTidyContext &Context) {
  // clang-tidy creates all checks of a translation unit together and
  // destroys them with it: while one of them holds the analysis, checks
  // created next belong to the same unit.
  static std::map<const ClangTidyContext *, std::weak_ptr<VmapAnalysis>> Live;
  std::weak_ptr<VmapAnalysis> &Slot = Live[&Context];
  if (std::shared_ptr<VmapAnalysis> Shared = Slot.lock())
    return Shared;
  auto Fresh = std::make_shared<VmapAnalysis>(Context);
  Slot = Fresh;
  return Fresh;
}

void VmapAnalysis::startTranslationUnit(ASTContext &Unit) {
  if (AST == &Unit)
    return;
  AST = &Unit;
  Graphs.clear();
  SummaryWritten = false;
}

VmapAnalysis::GraphEntry &
VmapAnalysis::entryFor(const VmapAnalysisOptions &Options) {
  std::string Key = writeList(Options.Graph.VmapFunctions) + "|" +
                    writeList(Options.Graph.VmappedFunctions);
  auto [It, Inserted] = Graphs.try_emplace(Key);
  if (Inserted) {
    It->second.Graph = buildVmapGraph(*AST, Options.Graph);
    mergeProjectSummary(It->second.Graph);
  }
  return It->second;
}

void VmapAnalysis::mergeProjectSummary(VmapGraph &Graph) {
  llvm::Expected<const VmapGraph *> Project = findProjectSummary(
      Context.getCurrentBuildDirectory(), Context.getCurrentFile());
  if (!Project) {
    Context.configurationDiag(llvm::toString(Project.takeError()));
    return;
  }
  if (*Project)
    Graph.merge(**Project);
}

const VmapGraph &VmapAnalysis::graph(const VmapAnalysisOptions &Options) {
  return entryFor(Options).Graph;
}

const VmapReachability &VmapAnalysis::reach(const VmapAnalysisOptions &Options,
                                            VmapQuery Query) {
  GraphEntry &Entry = entryFor(Options);
  std::unique_ptr<VmapReachability> &Reach =
      Entry.Reach[{Query.Modes, Query.Randomness, Options.AssumeTraining}];
  if (!Reach)
    Reach = std::make_unique<VmapReachability>(
        Entry.Graph,
        ReachOptions{Query.Modes, Options.AssumeTraining, Query.Randomness});
  return *Reach;
}

std::optional<VmapPath>
VmapAnalysis::pathToFunction(const FunctionDecl *Function,
                             const VmapAnalysisOptions &Options,
                             VmapQuery Query) {
  return reach(Options, Query).pathToFunction(graphKey(Function));
}

const FunctionDecl *enclosingFunction(ASTContext &Context, const Stmt *S) {
  DynTypedNodeList Parents = Context.getParents(*S);
  while (!Parents.empty()) {
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Function = Parent.get<FunctionDecl>())
      return Function;
    if (const auto *Lambda = Parent.get<LambdaExpr>())
      return Lambda->getCallOperator();
    // A statement in a class or at namespace scope (a default member
    // initialiser, a global's initialiser) runs in no function of its own.
    if (Parent.get<FieldDecl>() || Parent.get<TranslationUnitDecl>())
      return nullptr;
    Parents = Context.getParents(Parent);
  }
  return nullptr;
}

std::optional<VmapPath>
VmapAnalysis::pathToStatement(const Stmt *S, const VmapAnalysisOptions &Options,
                              VmapQuery Query) {
  if (const FunctionDecl *Function = enclosingFunction(*AST, S))
    if (std::optional<VmapPath> Path = pathToFunction(Function, Options, Query))
      return Path;
  // Code written between initAndPushDynamicLayer and its pop.
  return reach(Options, Query)
      .pathToRegionCode(graphSite(AST->getSourceManager(), S->getBeginLoc()));
}

std::optional<VmapPath> VmapAnalysis::pathToConstruction(
    const Expr *Site, const VmapAnalysisOptions &Options, VmapQuery Query) {
  return reach(Options, Query)
      .pathToConstruction(constructionKey(AST->getSourceManager(), Site));
}

std::optional<VmapPath>
VmapAnalysis::pathToStorage(llvm::StringRef StorageKey,
                            const VmapAnalysisOptions &Options,
                            VmapQuery Query) {
  return reach(Options, Query).pathToStorage(StorageKey.str());
}

bool VmapAnalysis::writeSummaryIfRequested(const VmapAnalysisOptions &Options) {
  if (summaryOutput().empty())
    return false;
  if (SummaryWritten || !AST)
    return true;
  SummaryWritten = true;
  // The unit's own facts only: the project summary is what this pass makes.
  VmapGraph Graph = buildVmapGraph(*AST, Options.Graph);
  if (llvm::Error E = writeUnitSummary(summaryOutput(), Graph,
                                       userFiles(AST->getSourceManager())))
    llvm::errs() << "vmap-tidy: error: " << llvm::toString(std::move(E))
                 << "\n";
  return true;
}

} // namespace clang::tidy::vmap
