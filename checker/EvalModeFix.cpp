//===--- EvalModeFix.cpp - Run a vmap call with its model in eval mode ----===//

#include "checker/EvalModeFix.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::vmap {

SourceLocation resolveSite(SourceManager &SM, const GraphSite &Site) {
  if (!Site.valid())
    return {};
  auto File = SM.getFileManager().getOptionalFileRef(Site.File);
  if (!File)
    return {};
  FileID ID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(ID, Site.Line, Site.Column);
}

llvm::SmallVector<FixItHint, 3>
evalModeFix(const VmapEntry &Entry, EvalModeStyle Style, SourceManager &SM) {
  if (Entry.Fix.EvalModule.empty())
    return {};
  SourceLocation Begin = resolveSite(SM, Entry.Site);
  SourceLocation End = resolveSite(SM, Entry.Fix.CallEnd);
  if (Begin.isInvalid() || End.isInvalid())
    return {};
  const std::string &M = Entry.Fix.EvalModule;
  std::string Prefix, Suffix;
  llvm::SmallVector<FixItHint, 3> Hints;
  if (Style == EvalModeStyle::Raii) {
    SourceLocation Include = resolveSite(SM, Entry.Fix.IncludeAt);
    if (Include.isInvalid())
      return {};
    Hints.push_back(FixItHint::CreateInsertion(
        Include, ("#include <" + EvalModeGuardHeader + ">\n").str()));
    Prefix = "[&] { vmap_tidy::EvalModeGuard vmap_tidy_eval_mode(" + M +
             "); return ";
    Suffix = "; }()";
  } else {
    // Restore the mode on every way out, exceptions included.
    Prefix = "[&] { torch::nn::Module &vmap_tidy_module = " + M +
             "; const bool vmap_tidy_was_training = "
             "vmap_tidy_module.is_training(); vmap_tidy_module.eval(); try { ";
    Prefix += Entry.Fix.ReturnsVoid ? "" : "auto vmap_tidy_result = ";
    Suffix = "; vmap_tidy_module.train(vmap_tidy_was_training); ";
    Suffix += Entry.Fix.ReturnsVoid ? "" : "return vmap_tidy_result; ";
    Suffix += "} catch (...) { vmap_tidy_module.train(vmap_tidy_was_training); "
              "throw; } }()";
  }
  Hints.push_back(FixItHint::CreateInsertion(Begin, Prefix));
  Hints.push_back(FixItHint::CreateInsertion(End, Suffix));
  return Hints;
}

} // namespace clang::tidy::vmap
