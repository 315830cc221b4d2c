//===--- StorageRef.h - Which stored value an expression names ------------===//
//
// `model->forward(x)`, `model.ptr()->eval()`, `(*seq)[0]` and `this->bn`
// all act on a value kept in a variable, parameter or field. The vmapped-path
// and training-mode analyses need to know which one, looking through module
// holders and smart pointers (which share the module they point to).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_STORAGEREF_H
#define VMAP_TIDY_CHECKER_STORAGEREF_H

#include "clang/AST/Expr.h"

namespace clang::tidy::vmap {

struct StorageRef {
  /// The variable, parameter or field; null when none (or for `this`).
  const ValueDecl *Decl = nullptr;
  /// The object is `*this`.
  bool IsThis = false;
  /// The expression that names it.
  const Expr *Ref = nullptr;

  explicit operator bool() const { return Decl || IsThis; }
  bool sameAs(const StorageRef &O) const {
    return IsThis == O.IsThis && Decl == O.Decl;
  }
};

/// Removes what does not change which value an expression denotes: parens,
/// implicit conversions, temporaries, functional casts, copies, std::move
/// and std::forward.
const Expr *stripValueWrappers(const Expr *E);

/// The stored value \p E denotes, looking through holders' `->`, `*`,
/// `ptr()`, `get()`, indexing into standard containers and `&`/`*`.
StorageRef storageReferencedBy(const Expr *E);

} // namespace clang::tidy::vmap

#endif
