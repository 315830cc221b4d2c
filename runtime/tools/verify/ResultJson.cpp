//===--- ResultJson.cpp - Results as JSON, and back -----------------------===//

#include "ResultJson.h"

namespace vmap_tidy::verify {

const char *status_name(ClaimStatus status) {
  switch (status) {
  case ClaimStatus::Pass:
    return "pass";
  case ClaimStatus::Fail:
    return "fail";
  case ClaimStatus::Skip:
    return "skip";
  }
  return "fail";
}

namespace {

template <typename T> Json optional_json(const std::optional<T> &value) {
  return value ? Json(*value) : Json();
}

Json shape_json(const std::vector<int64_t> &shape) {
  Json sizes = Json::array();
  for (int64_t size : shape)
    sizes.push_back(size);
  return sizes;
}

/// Typed reads of a JSON object that remember whether anything was off.
class Reader {
public:
  explicit Reader(const Json &object) : object_(object) {
    ok_ = object.is_object();
  }
  bool ok() const { return ok_; }

  /// The member \p key if it has the type nlohmann names \p type.
  const Json *get(const char *key, std::string_view type,
                  bool nullable = false) {
    const Json *value = ok_ ? find_member(object_, key) : nullptr;
    if (value && nullable && value->is_null())
      return nullptr;
    if (!value || value->type_name() != type) {
      ok_ = false;
      return nullptr;
    }
    return value;
  }
  std::string string(const char *key) {
    const Json *value = get(key, "string");
    return value ? value->get<std::string>() : std::string();
  }
  std::optional<std::string> optional_string(const char *key) {
    const Json *value = get(key, "string", true);
    return value ? std::optional<std::string>(value->get<std::string>())
                 : std::nullopt;
  }
  bool boolean(const char *key) {
    const Json *value = get(key, "boolean");
    return value && value->get<bool>();
  }
  std::optional<double> number(const char *key, bool nullable = false) {
    const Json *value = get(key, "number", nullable);
    return value ? std::optional<double>(value->get<double>()) : std::nullopt;
  }
  std::optional<int64_t> integer(const char *key, bool nullable = false) {
    const Json *value = get(key, "number", nullable);
    std::optional<int64_t> integer =
        value ? json_integer(*value) : std::nullopt;
    if (value && !integer)
      ok_ = false;
    return integer;
  }
  std::optional<std::vector<int64_t>> shape(const char *key,
                                            bool nullable = false) {
    const Json *value = get(key, "array", nullable);
    if (!value)
      return std::nullopt;
    std::vector<int64_t> sizes;
    for (const Json &size : *value) {
      std::optional<int64_t> integer = json_integer(size);
      if (!integer) {
        ok_ = false;
        return std::nullopt;
      }
      sizes.push_back(*integer);
    }
    return sizes;
  }
  void require(bool condition) { ok_ &= condition; }

private:
  const Json &object_;
  bool ok_;
};

std::optional<ModuleConfiguration> configuration_from_json(const Json &value) {
  Reader read(value);
  ModuleConfiguration configuration;
  std::string module = read.string("module");
  if (std::optional<DropoutKind> dropout = parse_dropout_kind(module)) {
    DropoutConfiguration &parsed = configuration.dropout.emplace();
    parsed.kind = *dropout;
    parsed.p = read.number("p").value_or(0);
    parsed.inplace = read.boolean("inplace");
    configuration.location = read.optional_string("location").value_or("");
    configuration.fix_kind = read.optional_string("fix_kind").value_or("");
    if (!read.ok())
      return std::nullopt;
    return configuration;
  }
  std::optional<NormKind> kind = parse_norm_kind(module);
  read.require(kind.has_value());
  configuration.kind = kind.value_or(NormKind::BatchNorm2d);
  configuration.channels = read.integer("channels", true);
  configuration.eps = read.number("eps").value_or(0);
  configuration.momentum = read.number("momentum").value_or(0);
  configuration.affine = read.boolean("affine");
  configuration.track_running_stats = read.boolean("track_running_stats");
  configuration.groups = read.integer("groups", true);
  configuration.location = read.optional_string("location").value_or("");
  configuration.fix_kind = read.optional_string("fix_kind").value_or("");
  if (!read.ok())
    return std::nullopt;
  return configuration;
}

std::optional<ClaimResult> claim_from_json(const Json &value) {
  Reader read(value);
  ClaimResult claim;
  claim.id = read.string("id");
  claim.title = read.string("title");
  claim.module = read.string("module");
  std::string status = read.string("status");
  if (status == "pass")
    claim.status = ClaimStatus::Pass;
  else if (status == "skip")
    claim.status = ClaimStatus::Skip;
  else
    read.require(status == "fail");
  claim.detail = read.string("detail");
  claim.error = read.optional_string("error");
  claim.max_abs_diff = read.number("max_abs_diff", true);
  claim.output_bound = read.number("output_bound", true);
  claim.max_abs_diff_float64 = read.number("max_abs_diff_float64", true);
  claim.max_grad_abs_diff = read.number("max_grad_abs_diff", true);
  claim.output_shape = read.shape("output_shape", true);
  if (!read.ok())
    return std::nullopt;
  return claim;
}

} // namespace

Json to_json(const ModuleConfiguration &configuration) {
  if (const std::optional<DropoutConfiguration> &dropout =
          configuration.dropout)
    return Json::object({
        {"module", std::string(dropout_kind_name(dropout->kind))},
        {"p", dropout->p},
        {"inplace", dropout->inplace},
        {"location", configuration.location.empty()
                         ? Json()
                         : Json(configuration.location)},
        {"fix_kind", configuration.fix_kind.empty()
                         ? Json()
                         : Json(configuration.fix_kind)},
    });
  return Json::object({
      {"module", std::string(norm_kind_name(configuration.kind))},
      {"channels", optional_json(configuration.channels)},
      {"dims", norm_kind_dims(configuration.kind)},
      {"eps", configuration.eps},
      {"momentum", configuration.momentum},
      {"affine", is_affine(configuration)},
      {"track_running_stats", configuration.track_running_stats},
      {"groups", optional_json(configuration.groups)},
      {"location",
       configuration.location.empty() ? Json() : Json(configuration.location)},
      {"fix_kind",
       configuration.fix_kind.empty() ? Json() : Json(configuration.fix_kind)},
  });
}

Json to_json(const ClaimResult &claim) {
  return Json::object({
      {"id", claim.id},
      {"title", claim.title},
      {"module", claim.module},
      {"status", status_name(claim.status)},
      {"detail", claim.detail},
      {"error", optional_json(claim.error)},
      {"max_abs_diff", optional_json(claim.max_abs_diff)},
      {"output_bound", optional_json(claim.output_bound)},
      {"max_abs_diff_float64", optional_json(claim.max_abs_diff_float64)},
      {"max_grad_abs_diff", optional_json(claim.max_grad_abs_diff)},
      {"output_shape",
       claim.output_shape ? shape_json(*claim.output_shape) : Json()},
  });
}

Json to_json(const ConfigurationResult &result) {
  Json claims = Json::array();
  for (const ClaimResult &claim : result.claims)
    claims.push_back(to_json(claim));
  return Json::object({
      {"configuration", to_json(result.configuration)},
      {"description", describe(result.configuration)},
      {"groups", optional_json(result.groups)},
      {"input_shape", shape_json(result.input_shape)},
      {"ok", result.ok()},
      {"cached", result.cached},
      {"claims", std::move(claims)},
  });
}

std::optional<ConfigurationResult>
configuration_result_from_json(const Json &value) {
  Reader read(value);
  ConfigurationResult result;
  const Json *configuration = read.get("configuration", "object");
  std::optional<ModuleConfiguration> parsed =
      configuration ? configuration_from_json(*configuration) : std::nullopt;
  read.require(parsed.has_value());
  result.groups = read.integer("groups", true);
  result.input_shape =
      read.shape("input_shape").value_or(std::vector<int64_t>{});
  const Json *claims = read.get("claims", "array");
  if (!read.ok() || !parsed)
    return std::nullopt;
  result.configuration = *parsed;
  for (const Json &item : *claims) {
    std::optional<ClaimResult> claim = claim_from_json(item);
    if (!claim)
      return std::nullopt;
    result.claims.push_back(*claim);
  }
  return result;
}

} // namespace vmap_tidy::verify
