//===--- EvalModeFix.h - Run a vmap call with its model in eval mode ------===//
//
// The `eval-mode` fix wraps the vmap call that reaches a module in an
// immediately invoked lambda that puts the model in eval mode and restores
// its previous mode afterwards, also when the call throws:
//   - `raii` style uses `vmap_tidy::EvalModeGuard` from the runtime library
//     (restores each submodule's own mode) and adds its #include;
//   - `inline` style saves and restores `is_training()` by hand, for code
//     that does not link the runtime library.
// Eval mode normalises with the stored running statistics, not the batch's,
// so the numbers differ from training mode; the note says so.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_EVALMODEFIX_H
#define VMAP_TIDY_CHECKER_EVALMODEFIX_H

#include "checker/VmapGraph.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vmap {

enum class EvalModeStyle { Inline, Raii };

/// The runtime library's header that declares vmap_tidy::EvalModeGuard.
inline constexpr llvm::StringLiteral EvalModeGuardHeader =
    "vmap_tidy/EvalModeGuard.h";

/// The edits that wrap \p Entry's call; empty when the entry is not a vmap
/// call whose model is known, or a site cannot be found in \p SM.
llvm::SmallVector<FixItHint, 3>
evalModeFix(const VmapEntry &Entry, EvalModeStyle Style, SourceManager &SM);

/// The location of \p Site, loading its file when it is not part of this
/// translation unit (a path found by project mode); invalid when the file
/// cannot be read.
SourceLocation resolveSite(SourceManager &SM, const GraphSite &Site);

} // namespace clang::tidy::vmap

#endif
