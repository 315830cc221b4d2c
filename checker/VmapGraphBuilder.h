//===--- VmapGraphBuilder.h - The vmap facts of one translation unit ------===//
//
// Walks the user code of a translation unit (system headers are skipped,
// template instantiations are not) and records what the vmapped-path search
// needs: calls, reads of stored modules and callables, the flow of modules
// and callables between variables, fields, parameters and results, module
// constructions, virtual overrides, and the vmap entry points with the
// training mode at each.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPGRAPHBUILDER_H
#define VMAP_TIDY_CHECKER_VMAPGRAPHBUILDER_H

#include "checker/VmapGraph.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::vmap {

struct VmapGraphOptions {
  /// Functions that run their callable argument under vmap, besides every
  /// function named `vmap`: plain or qualified names.
  std::vector<std::string> VmapFunctions;
  /// Functions that run under vmap themselves: qualified names.
  std::vector<std::string> VmappedFunctions;
};

/// The annotation that marks a function or lambda as run under vmap.
inline constexpr llvm::StringLiteral VmappedAnnotation = "vmap_tidy::vmapped";

/// The graph key of a declaration: its USR, so that one entity has one key
/// in every translation unit.
std::string graphKey(const Decl *D);

/// The file:line:column of \p Loc (its expansion, for macros).
GraphSite graphSite(const SourceManager &SM, SourceLocation Loc);

/// The key of the construction written at \p Site.
std::string constructionKey(const SourceManager &SM, const Expr *Site);

VmapGraph buildVmapGraph(ASTContext &Context, const VmapGraphOptions &Options);

} // namespace clang::tidy::vmap

#endif
