//===--- GraphTestFixture.cpp - Build a VmapGraph from a snippet ----------===//

#include "GraphTestFixture.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Tooling/Tooling.h"

namespace clang::tidy::vmap {

void PrintTo(const GraphSite &Site, std::ostream *OS) { *OS << Site.str(); }

void PrintTo(EntryMode Mode, std::ostream *OS) {
  *OS << (Mode == EntryMode::Training ? "Training"
          : Mode == EntryMode::Eval   ? "Eval"
                                      : "Unknown");
}

void PrintTo(RandomnessMode Mode, std::ostream *OS) {
  const char *Names[] = {"Error", "Same", "Different", "Unknown"};
  *OS << Names[static_cast<int>(Mode)];
}

namespace test {

std::string describe(const CallEdge &E) {
  return E.Target + (E.ThroughStorage ? " [storage]" : "") + " @" +
         E.Site.str() + " '" + E.Message + "'";
}

std::string describe(const UseEdge &E) {
  return E.Storage + " @" + E.Site.str() + " '" + E.Name + "'";
}

template <typename T>
static std::vector<std::string> describeAll(const std::vector<T> &Edges) {
  std::vector<std::string> Lines;
  for (const T &E : Edges)
    Lines.push_back(describe(E));
  return Lines;
}

std::vector<std::string> describe(const std::vector<CallEdge> &Edges) {
  return describeAll(Edges);
}

std::vector<std::string> describe(const std::vector<UseEdge> &Edges) {
  return describeAll(Edges);
}

std::vector<std::string> describe(const VmapPath &Path) {
  std::vector<std::string> Lines;
  for (const PathStep &Step : Path.Steps)
    Lines.push_back(Step.Site.str() + " " + Step.Message);
  return Lines;
}

/// The main file's name as the graph spells it.
static constexpr llvm::StringLiteral MainFile = "/vmap-tidy-test/input.cpp";

const VmapGraph &GraphTest::build(const llvm::Twine &Snippet,
                                  const VmapGraphOptions &Options) {
  Code = ("#include <torch_stub.h>\n" + Snippet).str();
  AST = tooling::buildASTFromCodeWithArgs(
      Code,
      {"-std=c++17", "-fsyntax-only", "-resource-dir",
       VMAP_TIDY_TEST_RESOURCE_DIR, "-isystem", VMAP_TIDY_TEST_INPUTS},
      MainFile);
  if (!AST) {
    ADD_FAILURE() << "the snippet was not parsed";
    Graph = {};
    return Graph;
  }
  EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred())
      << "the snippet does not compile:\n"
      << Code;
  Graph = buildVmapGraph(AST->getASTContext(), Options);
  return Graph;
}

GraphSite GraphTest::at(llvm::StringRef Name) const {
  std::string Marker = ("/*@" + Name + "*/").str();
  size_t Offset = Code.find(Marker);
  if (Offset == std::string::npos) {
    ADD_FAILURE() << "no marker " << Marker;
    return {};
  }
  Offset += Marker.size();
  llvm::StringRef Before = llvm::StringRef(Code).take_front(Offset);
  unsigned Line = Before.count('\n') + 1;
  unsigned Column = Offset - (Before.rfind('\n') + 1) + 1;
  return {MainFile.str(), Line, Column};
}

namespace {
/// Finds the declarations with a qualified name, or the lambda at a place.
struct DeclFinder : RecursiveASTVisitor<DeclFinder> {
  bool shouldVisitTemplateInstantiations() const { return true; }
  std::string Name;
  GraphSite Lambda;
  const NamedDecl *Found = nullptr;
  const CXXMethodDecl *FoundLambda = nullptr;

  bool VisitNamedDecl(NamedDecl *D) {
    if (Name.empty() || D->getQualifiedNameAsString() != Name ||
        isa<FunctionTemplateDecl, ClassTemplateDecl>(D))
      return true;
    const auto *F = dyn_cast<FunctionDecl>(D);
    // A definition outside a template pattern wins.
    bool Better = !Found || (F && F->doesThisDeclarationHaveABody() &&
                             !F->isDependentContext());
    if (Better)
      Found = D;
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    const SourceManager &SM =
        L->getCallOperator()->getASTContext().getSourceManager();
    if (!FoundLambda && Lambda.valid() &&
        graphSite(SM, L->getBeginLoc()) == Lambda)
      FoundLambda = L->getCallOperator();
    return true;
  }
};
} // namespace

std::string GraphTest::key(llvm::StringRef QualifiedName) const {
  DeclFinder Finder;
  Finder.Name = QualifiedName.str();
  Finder.TraverseAST(AST->getASTContext());
  if (!Finder.Found) {
    ADD_FAILURE() << "no declaration named " << QualifiedName.str();
    return "";
  }
  return graphKey(Finder.Found);
}

std::string GraphTest::paramKey(llvm::StringRef Function,
                                unsigned Index) const {
  return key(Function) + "@p" + std::to_string(Index);
}

std::string GraphTest::lambdaKey(llvm::StringRef Name) const {
  DeclFinder Finder;
  Finder.Lambda = at(Name);
  Finder.TraverseAST(AST->getASTContext());
  if (!Finder.FoundLambda) {
    ADD_FAILURE() << "no lambda at marker " << Name.str();
    return "";
  }
  return graphKey(Finder.FoundLambda);
}

const VmapEntry &GraphTest::entryAt(llvm::StringRef Name) const {
  static const VmapEntry None;
  GraphSite Site = at(Name);
  for (const VmapEntry &E : Graph.Entries)
    if (E.Site == Site)
      return E;
  ADD_FAILURE() << "no entry at marker " << Name.str() << " (" << Site.str()
                << ")";
  return None;
}

const FunctionFacts &GraphTest::function(llvm::StringRef QualifiedName) const {
  static const FunctionFacts None;
  auto It = Graph.Functions.find(key(QualifiedName));
  if (It == Graph.Functions.end()) {
    ADD_FAILURE() << "no facts of function " << QualifiedName.str();
    return None;
  }
  return It->second;
}

const StorageFacts &GraphTest::storage(const std::string &Key) const {
  static const StorageFacts None;
  auto It = Graph.Storage.find(Key);
  if (It == Graph.Storage.end()) {
    ADD_FAILURE() << "no facts of storage " << Key;
    return None;
  }
  return It->second;
}

} // namespace test
} // namespace clang::tidy::vmap
