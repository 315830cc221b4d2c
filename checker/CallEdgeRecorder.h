//===--- CallEdgeRecorder.h - What each function body calls and reads -----===//
//
// Records, per function body, the user functions it calls (directly, as a
// module's forward, through a std::function or a constructor) and the
// stored modules and callables it reads. Library code is not walked: what
// it runs is reached through the modules and callables handed to it.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_CALLEDGERECORDER_H
#define VMAP_TIDY_CHECKER_CALLEDGERECORDER_H

#include "checker/GraphBuildContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::vmap {

class CallEdgeRecorder {
public:
  explicit CallEdgeRecorder(GraphBuildContext &Ctx) : Ctx(Ctx) {}

  /// A call in non-dependent code; \p Callee may be null.
  void call(const CallExpr *Call, const FunctionDecl *Callee);
  /// A construction in non-dependent code: it runs the constructor.
  void construct(const CXXConstructExpr *Construct);
  /// \p E names the variable, parameter or field of \p Ref.
  void read(const Expr *E, const StorageRef &Ref);

private:
  GraphBuildContext &Ctx;
};

} // namespace clang::tidy::vmap

#endif
