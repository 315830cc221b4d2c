//===--- VmapTidyModule.cpp - The vmap-tidy check module ------------------===//
//
// Registers the vmap-* checks. Linked into build/bin/vmap-tidy and built as
// the plugin build/lib/libVmapTidyModule.so for `clang-tidy --load`.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "rules/VmapRules.h"

namespace clang::tidy::vmap {

class VmapTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    registerVmapRules(Factories);
  }
};

} // namespace clang::tidy::vmap

namespace clang::tidy {
static ClangTidyModuleRegistry::Add<vmap::VmapTidyModule>
    VmapTidyModuleRegistration("vmap-module",
                               "Checks for LibTorch code run under vmap.");

// Referenced by the standalone driver so the linker keeps this object.
volatile int VmapTidyModuleAnchorSource = 0;
} // namespace clang::tidy
