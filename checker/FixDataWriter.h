//===--- FixDataWriter.h - Write the fix data the verifier replays --------===//
//
// Option FixDataDir of the rules that report modules vmap-tidy-verify can
// replay (the norm rules, vmap-random-op's dropout modules): one JSON file
// per translation unit and rule, <main file's stem>-<hash>.json, holding
//
//   {"check": "<rule>", "configurations": [...], "version": 1}
//
// The schema is in docs/verifier.md. Every rule writes through this one
// function, so the files agree in format and naming.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_FIXDATAWRITER_H
#define VMAP_TIDY_CHECKER_FIXDATAWRITER_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <vector>

namespace clang::tidy::vmap {

/// Writes \p Configurations, found by rule \p RuleName in the translation
/// unit \p SM holds, into directory \p Directory (created if missing),
/// atomically. Nothing is written when \p Configurations is empty.
llvm::Error writeFixDataFile(llvm::StringRef Directory, const SourceManager &SM,
                             llvm::StringRef RuleName,
                             std::vector<llvm::json::Object> Configurations);

/// The value of \p E as fix data: a boolean or a number when it is a
/// compile-time constant, else null (looking through the construction of
/// an optional<double>, as `momentum` takes).
llvm::json::Value fixDataConstant(const Expr *E, ASTContext &Context);

} // namespace clang::tidy::vmap

#endif
