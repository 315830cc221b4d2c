//===--- ModuleTypes.h - What a type means to the vmap analysis -----------===//
//
// Classifies types by declaration: LibTorch modules (`torch::nn::Module` and
// its subclasses), their `ModuleHolder` wrappers, the containers whose
// forward runs their children, and the callables that a vmap can run. The
// vmapped-path analysis only follows values of these types.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_MODULETYPES_H
#define VMAP_TIDY_CHECKER_MODULETYPES_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::vmap {

/// True when \p D is declared directly in namespace `torch::nn`.
bool isDeclaredInTorchNN(const Decl *D);

/// If \p Record is `torch::nn::ModuleHolder<Impl>` (or derives from one, as
/// every `TORCH_MODULE` holder does), the `Impl` record; else null.
const CXXRecordDecl *heldModuleImpl(const CXXRecordDecl *Record);

/// True for `torch::nn::Module` and every class derived from it.
bool isModuleClass(const CXXRecordDecl *Record);

/// The module implementation class a value of type \p Type refers to: the
/// class itself, the `Impl` of a holder, or the pointee of a
/// `std::shared_ptr`/`unique_ptr` or raw pointer to a module; else null.
const CXXRecordDecl *moduleImplOf(QualType Type);

/// True when values of \p Type can carry a module or a callable: modules,
/// holders, smart pointers, standard containers, pairs and optionals of
/// such values, `AnyModule`, `std::function`, closures, functors and
/// function pointers. Plain data (tensors, options, numbers) is not.
bool carriesModuleOrCallable(QualType Type);

/// True for callables: closures, `std::function`, function pointers and
/// references, classes with an `operator()` that are not modules.
bool isCallableType(QualType Type);

/// The `forward` methods a module class declares (its own, or the nearest
/// base that has one), so that running the module runs them.
llvm::SmallVector<const CXXMethodDecl *, 2>
forwardMethods(const CXXRecordDecl *Impl);

} // namespace clang::tidy::vmap

#endif
