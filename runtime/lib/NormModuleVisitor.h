//===--- NormModuleVisitor.h - Reach a norm module's concrete class -------===//
//
// BatchNorm and InstanceNorm share NormImplBase<D, Derived, Options>, a class
// template, so code that touches options, buffers or forward() of "any norm
// module" has to be a template over the concrete implementation class. This
// dispatches a generic callable on it.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_LIB_NORMMODULEVISITOR_H
#define VMAP_TIDY_LIB_NORMMODULEVISITOR_H

#include "vmap_tidy/NormModules.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
// instancenorm.h uses functional::detail::instance_norm without including it.
#include <torch/nn/functional/instancenorm.h>
#include <torch/nn/modules/instancenorm.h>

#include <type_traits>

namespace vmap_tidy::detail {

/// \p module as an \p Impl, keeping its constness; null when it is not one.
template <typename Impl, typename ModuleType>
auto *as_impl(ModuleType &module) {
  using Target =
      std::conditional_t<std::is_const_v<ModuleType>, const Impl, Impl>;
  return dynamic_cast<Target *>(&module);
}

/// Calls `visitor(impl, kind)` with \p module as its concrete norm class
/// (BatchNorm2dImpl&, ...) and returns true; returns false, without calling,
/// when \p module is no norm module.
template <typename ModuleType, typename Visitor>
bool visit_norm_module(ModuleType &module, Visitor &&visitor) {
  auto try_kind = [&](auto *impl, NormKind kind) {
    if (!impl)
      return false;
    visitor(*impl, kind);
    return true;
  };
  using namespace torch::nn;
  return try_kind(as_impl<BatchNorm1dImpl>(module), NormKind::BatchNorm1d) ||
         try_kind(as_impl<BatchNorm2dImpl>(module), NormKind::BatchNorm2d) ||
         try_kind(as_impl<BatchNorm3dImpl>(module), NormKind::BatchNorm3d) ||
         try_kind(as_impl<InstanceNorm1dImpl>(module),
                  NormKind::InstanceNorm1d) ||
         try_kind(as_impl<InstanceNorm2dImpl>(module),
                  NormKind::InstanceNorm2d) ||
         try_kind(as_impl<InstanceNorm3dImpl>(module),
                  NormKind::InstanceNorm3d);
}

} // namespace vmap_tidy::detail

#endif // VMAP_TIDY_LIB_NORMMODULEVISITOR_H
