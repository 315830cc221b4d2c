//===--- RunningStatsFix.cpp - Turn a norm module's running statistics off ===//

#include "checker/RunningStatsFix.h"
#include "checker/SourceEdits.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::vmap {

static constexpr llvm::StringLiteral Setter = ".track_running_stats(false)";

namespace {
class FixBuilder {
public:
  explicit FixBuilder(ASTContext &Context)
      : Context(Context), SM(Context.getSourceManager()) {}

  bool editable(SourceRange Range) const { return isEditable(SM, Range); }
  SourceLocation afterToken(SourceLocation Loc) const {
    return endOfToken(Context, Loc);
  }

  /// `BatchNorm2dOptions o(4);`: the options are not an expression a setter
  /// can be chained onto, so a statement follows the declaration.
  const VarDecl *directInitialisedVariable(const Expr *Origin) const {
    for (const DynTypedNode &Parent : Context.getParents(*Origin)) {
      const auto *Var = Parent.get<VarDecl>();
      if (Var && Var->getInitStyle() != VarDecl::CInit)
        return Var;
    }
    return nullptr;
  }
  const DeclStmt *declarationOf(const VarDecl *Var) const {
    for (const DynTypedNode &Parent : Context.getParents(*Var))
      if (const auto *Declaration = Parent.get<DeclStmt>())
        return Declaration->isSingleDecl() ? Declaration : nullptr;
    return nullptr;
  }

  llvm::SmallVector<FixItHint, 2> build(NormModuleKind Kind,
                                        llvm::ArrayRef<const Expr *> Args,
                                        const RunningStatsVerdict &V) const {
    if (!V.keepsRunningStats())
      return {};
    if (!V.FromDefault) {
      // The flag itself; a template parameter would change every
      // instantiation, so it is left to the user.
      if (!V.Origin || isa<SubstNonTypeTemplateParmExpr>(V.Origin) ||
          !editable(V.Origin->getSourceRange()))
        return {};
      return {FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(V.Origin->getSourceRange()), "false")};
    }
    if (!V.Origin) {
      if (Args.empty())
        return {};
      SourceRange Written =
          Args.front()->IgnoreUnlessSpelledInSource()->getSourceRange();
      if (!editable(Written))
        return {};
      return {FixItHint::CreateInsertion(
                  Written.getBegin(), "torch::nn::" + Kind.name() + "Options("),
              FixItHint::CreateInsertion(afterToken(Written.getEnd()),
                                         (")" + Setter).str())};
    }
    if (const VarDecl *Var = directInitialisedVariable(V.Origin)) {
      const DeclStmt *Declaration = declarationOf(Var);
      if (!Declaration || !editable(Declaration->getSourceRange()))
        return {};
      unsigned Column = SM.getSpellingColumnNumber(Declaration->getBeginLoc());
      std::string Statement = "\n" + std::string(Column - 1, ' ') +
                              Var->getName().str() + Setter.str() + ";";
      return {FixItHint::CreateInsertion(afterToken(Declaration->getEndLoc()),
                                         Statement)};
    }
    if (!editable(V.Origin->getSourceRange()))
      return {};
    return {
        FixItHint::CreateInsertion(afterToken(V.Origin->getEndLoc()), Setter)};
  }

private:
  ASTContext &Context;
  const SourceManager &SM;
};
} // namespace

llvm::SmallVector<FixItHint, 2>
disableRunningStatsFix(NormModuleKind Kind, llvm::ArrayRef<const Expr *> Args,
                       const RunningStatsVerdict &Verdict,
                       ASTContext &Context) {
  return FixBuilder(Context).build(Kind, Args, Verdict);
}

} // namespace clang::tidy::vmap
