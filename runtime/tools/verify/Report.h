//===--- Report.h - Print what vmap-tidy-verify found ---------------------===//

#ifndef VMAP_TIDY_VERIFY_REPORT_H
#define VMAP_TIDY_VERIFY_REPORT_H

#include "VerifyResult.h"

#include <ostream>
#include <string>
#include <vector>

namespace vmap_tidy::verify {

/// What the whole run used, printed above (or around) the results.
struct RunInfo {
  std::string libtorch_version;
  /// The CUDA version LibTorch is built with; empty for a CPU-only build.
  std::string cuda_version;
  /// The device used: "cpu", "cuda:0".
  std::string device;
  Tolerances tolerances;
  ReplaySettings settings;
};

/// A readable report: one block per configuration, one aligned row per
/// claim, and a summary line.
void print_table(std::ostream &out, const RunInfo &run,
                 const std::vector<ConfigurationResult> &results);

/// The JSON report (schema in docs/verifier.md).
void print_json(std::ostream &out, const RunInfo &run,
                const std::vector<ConfigurationResult> &results);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_REPORT_H
