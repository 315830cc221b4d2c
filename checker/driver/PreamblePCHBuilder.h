//===--- PreamblePCHBuilder.h - Precompile a preamble ---------------------===//
//
// Compiles a preamble header into a PCH with the embedded clang, so the
// PCH always matches the compiler that loads it. Two choices make it cheap
// to load: templates are instantiated while building it
// (-fpch-instantiate-templates), and the bodies of functions in system
// headers are skipped, as IDEs do for preambles, so that a translation
// unit does not re-instantiate LibTorch's templates at its end. No check
// looks inside a system header's function body.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_PREAMBLEPCHBUILDER_H
#define VMAP_TIDY_CHECKER_DRIVER_PREAMBLEPCHBUILDER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include <cstdint>
#include <string>
#include <vector>

namespace clang::tidy::vmap {

/// A file the PCH was built from, with the size and modification time
/// recorded in the PCH; clang refuses the PCH when either changes.
struct PreambleDependency {
  std::string Path;
  uint64_t Size = 0;
  int64_t ModifiedSeconds = 0;
};

struct PreambleBuildResult {
  bool Succeeded = false;
  /// The first error when the build failed.
  std::string Error;
  std::vector<PreambleDependency> Dependencies;
};

/// Compiles \p Header (C++ unless \p CPlusPlus is false) into \p Output
/// with the compiler driver arguments \p DriverArgs (argv[0] and flags,
/// without an input file), relative paths resolved against the current
/// directory.
PreambleBuildResult buildPreamblePCH(const std::vector<std::string> &DriverArgs,
                                     llvm::StringRef Header, bool CPlusPlus,
                                     llvm::StringRef Output);

/// The modification time of \p Status in whole seconds, the precision the
/// PCH records.
int64_t modifiedSeconds(const llvm::sys::fs::basic_file_status &Status);

} // namespace clang::tidy::vmap

#endif
