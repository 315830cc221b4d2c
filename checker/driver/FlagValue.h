//===--- FlagValue.h - The value of a command-line flag -------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_FLAGVALUE_H
#define VMAP_TIDY_CHECKER_DRIVER_FLAGVALUE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::vmap {

/// The value of flag \p Name at \p Args[\p I], written `-name=value`,
/// `--name=value` or `--name value` as llvm::cl accepts them; advances \p I
/// past a separate value. Nullopt when \p Args[\p I] is another flag.
inline std::optional<std::string> flagValue(llvm::ArrayRef<const char *> Args,
                                            size_t &I, llvm::StringRef Name) {
  llvm::StringRef Flag = llvm::StringRef(Args[I]).ltrim('-');
  if (!Flag.consume_front(Name))
    return std::nullopt;
  if (Flag.consume_front("="))
    return Flag.str();
  if (Flag.empty() && I + 1 < Args.size())
    return std::string(Args[++I]);
  return std::nullopt;
}

} // namespace clang::tidy::vmap

#endif
