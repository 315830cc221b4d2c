//===--- RuleDocs.h - Links from a diagnostic to its rule's page ----------===//

#ifndef VMAP_TIDY_CHECKER_LSP_RULEDOCS_H
#define VMAP_TIDY_CHECKER_LSP_RULEDOCS_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap::lsp {

class RuleDocs {
public:
  /// Finds the rule pages beside the executable \p Self: docs/rules of the
  /// source tree it was built in (bin/../../docs), or an installation's
  /// share/doc/vmap-tidy/rules.
  explicit RuleDocs(llvm::StringRef Self);

  /// The file:// URL of `<Check>.md` for a vmap rule (RuleInfo.h); nullopt
  /// for other checks and when there is no such page.
  std::optional<std::string> urlOf(llvm::StringRef Check) const;

private:
  std::string Directory;
};

} // namespace clang::tidy::vmap::lsp

#endif
