//===--- CallOperators.h - The operator()s a callable value runs ----------===//

#ifndef VMAP_TIDY_CHECKER_CALLOPERATORS_H
#define VMAP_TIDY_CHECKER_CALLOPERATORS_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vmap {

/// The `operator()`s of a user functor class (instantiated ones included);
/// none for library classes.
llvm::SmallVector<const CXXMethodDecl *, 2>
callOperators(const CXXRecordDecl *Record);

/// The call operators a lambda expression defines: one, or one per
/// instantiation of a generic lambda.
llvm::SmallVector<const CXXMethodDecl *, 2> callOperators(const LambdaExpr *L);

} // namespace clang::tidy::vmap

#endif
