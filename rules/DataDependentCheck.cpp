//===--- DataDependentCheck.cpp - vmap-data-dependent ---------------------===//

#include "rules/DataDependentCheck.h"
#include "checker/LibraryCodePruning.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;
using matchers::isExpansionInLibraryCode;

static constexpr llvm::StringLiteral CallID = "call";

void DataDependentCheck::registerRuleMatchers(MatchFinder *Finder) {
  auto TensorClass =
      cxxRecordDecl(hasAnyName("::at::Tensor", "::at::TensorBase"));
  auto Methods = cxxMethodDecl(
      ofClass(TensorClass),
      hasAnyName("item", "is_nonzero", "equal", "allclose", "nonzero",
                 "argwhere", "masked_select", "unique_consecutive",
                 "unique_dim", "unique_dim_consecutive", "nonzero_numpy",
                 "data_ptr", "const_data_ptr", "mutable_data_ptr", "accessor",
                 "packed_accessor32", "packed_accessor64",
                 "generic_packed_accessor"));
  // torch:: reaches these through `using namespace at`.
  auto Functions = functionDecl(hasAnyName(
      "::at::is_nonzero", "::at::equal", "::at::allclose", "::at::nonzero",
      "::at::argwhere", "::at::masked_select", "::at::_unique",
      "::at::_unique2", "::at::unique_consecutive", "::at::unique_dim",
      "::at::unique_dim_consecutive", "::at::nonzero_numpy"));
  auto OneArgumentWhere = callExpr(callee(functionDecl(hasName("::at::where"))),
                                   argumentCountIs(1));
  Finder->addMatcher(
      callExpr(unless(isExpansionInLibraryCode()),
               anyOf(cxxMemberCallExpr(callee(Methods)),
                     callExpr(callee(Functions)), OneArgumentWhere))
          .bind(CallID),
      this);
}

void DataDependentCheck::checkMatch(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>(CallID);
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  std::string Operation = Callee->getNameAsString();
  Trap Kind = llvm::StringSwitch<Trap>(Operation)
                  .Case("item", Trap::ReadsValue)
                  .Case("is_nonzero", Trap::ControlFlow)
                  .Cases("equal", "allclose", Trap::WholeComparison)
                  .Cases("data_ptr", "const_data_ptr", "mutable_data_ptr",
                         Trap::Storage)
                  .StartsWith("accessor", Trap::Storage)
                  .EndsWith("accessor32", Trap::Storage)
                  .EndsWith("accessor64", Trap::Storage)
                  .EndsWith("_accessor", Trap::Storage)
                  .Default(Trap::DynamicShape);
  Findings.add(*Result.SourceManager, Call->getBeginLoc(),
               {Call, std::move(Operation), Kind});
}

/// The tensors whose values \p Call needs: the object of a method, the
/// tensor arguments of a function.
static llvm::SmallVector<const Expr *, 2> tensorOperands(const CallExpr *Call) {
  llvm::SmallVector<const Expr *, 2> Operands;
  // masked_select's output shape depends on the mask alone: a batched
  // input with a plain mask selects the same elements of every member.
  if (const FunctionDecl *Callee = Call->getDirectCallee();
      Callee && Callee->getName() == "masked_select") {
    unsigned Mask = isa<CXXMemberCallExpr>(Call) ? 0 : 1;
    if (Call->getNumArgs() > Mask)
      Operands.push_back(Call->getArg(Mask));
    return Operands;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Operands.push_back(Member->getImplicitObjectArgument());
  for (const Expr *Arg : Call->arguments())
    if (isTensorType(Arg->getType()))
      Operands.push_back(Arg);
  return Operands;
}

namespace {
struct TrapText {
  const char *Warning;
  const char *Remedy;
};
} // namespace

/// What each trap is and the usual rewrite, by DataDependentCheck::Trap.
static constexpr TrapText TrapTexts[] = {
    {"'%0' reads a tensor's value into C++, which fails under vmap when the "
     "tensor is batched ('vmap: It looks like you're calling .item() on a "
     "Tensor')",
     "keep the value a tensor: compute with tensor operations (torch::where, "
     "clamp, a mask) instead of C++ arithmetic"},
    {"'%0' branches on a tensor's value, which fails under vmap when the "
     "tensor is batched ('vmap: It looks like you're attempting to use a "
     "Tensor in some data-dependent control flow')",
     "choose per member without branching: torch::where(condition, a, b)"},
    {"'%0' reduces a comparison of tensors to one C++ bool, which vmap "
     "cannot batch when a tensor is batched",
     "compare per member and keep the result a tensor: torch::eq(a, "
     "b).all() or torch::isclose(a, b).all()"},
    {"'%0' returns a shape that depends on a tensor's values, which vmap "
     "cannot batch when the tensor is batched: each member's result may "
     "have another size",
     "keep the shape fixed: a mask (torch::where(mask, x, 0), x * mask) "
     "instead of selecting elements"},
    {"'%0' accesses a tensor's storage, which fails under vmap when the "
     "tensor is batched: a batched tensor has no storage of its own",
     "read the values with tensor operations, or outside the vmapped "
     "function"},
};

void DataDependentCheck::reportTranslationUnit() {
  if (Findings.empty())
    return;
  Batched = std::make_unique<BatchedValues>(astContext());
  for (const auto &[Loc, Group] : Findings) {
    for (const Finding &F : Group) {
      // These fail whatever the module's training mode.
      std::optional<VmapPath> Path =
          pathToStatement(F.Call, ModePolicy::AnyMode);
      if (!Path)
        continue;
      // On a vmapped path, only a tensor that may be batched fails.
      if (scope() == AnalysisScope::Vmapped &&
          llvm::none_of(tensorOperands(F.Call), [&](const Expr *Operand) {
            return Batched->mayBeBatched(Operand);
          }))
        continue;
      const TrapText &Text = TrapTexts[static_cast<unsigned>(F.Kind)];
      SourceLocation At = F.Call->getExprLoc();
      diag(At, Text.Warning) << F.Operation << F.Call->getSourceRange();
      diag(At, Text.Remedy, DiagnosticIDs::Note);
      reportPath(*Path);
      break;
    }
  }
}

void DataDependentCheck::clearTranslationUnit() {
  Findings.clear();
  Batched.reset();
}

} // namespace clang::tidy::vmap
