//===--- GraphBuildContext.h - What the vmap graph's recorders share ------===//
//
// One traversal of a translation unit builds its VmapGraph; each kind of
// fact is kept by its own recorder (call edges, storage flow, constructions,
// overrides, the three kinds of vmap entry). They share this context: the
// AST, the options, the graph being built, where the traversal is, and the
// calls and reads of each function body, which are kept with their source
// locations until the functorch regions in that body are known.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_GRAPHBUILDCONTEXT_H
#define VMAP_TIDY_CHECKER_GRAPHBUILDCONTEXT_H

#include "checker/StorageRef.h"
#include "checker/TrainingModeAnalysis.h"
#include "checker/VmapGraph.h"
#include "checker/VmapGraphBuilder.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::vmap {

class GraphBuildContext {
public:
  /// A call in a function body.
  struct RawCall {
    SourceLocation Loc;
    CallEdge Edge;
    /// The callee is a callable the function received as a parameter.
    bool ViaParameter;
  };
  /// A read of a stored module or callable in a function body.
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

  GraphBuildContext(ASTContext &Context, const VmapGraphOptions &Options,
                    VmapGraph &Graph)
      : Context(Context), SM(Context.getSourceManager()), Options(Options),
        Graph(Graph), Modes(Context) {}

  ASTContext &Context;
  const SourceManager &SM;
  const VmapGraphOptions &Options;
  VmapGraph &Graph;
  TrainingModeAnalysis Modes;

  /// The function (or lambda) whose body the traversal is in.
  const FunctionDecl *current() const {
    return Stack.empty() ? nullptr : Stack.back();
  }
  /// In a template pattern: only its instantiations are recorded.
  bool inDependentCode() const {
    return current() && current()->isDependentContext();
  }
  /// The innermost block around the traversal, or null.
  const CompoundStmt *currentScope() const {
    return Scopes.empty() ? nullptr : Scopes.back();
  }
  void enterFunction(const FunctionDecl *F) { Stack.push_back(F); }
  void leaveFunction() { Stack.pop_back(); }
  void enterScope(const CompoundStmt *S) { Scopes.push_back(S); }
  void leaveScope() { Scopes.pop_back(); }

  GraphSite site(const Stmt *S) const;
  /// Whether calling \p F is calling vmap by its name: any `vmap`, and the
  /// option VmapFunctions.
  bool isVmapFunction(const FunctionDecl *F) const;

  /// The calls and reads recorded in \p F so far.
  FunctionRecord &record(const FunctionDecl *F);
  /// Records a call at \p At in the current function.
  void addCall(const Expr *At, CallEdge Edge, bool ViaParameter);
  /// Records a read of \p Ref at \p At in the current function.
  void addUse(const Expr *At, const StorageRef &Ref);

  /// Writes each function's calls and reads into the graph, one edge per
  /// callee and per storage: the first is the one a path shows.
  void writeFunctions();

private:
  std::vector<const FunctionDecl *> Stack;
  std::vector<const CompoundStmt *> Scopes;
  llvm::DenseMap<const FunctionDecl *, FunctionRecord> Records;
  /// The functions of Records in the order they were first seen.
  std::vector<const FunctionDecl *> Order;
};

} // namespace clang::tidy::vmap

#endif
