//===--- VmapRules.cpp - The list of vmap-* rules -------------------------===//
//
// The one place a new rule is registered: add its check class to
// RegisteredRules below (see docs/contributing.md).
//
//===----------------------------------------------------------------------===//

#include "rules/VmapRules.h"
#include "checker/RuleInfo.h"
#include "clang-tidy/ClangTidyModule.h"
#include "rules/BatchNormRunningStatsCheck.h"
#include "rules/DataDependentCheck.h"
#include "rules/FunctionalBatchNormCheck.h"
#include "rules/InstanceNormRunningStatsCheck.h"
#include "rules/RandomOpCheck.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::vmap {

namespace {

template <typename... Checks> struct RuleList {
  static void registerAll(ClangTidyCheckFactories &Factories) {
    (Factories.registerCheck<Checks>(Checks::Info.Name), ...);
  }
  static constexpr const RuleInfo *Infos[] = {&Checks::Info...};
};

using RegisteredRules =
    RuleList<BatchNormRunningStatsCheck, InstanceNormRunningStatsCheck,
             DataDependentCheck, FunctionalBatchNormCheck, RandomOpCheck>;

} // namespace

void registerVmapRules(ClangTidyCheckFactories &Factories) {
  RegisteredRules::registerAll(Factories);
}

llvm::ArrayRef<const RuleInfo *> vmapRules() { return RegisteredRules::Infos; }

const RuleInfo *findVmapRule(llvm::StringRef Check) {
  for (const RuleInfo *Rule : vmapRules())
    if (Rule->Name == Check)
      return Rule;
  return nullptr;
}

} // namespace clang::tidy::vmap
