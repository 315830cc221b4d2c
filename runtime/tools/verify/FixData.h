//===--- FixData.h - Read the checker's fix-data files --------------------===//
//
// The JSON the vmap-tidy checks write with FixDataDir (schema in
// docs/verifier.md):
//
//   {"version": 1, "check": "vmap-batchnorm-running-stats",
//    "configurations": [{"module": "BatchNorm2d", "channels": 64,
//                        "eps": 1e-5, "momentum": 0.1, "affine": true,
//                        "dims": 2, "groups": 8, "location": "m.cpp:10:32",
//                        "fix_kind": "running-stats"}]}
//
// vmap-random-op writes dropout modules ("check": "vmap-random-op"):
//
//    {"module": "Dropout2d", "p": 0.5, "inplace": false,
//     "location": "m.cpp:4:10", "fix_kind": "eval-mode"}
//
// "module" is required, and "channels" for norm modules; every other field
// may be absent or null (the checker writes null for values that are not
// compile-time constants), meaning LibTorch's default. Unknown fields are
// ignored, so newer checkers can add some.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_FIXDATA_H
#define VMAP_TIDY_VERIFY_FIXDATA_H

#include "Configuration.h"

#include <string>
#include <string_view>
#include <vector>

namespace vmap_tidy::verify {

/// The configurations in fix-data \p text; \p source names it in errors.
/// Throws UsageError.
std::vector<ModuleConfiguration> parse_fix_data(std::string_view text,
                                                const std::string &source);

/// The configurations in the fix-data file at \p path. Throws UsageError.
std::vector<ModuleConfiguration> read_fix_data(const std::string &path);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_FIXDATA_H
