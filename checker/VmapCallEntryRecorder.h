//===--- VmapCallEntryRecorder.h - vmap calls as entries ------------------===//
//
// A call of a vmap function (any function named `vmap`, or one listed in
// VmapFunctions) starts vmap: the entry's roots are what its callable
// argument runs, or the forward of a module passed directly, and its mode
// is the training mode of the modules they use, at the call. A call of any
// other user function that takes a callable is recorded too: it is a vmap
// call if that function's body holds a functorch region over the callable
// (the graph's VmapLikeFunctions, known once the whole program is).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPCALLENTRYRECORDER_H
#define VMAP_TIDY_CHECKER_VMAPCALLENTRYRECORDER_H

#include "checker/GraphBuildContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::vmap {

class VmapCallEntryRecorder {
public:
  explicit VmapCallEntryRecorder(GraphBuildContext &Ctx) : Ctx(Ctx) {}

  /// A call in non-dependent code; \p Callee may be null.
  void call(const CallExpr *Call, const FunctionDecl *Callee);

private:
  void addEntry(const CallExpr *Call, const FunctionDecl *Callee,
                std::string RequiresVmapLike);
  /// What the eval-mode fix needs to wrap \p Call with \p Module in eval
  /// mode; nothing when the call cannot be edited or no module is known.
  EvalModeFixFacts describeEvalModeFix(const CallExpr *Call,
                                       const StorageRef &Module) const;

  GraphBuildContext &Ctx;
};

} // namespace clang::tidy::vmap

#endif
