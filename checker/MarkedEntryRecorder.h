//===--- MarkedEntryRecorder.h - Functions marked as run under vmap -------===//
//
// A function or lambda marked `[[clang::annotate("vmap_tidy::vmapped")]]`,
// or listed in the option VmappedFunctions, runs under vmap: its body is an
// entry, in training mode (nothing is known of its caller).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_MARKEDENTRYRECORDER_H
#define VMAP_TIDY_CHECKER_MARKEDENTRYRECORDER_H

#include "checker/GraphBuildContext.h"

namespace clang::tidy::vmap {

/// The VmapFunction of an entry listed in VmappedFunctions.
inline constexpr llvm::StringLiteral VmappedFunctionsOption =
    "VmappedFunctions";

class MarkedEntryRecorder {
public:
  explicit MarkedEntryRecorder(GraphBuildContext &Ctx) : Ctx(Ctx) {}

  /// A non-dependent function (or lambda call operator) with a body.
  void function(const FunctionDecl *Function);

private:
  GraphBuildContext &Ctx;
};

} // namespace clang::tidy::vmap

#endif
