//===--- VmapGraphBuilder.h - The vmap facts of one translation unit ------===//
//
// Walks the user code of a translation unit (system headers are skipped,
// template instantiations are not) and records what the vmapped-path search
// needs: calls, reads of stored modules and callables, the flow of modules
// and callables between variables, fields, parameters and results, module
// constructions, virtual overrides, and the vmap entry points with the vmap
// function, randomness and training mode of each. The recorders of each kind
// of fact (*Recorder.h) share a GraphBuildContext.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPGRAPHBUILDER_H
#define VMAP_TIDY_CHECKER_VMAPGRAPHBUILDER_H

// graphKey, graphSite and constructionKey, for the users of the graph.
#include "checker/GraphKeys.h"
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

/// The facts of the user code of \p Context, in one traversal.
VmapGraph buildVmapGraph(ASTContext &Context, const VmapGraphOptions &Options);

} // namespace clang::tidy::vmap

#endif
