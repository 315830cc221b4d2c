//===--- ModuleTypes.cpp - What a type means to the vmap analysis ---------===//

#include "checker/ModuleTypes.h"
#include "checker/AstNames.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::vmap {

bool isDeclaredInTorchNN(const Decl *D) {
  const auto *NN = dyn_cast<NamespaceDecl>(D->getDeclContext());
  if (!NN || NN->getName() != "nn")
    return false;
  const auto *Torch = dyn_cast<NamespaceDecl>(NN->getDeclContext());
  return Torch && Torch->getName() == "torch" &&
         Torch->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

const CXXRecordDecl *heldModuleImpl(const CXXRecordDecl *Record) {
  if (!Record)
    return nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
      Spec && Spec->getName() == "ModuleHolder" && isDeclaredInTorchNN(Spec)) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
      return nullptr;
    return recordOf(Args[0].getAsType());
  }
  if (!Record->hasDefinition())
    return nullptr;
  for (const CXXBaseSpecifier &Base : Record->getDefinition()->bases())
    if (const CXXRecordDecl *Impl = heldModuleImpl(recordOf(Base.getType())))
      return Impl;
  return nullptr;
}

bool isModuleClass(const CXXRecordDecl *Record) {
  if (!Record)
    return false;
  if (Record->getIdentifier() && Record->getName() == "Module" &&
      isDeclaredInTorchNN(Record))
    return true;
  if (!Record->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : Record->getDefinition()->bases())
    if (isModuleClass(recordOf(Base.getType())))
      return true;
  return false;
}

/// True for a class template specialization from namespace std.
static bool isStdTemplate(const CXXRecordDecl *Record) {
  return isa<ClassTemplateSpecializationDecl>(Record) &&
         Record->isInStdNamespace();
}

/// The type arguments of a class template specialization.
static llvm::SmallVector<QualType, 2>
typeArguments(const CXXRecordDecl *Record) {
  llvm::SmallVector<QualType, 2> Types;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type)
        Types.push_back(Arg.getAsType());
  return Types;
}

const CXXRecordDecl *moduleImplOf(QualType Type) {
  const CXXRecordDecl *Record = recordOf(Type);
  if (!Record)
    return nullptr;
  if (const CXXRecordDecl *Impl = heldModuleImpl(Record))
    return Impl;
  if (isModuleClass(Record))
    return Record;
  if (isStdTemplate(Record) && Record->getIdentifier() &&
      (Record->getName() == "shared_ptr" ||
       Record->getName() == "unique_ptr")) {
    auto Args = typeArguments(Record);
    if (!Args.empty())
      return moduleImplOf(Args.front());
  }
  return nullptr;
}

bool isCallableType(QualType Type) {
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType();
  if (Type->isFunctionType() || Type->isFunctionPointerType() ||
      Type->isFunctionReferenceType() || Type->isMemberFunctionPointerType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition() || moduleImplOf(Type))
    return false;
  if (Record->isLambda())
    return true;
  if (isStdTemplate(Record) && Record->getIdentifier() &&
      Record->getName() == "function")
    return true;
  // Functors, including std::bind's result: anything with an operator().
  for (const Decl *Member : Record->getDefinition()->decls()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
      Method = dyn_cast<CXXMethodDecl>(Template->getTemplatedDecl());
    if (Method && Method->getOverloadedOperator() == OO_Call)
      return true;
  }
  return false;
}

/// Standard wrappers whose values hold the values of their type arguments.
static bool isStdHolderOfArguments(const CXXRecordDecl *Record) {
  if (!isStdTemplate(Record) || !Record->getIdentifier())
    return false;
  return llvm::StringSwitch<bool>(Record->getName())
      .Cases("vector", "deque", "list", "array", "map", "unordered_map", true)
      .Cases("pair", "tuple", "optional", "shared_ptr", "unique_ptr", true)
      .Cases("reference_wrapper", "initializer_list", true)
      .Default(false);
}

bool carriesModuleOrCallable(QualType Type) {
  if (Type.isNull())
    return false;
  // A C array carries what its elements do.
  if (const ArrayType *Array = Type->getAsArrayTypeUnsafe())
    return carriesModuleOrCallable(Array->getElementType());
  if (moduleImplOf(Type) || isCallableType(Type))
    return true;
  const CXXRecordDecl *Record = recordOf(Type);
  if (!Record)
    return false;
  // AnyModule and AnyValue-like wrappers of torch::nn hold type-erased
  // modules.
  if (Record->getIdentifier() && Record->getName() == "AnyModule" &&
      isDeclaredInTorchNN(Record))
    return true;
  if (isStdHolderOfArguments(Record))
    for (QualType Arg : typeArguments(Record))
      if (carriesModuleOrCallable(Arg))
        return true;
  return false;
}

llvm::SmallVector<const CXXMethodDecl *, 2>
forwardMethods(const CXXRecordDecl *Impl) {
  llvm::SmallVector<const CXXMethodDecl *, 2> Methods;
  if (!Impl || !Impl->hasDefinition())
    return Methods;
  Impl = Impl->getDefinition();
  for (const Decl *Member : Impl->decls()) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member)) {
      for (const FunctionDecl *Spec : Template->specializations())
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Spec);
            Method && Method->getName() == "forward")
          Methods.push_back(Method);
      continue;
    }
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Member);
        Method && Method->getIdentifier() && Method->getName() == "forward")
      Methods.push_back(Method);
  }
  if (!Methods.empty())
    return Methods;
  for (const CXXBaseSpecifier &Base : Impl->bases())
    if (const CXXRecordDecl *BaseRecord = recordOf(Base.getType());
        BaseRecord && isModuleClass(BaseRecord))
      return forwardMethods(BaseRecord);
  return Methods;
}

} // namespace clang::tidy::vmap
