//===--- NormConfiguration.cpp - What a norm module is built with ---------===//

#include "checker/NormConfiguration.h"
#include "checker/AstNames.h"
#include "checker/StorageRef.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::vmap {

/// Reads the setter chain ending in \p E; inner setters are earlier calls,
/// so the outermost one of each name wins.
static void readOptions(const Expr *E, NormConfiguration &Config,
                        unsigned Depth) {
  E = stripValueWrappers(E);
  if (!E || Depth > 16)
    return;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() && Call->getNumArgs() == 1 &&
        isNormOptionsClass(Method->getParent())) {
      llvm::StringRef Name = Method->getName();
      const Expr *Value = Call->getArg(0);
      if (Name == "eps" && !Config.Eps)
        Config.Eps = Value;
      else if (Name == "affine" && !Config.Affine)
        Config.Affine = Value;
      else if (Name == "momentum" && !Config.Momentum)
        Config.Momentum = Value;
      else if (Name == "num_features" && !Config.ChannelsExpr)
        Config.ChannelsExpr = Value;
    }
    readOptions(Call->getImplicitObjectArgument(), Config, Depth + 1);
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (isNormOptionsClass(recordOf(Construct->getType())) &&
        Construct->getNumArgs() >= 1 && !Config.ChannelsExpr)
      Config.ChannelsExpr = Construct->getArg(0);
    return;
  }
  // A local options variable: what its initialiser says.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      readOptions(Var->getInit(), Config, Depth + 1);
}

NormConfiguration readNormConfiguration(llvm::ArrayRef<const Expr *> Args,
                                        ASTContext &Context) {
  NormConfiguration Config;
  if (Args.empty())
    return Config;
  const Expr *First = Args.front();
  if (First->getType()->isIntegerType())
    Config.ChannelsExpr = First;
  else
    readOptions(First, Config, 0);
  Expr::EvalResult Result;
  if (Config.ChannelsExpr && !Config.ChannelsExpr->isValueDependent() &&
      Config.ChannelsExpr->EvaluateAsInt(Result, Context))
    Config.Channels = Result.Val.getInt().getExtValue();
  return Config;
}

std::optional<int64_t> groupNormGroups(int64_t Channels, int64_t MaxGroups,
                                       bool PerFeature) {
  if (Channels <= 0 || MaxGroups <= 0)
    return std::nullopt;
  for (int64_t G = std::min(Channels, MaxGroups); G >= 1; --G)
    if (Channels % G == 0 && (!PerFeature || Channels / G >= 2))
      return G;
  return std::nullopt;
}

} // namespace clang::tidy::vmap
