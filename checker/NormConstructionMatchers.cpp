//===--- NormConstructionMatchers.cpp - Where norm modules are constructed ===//

#include "checker/NormConstructionMatchers.h"
#include "checker/RunningStatsEvaluator.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;

namespace {
AST_MATCHER(CXXRecordDecl, isNormModuleClass) {
  return classifyNormModule(&Node).has_value();
}


/// True when a holder is built around an existing module rather than
/// constructing a new one: `BatchNorm2d(nullptr)`, `BatchNorm2d(impl_ptr)`.
bool wrapsExistingModule(const CXXConstructExpr *Construct) {
  if (Construct->getNumArgs() == 0)
    return true;
  QualType First = Construct->getArg(0)->IgnoreImplicit()->getType();
  if (First->isNullPtrType())
    return true;
  const CXXRecordDecl *Record = recordOf(First);
  return Record && Record->getIdentifier() &&
         (Record->getName() == "shared_ptr" ||
          classifyNormModule(Record).has_value());
}

llvm::SmallVector<const Expr *, 2> argumentsOf(const CXXConstructExpr *E,
                                               unsigned Skip = 0) {
  llvm::SmallVector<const Expr *, 2> Args;
  for (unsigned I = Skip, N = E->getNumArgs(); I < N; ++I)
    if (!isa<CXXDefaultArgExpr>(E->getArg(I)))
      Args.push_back(E->getArg(I));
  return Args;
}
} // namespace

StatementMatcher normConstructionMatcher() {
  auto NormConstructor = cxxConstructorDecl(
      ofClass(isNormModuleClass()), unless(isCopyConstructor()),
      unless(isMoveConstructor()));
  return stmt(
             unless(isExpansionInSystemHeader()),
             anyOf(cxxConstructExpr(hasDeclaration(NormConstructor),
                             unless(hasParent(cxxNewExpr()))),
            cxxNewExpr(has(cxxConstructExpr(hasDeclaration(NormConstructor)))),
            callExpr(callee(functionDecl(
                hasAnyName("::std::make_shared", "::std::make_unique",
                           "::std::allocate_shared"),
                hasTemplateArgument(0, refersToType(hasUnqualifiedDesugaredType(
                                           recordType(hasDeclaration(
                                               cxxRecordDecl(
                                                   isNormModuleClass())))))))))))
      .bind(NormConstructionID);
}

std::optional<NormConstruction> getNormConstruction(const Expr *Matched) {
  if (const auto *New = dyn_cast<CXXNewExpr>(Matched)) {
    const CXXConstructExpr *Construct = New->getConstructExpr();
    if (!Construct)
      return std::nullopt;
    auto Kind = classifyNormModule(Construct->getConstructor()->getParent());
    if (!Kind || (classifyNormHolder(Construct->getConstructor()->getParent()) &&
                  wrapsExistingModule(Construct)))
      return std::nullopt;
    return NormConstruction{New, argumentsOf(Construct), *Kind};
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Matched)) {
    const CXXRecordDecl *Record = Construct->getConstructor()->getParent();
    auto Kind = classifyNormModule(Record);
    if (!Kind)
      return std::nullopt;
    if (classifyNormHolder(Record) && wrapsExistingModule(Construct))
      return std::nullopt;
    return NormConstruction{Construct, argumentsOf(Construct), *Kind};
  }
  if (const auto *Call = dyn_cast<CallExpr>(Matched)) {
    const FunctionDecl *Factory = Call->getDirectCallee();
    const TemplateArgumentList *TemplateArgs =
        Factory ? Factory->getTemplateSpecializationArgs() : nullptr;
    if (!TemplateArgs || TemplateArgs->size() == 0 ||
        (*TemplateArgs)[0].getKind() != TemplateArgument::Type)
      return std::nullopt;
    auto Kind = classifyNormModule(recordOf((*TemplateArgs)[0].getAsType()));
    if (!Kind)
      return std::nullopt;
    // allocate_shared's first argument is the allocator.
    unsigned Skip = Factory->getName() == "allocate_shared" ? 1 : 0;
    NormConstruction Result{Call, {}, *Kind};
    for (unsigned I = Skip, N = Call->getNumArgs(); I < N; ++I)
      Result.Args.push_back(Call->getArg(I));
    return Result;
  }
  return std::nullopt;
}

StatementMatcher lateSettingMatcher() {
  auto RunningStatsAccessor =
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("track_running_stats"))));
  return stmt(unless(isExpansionInSystemHeader()),
              anyOf(RunningStatsAccessor,
                    binaryOperator(
                        isAssignmentOperator(),
                        hasLHS(ignoringParenImpCasts(anyOf(
                            RunningStatsAccessor,
                            memberExpr(member(
                                hasName("track_running_stats_")))))))))
      .bind(LateSettingID);
}

/// If \p Object is the `options` member of a constructed norm module (directly,
/// or through a reference bound to it), the module's kind.
static std::optional<NormModuleKind> moduleOwningOptions(const Expr *Object) {
  Object = Object->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
    const auto *Alias = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Alias || !Alias->getType()->isReferenceType() || !Alias->getInit())
      return std::nullopt;
    Object = Alias->getInit()->IgnoreParenImpCasts();
  }
  const auto *Member = dyn_cast<MemberExpr>(Object);
  if (!Member || !Member->getMemberDecl()->getIdentifier() ||
      Member->getMemberDecl()->getName() != "options")
    return std::nullopt;
  // The field lives in a base class (NormImplBase); the module is the type
  // of the object before the derived-to-base conversion.
  return classifyNormModule(
      recordOf(Member->getBase()->IgnoreParenImpCasts()->getType()));
}

std::optional<LateSetting> getLateSetting(const Stmt *Matched) {
  auto Setting = matchRunningStatsSetting(Matched);
  if (!Setting)
    return std::nullopt;
  auto Kind = moduleOwningOptions(Setting->Object);
  if (!Kind)
    return std::nullopt;
  return LateSetting{cast<Expr>(Matched), Setting->Value, *Kind};
}

} // namespace clang::tidy::vmap
