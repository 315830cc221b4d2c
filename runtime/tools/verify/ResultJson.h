//===--- ResultJson.h - Results as JSON, and back -------------------------===//
//
// One JSON shape for a configuration's result, used by the JSON report and
// by the cache (which reads it back). The schema is in docs/verifier.md.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_RESULTJSON_H
#define VMAP_TIDY_VERIFY_RESULTJSON_H

#include "Json.h"
#include "VerifyResult.h"

#include <optional>

namespace vmap_tidy::verify {

Json to_json(const ModuleConfiguration &configuration);
Json to_json(const ClaimResult &claim);
Json to_json(const ConfigurationResult &result);

/// The result \p value describes, or nothing when it does not have the
/// shape to_json writes (a stale or damaged cache record).
std::optional<ConfigurationResult>
configuration_result_from_json(const Json &value);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_RESULTJSON_H
