//===--- FunctorchRegionRecorder.h - Raw functorch vmap regions -----------===//
//
// A raw functorch region runs from `initAndPushDynamicLayer(Vmap, ...)` to
// the matching `popDynamicLayerAndDeleteMetadata()` in the same function
// (or the end of the function), or over the scope of a local guard object
// whose constructor pushes the layer. What the function calls and reads
// inside the region runs under vmap. A function whose region runs a
// callable parameter is a vmap helper: its callers are the vmap calls
// (VmapCallEntryRecorder), and their training mode is judged there.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_FUNCTORCHREGIONRECORDER_H
#define VMAP_TIDY_CHECKER_FUNCTORCHREGIONRECORDER_H

#include "checker/GraphBuildContext.h"
#include "clang/AST/Expr.h"
#include <vector>

namespace clang::tidy::vmap {

class FunctorchRegionRecorder {
public:
  explicit FunctorchRegionRecorder(GraphBuildContext &Ctx) : Ctx(Ctx) {}

  /// A call in non-dependent code; \p Callee may be null.
  void call(const CallExpr *Call, const FunctionDecl *Callee);
  /// A non-dependent variable: a local may be a guard.
  void variable(const VarDecl *Var);
  /// After the traversal, when every function's calls and reads are known:
  /// adds an entry per region.
  void finish();

private:
  struct Region;
  void addEntry(const Region &R);

  GraphBuildContext &Ctx;
  /// Pushes and pops of a vmap layer, with the function they are in.
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> Pushes, Pops;
  struct LocalRecord {
    const VarDecl *Var;
    const FunctionDecl *Function;
    SourceLocation ScopeEnd;
  };
  /// Local variables of class type: the guards among them are known once
  /// every push is.
  std::vector<LocalRecord> LocalRecords;
};

} // namespace clang::tidy::vmap

#endif
