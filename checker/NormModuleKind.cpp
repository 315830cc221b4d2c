//===--- NormModuleKind.cpp - Which LibTorch norm module a type is --------===//

#include "checker/NormModuleKind.h"
#include "checker/ModuleTypes.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::vmap {

std::string NormModuleKind::name() const {
  return (familyName(Family) + llvm::Twine(Dims) + "d").str();
}

llvm::StringRef familyName(NormFamily Family) {
  return Family == NormFamily::BatchNorm ? "BatchNorm" : "InstanceNorm";
}

/// Looks \p Record itself up in LibTorch's table of norm implementations.
static std::optional<NormModuleKind>
lookupNormImpl(const CXXRecordDecl *Record) {
  if (!Record->getIdentifier() || !isDeclaredInTorchNN(Record))
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

std::optional<NormModuleKind> classifyNormHolder(const CXXRecordDecl *Record) {
  if (!Record)
    return std::nullopt;
  return classifyNormImpl(heldModuleImpl(Record));
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
  const CXXRecordDecl *Impl = heldModuleImpl(Record);
  return classifyNormImpl(Impl) ? Impl : nullptr;
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
  if (Record->getIdentifier() && isDeclaredInTorchNN(Record) &&
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

} // namespace clang::tidy::vmap
