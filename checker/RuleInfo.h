//===--- RuleInfo.h - What a vmap-* rule says about itself ----------------===//
//
// Each rule declares its metadata next to its code (`static constexpr
// RuleInfo Info`), and rules/VmapRules.cpp lists the rules once. The list
// feeds everything that describes rules to users: `--list-checks`, SARIF's
// rule descriptors, the Code Quality report and the language server's links,
// so adding a rule never touches a front end.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_RULEINFO_H
#define VMAP_TIDY_CHECKER_RULEINFO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::vmap {

struct RuleInfo {
  /// The check name, `vmap-...`.
  llvm::StringLiteral Name;
  /// One line, no final period: "BatchNorm keeps running statistics on a
  /// vmapped path".
  llvm::StringLiteral Summary;
  /// A paragraph: what fails at run time, with functorch's message, and the
  /// fixes. The rule's page is docs/rules/<Name>.md.
  llvm::StringLiteral Description;
};

/// Every vmap-* rule, in registration order (rules/VmapRules.cpp).
llvm::ArrayRef<const RuleInfo *> vmapRules();

/// The rule named \p Check; null for other checks.
const RuleInfo *findVmapRule(llvm::StringRef Check);

} // namespace clang::tidy::vmap

#endif
