//===--- RandomInitialisation.h - Does building this module draw numbers? -===//
//
// Constructing a LibTorch module with weights draws their initial values
// (Linear's and Conv's kaiming_uniform_, Embedding's normal_, RNN's
// uniform_), and so does constructing a user module that builds one. Under
// vmap's default randomness mode that draw fails, so building such a module
// in vmapped code is a trap of its own.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_RANDOMINITIALISATION_H
#define VMAP_TIDY_CHECKER_RANDOMINITIALISATION_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::vmap {

class RandomInitialisation {
public:
  explicit RandomInitialisation(ASTContext &Context) : Context(Context) {}

  /// True when constructing the module implementation \p Impl initialises
  /// parameters randomly: a LibTorch module with weights, or a user module
  /// whose constructors (or member initialisers) build one.
  bool drawsOnConstruction(const CXXRecordDecl *Impl);

private:
  bool decide(const CXXRecordDecl *Impl, unsigned Depth);

  ASTContext &Context;
  llvm::DenseMap<const CXXRecordDecl *, bool> Decided;
};

} // namespace clang::tidy::vmap

#endif
