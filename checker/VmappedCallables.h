//===--- VmappedCallables.h - What a callable handed to vmap runs ---------===//
//
// The argument of a vmap call stands for functions (a lambda, a function or
// function pointer, a functor's operator(), a std::bind of one, a stored
// callable) and refers to modules, whose training mode decides whether vmap
// runs them in training mode.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPPEDCALLABLES_H
#define VMAP_TIDY_CHECKER_VMAPPEDCALLABLES_H

#include "checker/StorageRef.h"
#include "checker/VmapGraph.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vmap {

/// Appends to \p Roots the calls vmap makes when it runs \p Arg: of the
/// functions it stands for, or through the storage it names.
void collectCallableRoots(const SourceManager &SM, const Expr *Arg,
                          std::vector<CallEdge> &Roots);

/// Appends to \p Subjects (once each) the modules \p Arg refers to:
/// variables and fields of `this` holding modules, and `this` in a module.
void collectModeSubjects(const Expr *Arg,
                         llvm::SmallVectorImpl<StorageRef> &Subjects);

} // namespace clang::tidy::vmap

#endif
