//===--- VmapRules.h - The list of vmap-* rules ---------------------------===//

#ifndef VMAP_TIDY_RULES_VMAPRULES_H
#define VMAP_TIDY_RULES_VMAPRULES_H

namespace clang::tidy {
class ClangTidyCheckFactories;
namespace vmap {

/// Registers every rule of rules/VmapRules.cpp under its RuleInfo name.
void registerVmapRules(ClangTidyCheckFactories &Factories);

} // namespace vmap
} // namespace clang::tidy

#endif
