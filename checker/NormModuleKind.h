//===--- NormModuleKind.h - Which LibTorch norm module a type is ----------===//
//
// Recognises LibTorch's normalisation modules by declaration, not spelling:
// the module implementation classes (`torch::nn::BatchNorm2dImpl`, user
// subclasses of them), their `ModuleHolder` wrappers (`torch::nn::BatchNorm2d`,
// reached through aliases, typedefs and using-directives alike) and their
// options classes.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_NORMMODULEKIND_H
#define VMAP_TIDY_CHECKER_NORMMODULEKIND_H

#include "checker/AstNames.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap {

/// Norm modules that keep running statistics, grouped by the rule that
/// reports them.
enum class NormFamily { BatchNorm, InstanceNorm };

struct NormModuleKind {
  NormFamily Family;
  /// 1, 2 or 3: the `Nd` in `BatchNormNd`.
  unsigned Dims;

  /// The user-facing module name, e.g. "BatchNorm2d".
  std::string name() const;
  /// `track_running_stats` when the options leave it unset.
  bool defaultTracksRunningStats() const {
    return Family == NormFamily::BatchNorm;
  }
  bool operator==(const NormModuleKind &O) const {
    return Family == O.Family && Dims == O.Dims;
  }
};

/// The family name used in messages: "BatchNorm" or "InstanceNorm".
llvm::StringRef familyName(NormFamily Family);

/// Classifies a module implementation class (`BatchNorm2dImpl` or a class
/// derived from one).
std::optional<NormModuleKind> classifyNormImpl(const CXXRecordDecl *Record);

/// Classifies a `ModuleHolder<Impl>` wrapper such as `torch::nn::BatchNorm2d`.
std::optional<NormModuleKind> classifyNormHolder(const CXXRecordDecl *Record);

/// Classifies either of the above.
std::optional<NormModuleKind> classifyNormModule(const CXXRecordDecl *Record);

/// The implementation class behind a module class: \p Record itself for an
/// implementation, the held `Impl` for a `ModuleHolder`; null otherwise.
const CXXRecordDecl *normImplRecord(const CXXRecordDecl *Record);

/// True when constructing \p Impl runs a constructor the user wrote in a
/// subclass of a LibTorch norm implementation: that constructor's base
/// initialiser constructs the LibTorch module and is where its options are
/// judged, not the subclass's construction sites.
bool buildsNormBaseInOwnConstructor(const CXXRecordDecl *Impl);

/// True for `torch::nn::BatchNormOptions` / `InstanceNormOptions` (and
/// classes derived from them): the classes whose `track_running_stats`
/// setting the norm modules read at construction.
bool isNormOptionsClass(const CXXRecordDecl *Record);

} // namespace clang::tidy::vmap

#endif
