//===--- CheckList.cpp - `vmap-tidy --list-checks` ------------------------===//

#include "CheckList.h"
#include "checker/RuleInfo.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::vmap {

bool listChecks(llvm::ArrayRef<const char *> Args,
                llvm::ArrayRef<std::string> Enabled, llvm::raw_ostream &OS) {
  // Compiler arguments after `--` are not ours to read.
  auto Dashes =
      llvm::find_if(Args, [](llvm::StringRef A) { return A == "--"; });
  bool Requested =
      Args.size() > 1 &&
      llvm::any_of(llvm::make_range(Args.begin() + 1, Dashes),
                   [](llvm::StringRef Arg) {
                     return Arg == "--list-checks" || Arg == "-list-checks";
                   });
  if (!Requested || Enabled.empty())
    return false;
  size_t Width = 0;
  for (const std::string &Check : Enabled)
    Width = std::max(Width, Check.size());
  // clang-tidy's layout, so scripts that read its list keep working.
  OS << "Enabled checks:\n";
  for (const std::string &Check : Enabled) {
    OS << "    " << Check;
    if (const RuleInfo *Rule = findVmapRule(Check))
      OS.indent(Width - Check.size() + 2) << Rule->Summary;
    OS << "\n";
  }
  OS << "\n";
  return true;
}

} // namespace clang::tidy::vmap
