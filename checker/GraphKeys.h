//===--- GraphKeys.h - How the vmap graph names declarations and places ---===//
//
// Nodes of a VmapGraph are keyed by USR and places are file:line:column, so
// that the graphs of several translation units agree on every key.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_GRAPHKEYS_H
#define VMAP_TIDY_CHECKER_GRAPHKEYS_H

#include "checker/StorageRef.h"
#include "checker/VmapGraph.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::vmap {

/// The graph key of a declaration: its USR, so that one entity has one key
/// in every translation unit.
std::string graphKey(const Decl *D);

/// The file:line:column of \p Loc (its expansion, for macros).
GraphSite graphSite(const SourceManager &SM, SourceLocation Loc);

/// The key of the construction written at \p Site.
std::string constructionKey(const SourceManager &SM, const Expr *Site);

/// The storage key of a function's result.
std::string returnKey(const FunctionDecl *F);

/// The storage key of \p S; empty for `this` or nothing.
std::string storageKey(const StorageRef &S);

/// The storage key of what the methods of the module class \p Impl add to
/// `*this` (a Sequential subclass's `push_back` in its constructor): one per
/// class, shared by every object of it.
std::string contentsKey(const CXXRecordDecl *Impl);

/// How notes name a function: qualified, or "lambda at file:line:col".
std::string displayName(const FunctionDecl *F);

} // namespace clang::tidy::vmap

#endif
