//===--- NormConstructionMatchers.cpp - Where norm modules are constructed ===//

#include "checker/NormConstructionMatchers.h"
#include "checker/AstNames.h"
#include "checker/CodeOwnership.h"
#include "checker/LibraryCodePruning.h"
#include "checker/RunningStatsEvaluator.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;
using matchers::isExpansionInLibraryCode;

namespace {
AST_MATCHER(CXXRecordDecl, isNormModuleClass) {
  return classifyNormModule(&Node).has_value();
}

/// True when arguments given to a holder wrap an existing module rather than
/// construct a new one: `BatchNorm2d(nullptr)`, `BatchNorm2d(impl_ptr)`.
bool wrapsExistingModule(llvm::ArrayRef<const Expr *> Args) {
  if (Args.empty())
    return true;
  QualType First = Args.front()->IgnoreImplicit()->getType();
  if (First->isNullPtrType())
    return true;
  const CXXRecordDecl *Record = recordOf(First);
  return Record && Record->getIdentifier() &&
         (Record->getName() == "shared_ptr" ||
          classifyNormModule(Record).has_value());
}

template <typename CallLike>
llvm::SmallVector<const Expr *, 2> argumentsOf(const CallLike *E,
                                               unsigned Skip = 0) {
  llvm::SmallVector<const Expr *, 2> Args;
  for (unsigned I = Skip, N = E->getNumArgs(); I < N; ++I)
    if (!isa<CXXDefaultArgExpr>(E->getArg(I)))
      Args.push_back(E->getArg(I));
  return Args;
}

/// Builds the construction record for a module of class \p Record built
/// from \p Args at \p Site, or nothing when that is not a new LibTorch norm
/// module whose options are decided here.
std::optional<NormConstruction>
makeConstruction(const Expr *Site, const CXXRecordDecl *Record,
                 llvm::SmallVector<const Expr *, 2> Args) {
  auto Kind = classifyNormModule(Record);
  if (!Kind)
    return std::nullopt;
  if (classifyNormHolder(Record) && !classifyNormImpl(Record) &&
      wrapsExistingModule(Args))
    return std::nullopt;
  if (buildsNormBaseInOwnConstructor(normImplRecord(Record)))
    return std::nullopt;
  return NormConstruction{Site, std::move(Args), *Kind};
}

/// The element type of a standard container or `std::optional`
/// specialization.
const CXXRecordDecl *elementRecord(const CXXRecordDecl *Container) {
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Container);
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return recordOf(Spec->getTemplateArgs()[0].getAsType());
}
} // namespace

StatementMatcher moduleConstructionMatcher(
    ast_matchers::internal::Matcher<CXXRecordDecl> ModuleClass) {
  auto Constructor =
      cxxConstructorDecl(ofClass(ModuleClass), unless(isCopyConstructor()),
                         unless(isMoveConstructor()));
  auto ModuleType = refersToType(hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(cxxRecordDecl(ModuleClass)))));
  return stmt(
      unless(isExpansionInLibraryCode()),
      anyOf(
          cxxConstructExpr(hasDeclaration(Constructor),
                           unless(hasParent(cxxNewExpr()))),
          cxxNewExpr(has(cxxConstructExpr(hasDeclaration(Constructor)))),
          // Factories construct their template argument from the
          // arguments written at the call.
          callExpr(callee(functionDecl(hasAnyName("::std::make_shared",
                                                  "::std::make_unique",
                                                  "::std::allocate_shared"),
                                       hasTemplateArgument(0, ModuleType)))),
          // So do in-place insertions into standard containers.
          cxxMemberCallExpr(callee(cxxMethodDecl(
              hasAnyName("emplace", "emplace_back", "emplace_front"),
              ofClass(classTemplateSpecializationDecl(
                  isInStdNamespace(), hasTemplateArgument(0, ModuleType))))))));
}

std::optional<ModuleConstruction> getModuleConstruction(const Expr *Matched) {
  if (const auto *New = dyn_cast<CXXNewExpr>(Matched)) {
    const CXXConstructExpr *Construct = New->getConstructExpr();
    if (!Construct)
      return std::nullopt;
    return ModuleConstruction{New, Construct->getConstructor()->getParent(),
                              argumentsOf(Construct)};
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Matched))
    return ModuleConstruction{Construct,
                              Construct->getConstructor()->getParent(),
                              argumentsOf(Construct)};
  if (const auto *Emplace = dyn_cast<CXXMemberCallExpr>(Matched)) {
    const CXXRecordDecl *Container = Emplace->getMethodDecl()->getParent();
    // Sequence containers' `emplace` takes the position first.
    unsigned Skip = Emplace->getMethodDecl()->getName() == "emplace" &&
                            Container->getName() != "optional"
                        ? 1
                        : 0;
    return ModuleConstruction{Emplace, elementRecord(Container),
                              argumentsOf(Emplace, Skip)};
  }
  if (const auto *Call = dyn_cast<CallExpr>(Matched)) {
    const FunctionDecl *Factory = Call->getDirectCallee();
    const TemplateArgumentList *TemplateArgs =
        Factory ? Factory->getTemplateSpecializationArgs() : nullptr;
    if (!TemplateArgs || TemplateArgs->size() == 0 ||
        (*TemplateArgs)[0].getKind() != TemplateArgument::Type)
      return std::nullopt;
    // allocate_shared's first argument is the allocator.
    unsigned Skip = Factory->getName() == "allocate_shared" ? 1 : 0;
    return ModuleConstruction{Call, recordOf((*TemplateArgs)[0].getAsType()),
                              argumentsOf(Call, Skip)};
  }
  return std::nullopt;
}

StatementMatcher normConstructionMatcher() {
  return stmt(moduleConstructionMatcher(cxxRecordDecl(isNormModuleClass())))
      .bind(NormConstructionID);
}

std::optional<NormConstruction> getNormConstruction(const Expr *Matched) {
  std::optional<ModuleConstruction> Construction =
      getModuleConstruction(Matched);
  if (!Construction || !Construction->Record)
    return std::nullopt;
  return makeConstruction(Construction->Site, Construction->Record,
                          std::move(Construction->Args));
}

StatementMatcher lateSettingMatcher() {
  auto RunningStatsAccessor =
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("track_running_stats"))));
  return stmt(unless(isExpansionInLibraryCode()),
              anyOf(RunningStatsAccessor,
                    binaryOperator(isAssignmentOperator(),
                                   hasLHS(ignoringParenImpCasts(
                                       anyOf(RunningStatsAccessor,
                                             memberExpr(member(hasName(
                                                 "track_running_stats_"))))))),
                    // `bn->options = BatchNorm2dOptions(...)`.
                    cxxOperatorCallExpr(
                        hasOverloadedOperatorName("="),
                        hasArgument(0, ignoringParenImpCasts(memberExpr(
                                           member(hasName("options"))))))))
      .bind(LateSettingID);
}

/// If \p Object is the `options` member of a constructed norm module
/// (directly, or through a reference or pointer bound to it), the module's
/// kind and the expression naming the module.
static std::optional<std::pair<NormModuleKind, const Expr *>>
moduleOwningOptions(const Expr *Object) {
  Object = Object->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
    const auto *Alias = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Alias || !Alias->getInit() ||
        !(Alias->getType()->isReferenceType() ||
          Alias->getType()->isPointerType()))
      return std::nullopt;
    Object = Alias->getInit()->IgnoreParenImpCasts();
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(Object);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf)
      Object = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *Member = dyn_cast<MemberExpr>(Object);
  if (!Member || !Member->getMemberDecl()->getIdentifier() ||
      Member->getMemberDecl()->getName() != "options")
    return std::nullopt;
  // The field lives in a base class (NormImplBase); the module is the type
  // of the object before the derived-to-base conversion.
  const Expr *Module = Member->getBase()->IgnoreParenImpCasts();
  auto Kind = classifyNormModule(recordOf(Module->getType()));
  if (!Kind)
    return std::nullopt;
  return std::make_pair(*Kind, Module);
}

std::optional<LateSetting> getLateSetting(const Stmt *Matched) {
  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(Matched)) {
    if (Assign->getNumArgs() != 2 ||
        !isNormOptionsClass(recordOf(Assign->getArg(0)->getType())))
      return std::nullopt;
    auto Kind = moduleOwningOptions(Assign->getArg(0));
    if (!Kind)
      return std::nullopt;
    return LateSetting{Assign, nullptr, Assign->getArg(1), Kind->first,
                       Kind->second};
  }
  auto Setting = matchRunningStatsSetting(Matched);
  if (!Setting)
    return std::nullopt;
  auto Kind = moduleOwningOptions(Setting->Object);
  if (!Kind)
    return std::nullopt;
  return LateSetting{cast<Expr>(Matched), Setting->Value, nullptr, Kind->first,
                     Kind->second};
}

} // namespace clang::tidy::vmap
