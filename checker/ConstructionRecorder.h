//===--- ConstructionRecorder.h - Where modules are built -----------------===//
//
// Records each module construction (`BatchNorm2d(8)`, `new ...Impl`,
// `std::make_shared<...Impl>`, `modules.emplace_back(8)`) with the
// functions it is written in. Where the new module is kept is recorded by
// StorageFlowRecorder, as the construction flows into storage.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_CONSTRUCTIONRECORDER_H
#define VMAP_TIDY_CHECKER_CONSTRUCTIONRECORDER_H

#include "checker/GraphBuildContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::vmap {

class ConstructionRecorder {
public:
  explicit ConstructionRecorder(GraphBuildContext &Ctx) : Ctx(Ctx) {}

  // Each takes non-dependent code only.
  void construct(const CXXConstructExpr *Construct);
  void newExpr(const CXXNewExpr *New);
  /// Factories and in-place construction in containers; \p Callee may be
  /// null.
  void call(const CallExpr *Call, const FunctionDecl *Callee);

private:
  void recordConstruction(const Expr *Site);

  GraphBuildContext &Ctx;
};

} // namespace clang::tidy::vmap

#endif
