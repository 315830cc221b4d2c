//===--- RuleDocs.cpp - Links from a diagnostic to its rule's page --------===//

#include "RuleDocs.h"
#include "Uri.h"
#include "checker/RuleInfo.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::vmap::lsp {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

RuleDocs::RuleDocs(llvm::StringRef Self) {
  llvm::StringRef Bin = path::parent_path(Self);
  for (llvm::StringRef Relative :
       {"../../docs/rules", "../share/doc/vmap-tidy/rules"}) {
    llvm::SmallString<256> Dir(Bin), Real;
    path::append(Dir, Relative);
    if (!fs::real_path(Dir, Real) && fs::is_directory(Real)) {
      Directory = std::string(Real);
      return;
    }
  }
}

std::optional<std::string> RuleDocs::urlOf(llvm::StringRef Check) const {
  if (Directory.empty() || !findVmapRule(Check))
    return std::nullopt;
  llvm::SmallString<256> Page(Directory);
  path::append(Page, Check + ".md");
  if (!fs::exists(Page))
    return std::nullopt;
  return uriOfPath(Page);
}

} // namespace clang::tidy::vmap::lsp
