//===--- NormModuleKind.cpp - Which LibTorch norm module a type is --------===//

#include "checker/NormModuleKind.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::vmap {

std::string NormModuleKind::name() const {
  return (familyName(Family) + llvm::Twine(Dims) + "d").str();
}

llvm::StringRef familyName(NormFamily Family) {
  return Family == NormFamily::BatchNorm ? "BatchNorm" : "InstanceNorm";
}

/// True when \p Record is declared directly in namespace `torch::nn`.
static bool isInTorchNN(const CXXRecordDecl *Record) {
  const auto *NN = dyn_cast<NamespaceDecl>(Record->getDeclContext());
  if (!NN || NN->getName() != "nn")
    return false;
  const auto *Torch = dyn_cast<NamespaceDecl>(NN->getDeclContext());
  return Torch && Torch->getName() == "torch" &&
         Torch->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

/// Looks \p Record itself up in LibTorch's table of norm implementations.
static std::optional<NormModuleKind>
lookupNormImpl(const CXXRecordDecl *Record) {
  if (!Record->getIdentifier() || !isInTorchNN(Record))
    return std::nullopt;
  return llvm::StringSwitch<std::optional<NormModuleKind>>(Record->getName())
      .Case("BatchNorm1dImpl", NormModuleKind{NormFamily::BatchNorm, 1})
      .Case("BatchNorm2dImpl", NormModuleKind{NormFamily::BatchNorm, 2})
      .Case("BatchNorm3dImpl", NormModuleKind{NormFamily::BatchNorm, 3})
      .Case("InstanceNorm1dImpl", NormModuleKind{NormFamily::InstanceNorm, 1})
      .Case("InstanceNorm2dImpl", NormModuleKind{NormFamily::InstanceNorm, 2})
      .Case("InstanceNorm3dImpl", NormModuleKind{NormFamily::InstanceNorm, 3})
      .Default(std::nullopt);
}

std::optional<NormModuleKind> classifyNormImpl(const CXXRecordDecl *Record) {
  if (!Record)
    return std::nullopt;
  Record = Record->getDefinition() ? Record->getDefinition() : Record;
  if (auto Kind = lookupNormImpl(Record))
    return Kind;
  if (!Record->hasDefinition())
    return std::nullopt;
  // A user's subclass of BatchNorm2dImpl registers the same buffers.
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (auto Kind = classifyNormImpl(recordOf(Base.getType())))
      return Kind;
  return std::nullopt;
}

/// If \p Record is `torch::nn::ModuleHolder<Impl>`, returns Impl's record.
static const CXXRecordDecl *heldImpl(const CXXRecordDecl *Record) {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec || Spec->getName() != "ModuleHolder" || !isInTorchNN(Spec))
    return nullptr;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return recordOf(Args[0].getAsType());
}

std::optional<NormModuleKind> classifyNormHolder(const CXXRecordDecl *Record) {
  if (!Record)
    return std::nullopt;
  if (const CXXRecordDecl *Impl = heldImpl(Record))
    return classifyNormImpl(Impl);
  if (!Record->hasDefinition())
    return std::nullopt;
  for (const CXXBaseSpecifier &Base : Record->getDefinition()->bases())
    if (auto Kind = classifyNormHolder(recordOf(Base.getType())))
      return Kind;
  return std::nullopt;
}

std::optional<NormModuleKind> classifyNormModule(const CXXRecordDecl *Record) {
  if (auto Kind = classifyNormImpl(Record))
    return Kind;
  return classifyNormHolder(Record);
}

const CXXRecordDecl *normImplRecord(const CXXRecordDecl *Record) {
  if (!Record)
    return nullptr;
  if (classifyNormImpl(Record))
    return Record;
  if (const CXXRecordDecl *Impl = heldImpl(Record))
    return classifyNormImpl(Impl) ? Impl : nullptr;
  if (!Record->hasDefinition())
    return nullptr;
  for (const CXXBaseSpecifier &Base : Record->getDefinition()->bases())
    if (const CXXRecordDecl *Impl = normImplRecord(recordOf(Base.getType())))
      return Impl;
  return nullptr;
}

bool buildsNormBaseInOwnConstructor(const CXXRecordDecl *Impl) {
  if (!Impl || !Impl->hasDefinition())
    return false;
  Impl = Impl->getDefinition();
  if (lookupNormImpl(Impl))
    return false;
  // Inherited constructors (`using BatchNorm2dImpl::BatchNorm2dImpl;`) are
  // implicit: they forward the arguments to the base unchanged.
  for (const CXXConstructorDecl *Ctor : Impl->ctors())
    if (!Ctor->isImplicit() && !Ctor->isCopyOrMoveConstructor())
      return true;
  for (const CXXBaseSpecifier &Base : Impl->bases()) {
    const CXXRecordDecl *BaseRecord = recordOf(Base.getType());
    if (classifyNormImpl(BaseRecord))
      return buildsNormBaseInOwnConstructor(BaseRecord);
  }
  return false;
}

bool isNormOptionsClass(const CXXRecordDecl *Record) {
  if (!Record)
    return false;
  if (Record->getIdentifier() && isInTorchNN(Record) &&
      (Record->getName() == "BatchNormOptions" ||
       Record->getName() == "InstanceNormOptions"))
    return true;
  if (!Record->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : Record->getDefinition()->bases())
    if (isNormOptionsClass(recordOf(Base.getType())))
      return true;
  return false;
}

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  Type = Type.getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

} // namespace clang::tidy::vmap
