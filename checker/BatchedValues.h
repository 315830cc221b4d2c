//===--- BatchedValues.h - May this tensor be batched under vmap? ---------===//
//
// Inside code that vmap runs, a tensor is batched (a functorch BatchedTensor)
// when it comes from the vmapped function's arguments; tensors captured from
// the caller, a module's parameters and buffers, globals and tensors built
// from constants stay plain. Rules whose trap only fails on a batched tensor
// (`.item()`, `data_ptr()`) ask this, so they stay silent on the plain ones.
//
// The answer is conservative towards "may be batched": a parameter of a
// function vmap reaches may be batched, and so may a local variable any of
// whose writes (its initialiser, a later `=`) may be, and a call's or
// operator's result any of whose tensor operands may be.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_BATCHEDVALUES_H
#define VMAP_TIDY_CHECKER_BATCHEDVALUES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vmap {

/// True for at::Tensor and at::TensorBase (torch::Tensor is at::Tensor),
/// through references and cv-qualifiers.
bool isTensorType(QualType Type);

class BatchedValues {
public:
  explicit BatchedValues(ASTContext &Context) : Context(Context) {}

  /// Whether the tensor \p E may be batched when the function it is written
  /// in runs under vmap.
  bool mayBeBatched(const Expr *E);

private:
  bool mayBeBatched(const Expr *E, unsigned Depth);
  bool variableMayBeBatched(const VarDecl *Var, unsigned Depth);
  /// The initialiser and the right-hand sides of assignments to \p Var.
  llvm::SmallVector<const Expr *, 4> writesTo(const VarDecl *Var);

  ASTContext &Context;
  /// Variables decided so far; a variable being decided counts as plain, so
  /// a cycle (`y = y + 1`) is decided by its other writes.
  llvm::DenseMap<const VarDecl *, bool> Variables;
};

} // namespace clang::tidy::vmap

#endif
