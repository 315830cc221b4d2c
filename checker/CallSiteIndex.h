//===--- CallSiteIndex.h - Where the user's functions are called ----------===//
//
// One walk over the user's code of a translation unit (template
// instantiations included, library code skipped) that answers the questions
// an analysis asks about a function's callers: the calls of a function, the
// lambda expression of a lambda class, and the uses of a local variable that
// holds a lambda. Built on first use.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_CALLSITEINDEX_H
#define VMAP_TIDY_CHECKER_CALLSITEINDEX_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vmap {

class CallSiteIndex {
public:
  explicit CallSiteIndex(ASTContext &Context) : Context(Context) {}

  /// The calls, in the user's code, of \p F (any redeclaration; for an
  /// instantiation, of that instantiation).
  llvm::ArrayRef<const CallExpr *> callsOf(const FunctionDecl *F);
  /// The expression that defines the lambda class \p Class.
  const LambdaExpr *lambdaOf(const CXXRecordDecl *Class);
  /// The uses of the local variable \p Var, when it holds a lambda.
  llvm::ArrayRef<const DeclRefExpr *> usesOfLambdaVariable(const VarDecl *Var);

private:
  void build();
  friend struct CallSiteCollector;

  ASTContext &Context;
  bool Built = false;
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 2>>
      Calls;
  llvm::DenseMap<const CXXRecordDecl *, const LambdaExpr *> Lambdas;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const DeclRefExpr *, 2>>
      LambdaVariableUses;
};

} // namespace clang::tidy::vmap

#endif
