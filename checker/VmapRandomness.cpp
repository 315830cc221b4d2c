//===--- VmapRandomness.cpp - The randomness a vmap runs with -------------===//

#include "checker/VmapRandomness.h"
#include "checker/AstNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::vmap {

static const EnumDecl *randomnessEnum(QualType Type) {
  const auto *Enum = Type.isNull() ? nullptr : Type->getAs<EnumType>();
  const EnumDecl *Decl = Enum ? Enum->getDecl() : nullptr;
  return Decl && Decl->getIdentifier() &&
                 (Decl->getName() == "Randomness" ||
                  Decl->getName() == "RandomnessType")
             ? Decl
             : nullptr;
}

/// True for `optional<E>` of a randomness enum E.
static bool isOptionalRandomness(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.isNull() ? nullptr : Type->getAsCXXRecordDecl());
  return Spec && isNamed(Spec, "optional") &&
         Spec->getTemplateArgs().size() >= 1 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         randomnessEnum(Spec->getTemplateArgs()[0].getAsType());
}

/// The randomness inside \p Arg, looking through default arguments and the
/// conversions to a parameter's type (such as `optional<RandomnessType>`):
/// an expression of randomness-enum type, or an optional of one that is not
/// built from a value (such as a variable); null when there is none, as for
/// `nullopt`.
static const Expr *randomnessValue(const Expr *Arg) {
  while (Arg) {
    Arg = Arg->IgnoreImplicit();
    if (randomnessEnum(Arg->getType()))
      return Arg;
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(Arg))
      Arg = Default->getExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
             Construct && Construct->getNumArgs() >= 1 &&
             isNamed(Construct->getConstructor()->getParent(), "optional"))
      Arg = Construct->getArg(0);
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Arg))
      Arg = Cast->getSubExpr();
    else if (const auto *Paren = dyn_cast<ParenExpr>(Arg))
      Arg = Paren->getSubExpr();
    else
      return isOptionalRandomness(Arg->getType()) ? Arg : nullptr;
  }
  return nullptr;
}

static RandomnessMode modeOf(const Expr *Value, const ASTContext &Context) {
  const EnumConstantDecl *Enumerator = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Value->IgnoreParenImpCasts()))
    Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl());
  Expr::EvalResult Result;
  const EnumDecl *Enum = randomnessEnum(Value->getType());
  if (!Enumerator && Enum && !Value->isValueDependent() &&
      Value->EvaluateAsInt(Result, Context))
    for (const EnumConstantDecl *Candidate : Enum->enumerators())
      if (llvm::APSInt::isSameValue(Candidate->getInitVal(),
                                    Result.Val.getInt()))
        Enumerator = Candidate;
  if (!Enumerator || !Enumerator->getIdentifier())
    return RandomnessMode::Unknown;
  return llvm::StringSwitch<RandomnessMode>(Enumerator->getName().lower())
      .Case("error", RandomnessMode::Error)
      .Case("same", RandomnessMode::Same)
      .Case("different", RandomnessMode::Different)
      .Default(RandomnessMode::Unknown);
}

std::optional<RandomnessMode> randomnessArgument(const CallExpr *Call,
                                                 const ASTContext &Context) {
  for (const Expr *Arg : Call->arguments())
    if (const Expr *Value = randomnessValue(Arg))
      return modeOf(Value, Context);
  return std::nullopt;
}

RandomnessMode vmapCallRandomness(const CallExpr *Call,
                                  const FunctionDecl *Callee,
                                  const ASTContext &Context) {
  if (std::optional<RandomnessMode> Mode = randomnessArgument(Call, Context))
    return *Mode;
  return Callee->getQualifiedNameAsString() == "vmap_tidy::vmap"
             ? RandomnessMode::Error
             : RandomnessMode::Unknown;
}

RandomnessMode regionRandomness(const CallExpr *Push,
                                const ASTContext &Context) {
  return randomnessArgument(Push, Context).value_or(RandomnessMode::Error);
}

} // namespace clang::tidy::vmap
