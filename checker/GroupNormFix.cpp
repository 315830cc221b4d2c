//===--- GroupNormFix.cpp - Replace a norm module with GroupNorm ----------===//

#include "checker/GroupNormFix.h"
#include "checker/AstNames.h"
#include "checker/ModuleTypes.h"
#include "checker/SourceEdits.h"
#include "checker/StorageRef.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::vmap {

namespace {
/// True when a member of this name exists on BatchNorm but not GroupNorm.
bool isNormOnlyMember(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("running_mean", "running_var", "num_batches_tracked", true)
      .Cases("reset_running_stats", "options", true)
      .Default(false);
}

class NormOnlyApiFinder : public RecursiveASTVisitor<NormOnlyApiFinder> {
public:
  explicit NormOnlyApiFinder(
      llvm::DenseMap<const ValueDecl *, const Expr *> &Uses)
      : Uses(Uses) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  void record(const Expr *Object, const Expr *Use) {
    if (StorageRef Ref = storageReferencedBy(Object); Ref.Decl)
      Uses.try_emplace(Ref.Decl, Use);
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    const ValueDecl *D = Member->getMemberDecl();
    // The members live in a base class (NormImplBase); the module is the
    // type before the derived-to-base conversion.
    if (D->getIdentifier() && isNormOnlyMember(D->getName()) &&
        classifyNormModule(
            recordOf(Member->getBase()->IgnoreImpCasts()->getType())))
      record(Member->getBase(), Member);
    return true;
  }
  // `seq[1]->as<BatchNorm2d>()` stops working once the child is a GroupNorm.
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() && Method->getName() == "as" &&
        Method->getTemplateSpecializationArgs() &&
        Method->getTemplateSpecializationArgs()->size() >= 1 &&
        Method->getTemplateSpecializationArgs()->get(0).getKind() ==
            TemplateArgument::Type &&
        classifyNormModule(recordOf(
            Method->getTemplateSpecializationArgs()->get(0).getAsType())))
      record(Call->getImplicitObjectArgument(), Call);
    return true;
  }

private:
  llvm::DenseMap<const ValueDecl *, const Expr *> &Uses;
};

/// Where a constructed module ends up, syntactically.
struct Destination {
  /// The variable or field whose declared type names the module, if any.
  const DeclaratorDecl *Declared = nullptr;
  /// A container (or other storage) the module is put into, if any.
  const ValueDecl *Container = nullptr;
  std::string Refusal;
};

const Stmt *parentStmt(ASTContext &Context, const DynTypedNode &Node,
                       DynTypedNode &Parent) {
  DynTypedNodeList Parents = Context.getParents(Node);
  if (Parents.empty())
    return nullptr;
  // A default member initialiser also hangs under each constructor that
  // uses it; the field is the parent that declares it.
  Parent = Parents[0];
  for (const DynTypedNode &Candidate : Parents)
    if (Candidate.get<FieldDecl>())
      Parent = Candidate;
  return Parent.get<Stmt>();
}

Destination findDestination(ASTContext &Context, const Expr *Written) {
  Destination Result;
  DynTypedNode Node = DynTypedNode::create(*Written);
  for (int Depth = 0; Depth < 16; ++Depth) {
    DynTypedNode Parent;
    const Stmt *P = parentStmt(Context, Node, Parent);
    if (const auto *Var = Parent.get<VarDecl>()) {
      Result.Declared = Var;
      return Result;
    }
    if (const auto *Field = Parent.get<FieldDecl>()) {
      Result.Declared = Field;
      return Result;
    }
    if (const auto *Init = Parent.get<CXXCtorInitializer>()) {
      Result.Declared = Init->getMember();
      return Result;
    }
    // A constructor's member initialisers have the constructor as parent.
    if (const auto *Ctor = Parent.get<CXXConstructorDecl>()) {
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isMemberInitializer() && Init->getInit() == Node.get<Expr>())
          Result.Declared = Init->getMember();
      return Result;
    }
    if (!P)
      return Result;
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups, ParenExpr, CXXFunctionalCastExpr>(P)) {
      Node = Parent;
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
      // A copy keeps the module; a container built from it holds it.
      if (!Construct->getConstructor()->isCopyOrMoveConstructor())
        Result.Container = nullptr;
      Node = Parent;
      continue;
    }
    if (isa<ReturnStmt>(P)) {
      Result.Refusal = "the module is returned from a function whose return "
                       "type would have to change";
      return Result;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(P);
        Assign && Assign->getOpcode() == BO_Assign) {
      Result.Declared = dyn_cast_or_null<DeclaratorDecl>(
          storageReferencedBy(Assign->getLHS()).Decl);
      return Result;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      Result.Declared = dyn_cast_or_null<DeclaratorDecl>(
          storageReferencedBy(Op->getArg(0)).Decl);
      return Result;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      llvm::StringRef Name = Callee && Callee->getIdentifier()
                                 ? Callee->getName()
                                 : llvm::StringRef();
      if (Name == "register_module" || Name == "move") {
        Node = Parent;
        continue;
      }
      // `seq->push_back(bn)`: the module lives in the container.
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
        Result.Container =
            storageReferencedBy(Member->getImplicitObjectArgument()).Decl;
        return Result;
      }
      Result.Refusal = "the module is passed to '" + Name.str() +
                       "', whose parameter type would have to change";
      return Result;
    }
    if (isa<InitListExpr, CXXStdInitializerListExpr>(P)) {
      Node = Parent;
      continue;
    }
    return Result;
  }
  return Result;
}

/// True when no other declaration shares \p D's written type (`BatchNorm2d
/// a{nullptr}, b{nullptr};`), so retyping it changes only \p D.
bool ownsWrittenType(const DeclaratorDecl *D) {
  SourceLocation Begin = D->getTypeSpecStartLoc();
  for (const Decl *Sibling : D->getDeclContext()->decls())
    if (const auto *Other = dyn_cast<DeclaratorDecl>(Sibling);
        Other && Other != D && (isa<FieldDecl>(Other) || isa<VarDecl>(Other)) &&
        Other->getTypeSpecStartLoc() == Begin)
      return false;
  return true;
}
} // namespace

NormOnlyApiUses::NormOnlyApiUses(ASTContext &Context) {
  NormOnlyApiFinder Finder(Uses);
  for (Decl *D : Context.getTraversalScope())
    Finder.TraverseDecl(D);
}

const Expr *NormOnlyApiUses::firstUse(const ValueDecl *Storage) const {
  auto It = Uses.find(Storage);
  return It == Uses.end() ? nullptr : It->second;
}

GroupNormFix buildGroupNormFix(const NormConstruction &Construction,
                               const NormConfiguration &Config,
                               int64_t MaxGroups, const NormOnlyApiUses &Api,
                               ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  GroupNormFix Fix;
  auto Refuse = [&](std::string Why) {
    Fix.Hints.clear();
    Fix.Refusal = std::move(Why);
    return Fix;
  };
  if (!Config.Channels)
    return Refuse("the channel count is not a compile-time constant");
  int64_t C = *Config.Channels;
  bool IsInstanceNorm = Construction.Kind.Family == NormFamily::InstanceNorm;
  // InstanceNorm normalises each channel alone: GroupNorm(C, C).
  std::optional<int64_t> G =
      IsInstanceNorm
          ? std::optional<int64_t>(C)
          : groupNormGroups(C, MaxGroups,
                            /*PerFeature=*/Construction.Kind.Dims == 1);
  if (!G)
    return Refuse(
        Construction.Kind.Dims == 1 && C > 0
            ? "a group of " + std::to_string(C) +
                  " feature would be normalised to zero; GroupNorm needs at "
                  "least two features per group"
            : "no group count up to " + std::to_string(MaxGroups) +
                  " divides " + std::to_string(C) + " channels");
  Fix.Groups = G;
  Fix.Replacement =
      "GroupNorm(" + std::to_string(*G) + ", " + std::to_string(C) + ")";

  const auto *Construct = dyn_cast<CXXConstructExpr>(Construction.Site);
  if (!Construct || !heldModuleImpl(recordOf(Construct->getType())))
    return Refuse("the module is built as an implementation object, not "
                  "through its holder '" +
                  Construction.Kind.name() + "'");

  // The options, keeping what GroupNorm shares with the norm module.
  std::string Channels = std::to_string(C);
  if (isEditable(SM, Config.ChannelsExpr->getSourceRange()))
    Channels = sourceText(Context, Config.ChannelsExpr->getSourceRange()).str();
  std::string Options = "torch::nn::GroupNormOptions(" + std::to_string(*G) +
                        ", " + Channels + ")";
  auto Setter = [&](const char *Name, const Expr *Value) {
    if (Value && isEditable(SM, Value->getSourceRange()))
      Options += std::string(".") + Name + "(" +
                 sourceText(Context, Value->getSourceRange()).str() + ")";
  };
  Setter("eps", Config.Eps);
  Setter("affine", Config.Affine);
  if (IsInstanceNorm && !Config.Affine)
    Options += ".affine(false)";

  // `BatchNorm2d(8)` is a functional cast around the construction; direct
  // initialisation (`BatchNorm2d bn(8);`, `bn{8}`) has only the arguments.
  const Expr *Written = Construct;
  for (DynTypedNodeList Parents = Context.getParents(*Construct);
       !Parents.empty(); Parents = Context.getParents(Parents[0])) {
    if (const auto *Cast = Parents[0].get<CXXFunctionalCastExpr>())
      Written = Cast;
    else if (!Parents[0].get<CXXBindTemporaryExpr>() &&
             !Parents[0].get<ImplicitCastExpr>())
      break;
  }
  // Direct initialisation writes no type name in the construction, only
  // the variable's or member's name and the arguments.
  bool DirectInit = Written == Construct &&
                    !isa<CXXTemporaryObjectExpr>(Construct) &&
                    Construct->getParenOrBraceRange().isValid();
  if (DirectInit) {
    SourceRange Args = Construct->getParenOrBraceRange();
    if (std::optional<std::string> Why = editRefusal(SM, Args))
      return Refuse("the construction " + *Why);
    bool Braces = sourceText(Context, SourceRange(Args.getBegin(),
                                                  Args.getBegin())) == "{";
    Fix.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Args),
        (Braces ? "{" : "(") + Options + (Braces ? "}" : ")")));
  } else {
    if (std::optional<std::string> Why =
            editRefusal(SM, Written->getSourceRange()))
      return Refuse("the construction " + *Why);
    Fix.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Written->getSourceRange()),
        "torch::nn::GroupNorm(" + Options + ")"));
  }

  Destination To = findDestination(Context, Written);
  if (!To.Refusal.empty())
    return Refuse(To.Refusal);
  for (const ValueDecl *Storage :
       {static_cast<const ValueDecl *>(To.Declared), To.Container})
    if (const Expr *Use = Storage ? Api.firstUse(Storage) : nullptr)
      return Refuse(
          "'" + Storage->getNameAsString() +
          "' is used through BatchNorm-only API at line " +
          std::to_string(SM.getExpansionLineNumber(Use->getBeginLoc())) +
          ", which GroupNorm lacks");
  if (To.Declared && classifyNormModule(recordOf(To.Declared->getType())) &&
      !To.Declared->getType()->getContainedAutoType()) {
    if (!classifyNormHolder(recordOf(To.Declared->getType())) ||
        To.Declared->getType()->isPointerType())
      return Refuse("'" + To.Declared->getNameAsString() +
                    "' is declared as an implementation object");
    if (!ownsWrittenType(To.Declared))
      return Refuse("'" + To.Declared->getNameAsString() +
                    "' shares its declared type with another declaration");
    TypeLoc Type = To.Declared->getTypeSourceInfo()->getTypeLoc();
    SourceRange TypeRange = Type.getSourceRange();
    if (!isEditable(SM, TypeRange))
      return Refuse("the declared type of '" + To.Declared->getNameAsString() +
                    "' is written in a macro");
    Fix.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(TypeRange), "torch::nn::GroupNorm"));
  }
  return Fix;
}

} // namespace clang::tidy::vmap
