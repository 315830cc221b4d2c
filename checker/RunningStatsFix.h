//===--- RunningStatsFix.h - Turn a norm module's running statistics off --===//
//
// Builds the `running-stats` fix for a construction that keeps running
// statistics: the smallest edit that makes the options it is built from say
// `track_running_stats(false)`:
//   - an explicit `track_running_stats(true)` (or constant) becomes `false`;
//   - options written without the setter get `.track_running_stats(false)`
//     appended (inline, or at the options variable's initialiser);
//   - a direct-initialised options variable gets a setter statement after it;
//   - a bare channel count `BatchNorm2d(8)` becomes
//     `BatchNorm2d(torch::nn::BatchNorm2dOptions(8).track_running_stats(false))`.
// No edit is offered for values unknown at compile time, for flags that are
// template parameters, or where an edit would land in a macro or a system
// header.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_RUNNINGSTATSFIX_H
#define VMAP_TIDY_CHECKER_RUNNINGSTATSFIX_H

#include "checker/NormModuleKind.h"
#include "checker/RunningStatsEvaluator.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vmap {

/// The edits (empty when none is safe) that turn running statistics off for
/// a module of \p Kind constructed from \p Args, flagged with \p Verdict.
llvm::SmallVector<FixItHint, 2>
disableRunningStatsFix(NormModuleKind Kind, llvm::ArrayRef<const Expr *> Args,
                       const RunningStatsVerdict &Verdict, ASTContext &Context);

} // namespace clang::tidy::vmap

#endif
