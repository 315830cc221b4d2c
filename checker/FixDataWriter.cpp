//===--- FixDataWriter.cpp - Write the fix data the verifier replays ------===//

#include "checker/FixDataWriter.h"
#include "checker/AtomicFile.h"
#include "checker/GraphKeys.h"
#include "checker/ProjectSummary.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::vmap {

llvm::Error writeFixDataFile(llvm::StringRef Directory, const SourceManager &SM,
                             llvm::StringRef RuleName,
                             std::vector<llvm::json::Object> Configurations) {
  if (Configurations.empty())
    return llvm::Error::success();
  // One file per translation unit and rule, named after its main file.
  std::string Main =
      graphSite(SM, SM.getLocForStartOfFile(SM.getMainFileID())).File;
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, llvm::sys::path::stem(Main) + "-" +
                                    contentHash((Main + RuleName).str()) +
                                    ".json");
  llvm::json::Array List;
  for (llvm::json::Object &Data : Configurations)
    List.push_back(std::move(Data));
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                   {"version", 1},
                                   {"check", RuleName},
                                   {"configurations", std::move(List)}}));
  return writeFileAtomically(Path, OS.str());
}

llvm::json::Value fixDataConstant(const Expr *E, ASTContext &Context) {
  if (!E || E->isValueDependent())
    return nullptr;
  E = E->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() >= 1)
    E = Construct->getArg(0)->IgnoreImplicit();
  if (E->isValueDependent())
    return nullptr;
  if (E->getType()->isBooleanType()) {
    bool Value;
    if (E->EvaluateAsBooleanCondition(Value, Context))
      return Value;
    return nullptr;
  }
  llvm::APFloat Float(0.0);
  if (E->EvaluateAsFloat(Float, Context))
    return Float.convertToDouble();
  Expr::EvalResult Int;
  if (E->EvaluateAsInt(Int, Context))
    return static_cast<double>(Int.Val.getInt().getExtValue());
  return nullptr;
}

} // namespace clang::tidy::vmap
