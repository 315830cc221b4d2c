//===--- Report.cpp - Print what vmap-tidy-verify found -------------------===//

#include "Report.h"
#include "Json.h"
#include "ResultJson.h"

#include <algorithm>
#include <cstdio>

namespace vmap_tidy::verify {

namespace {

struct Counts {
  int64_t claims = 0, passed = 0, failed = 0, skipped = 0, cached = 0;
};

Counts count(const std::vector<ConfigurationResult> &results) {
  Counts counts;
  for (const ConfigurationResult &result : results) {
    counts.cached += result.cached;
    for (const ClaimResult &claim : result.claims) {
      ++counts.claims;
      counts.passed += claim.status == ClaimStatus::Pass;
      counts.failed += claim.status == ClaimStatus::Fail;
      counts.skipped += claim.status == ClaimStatus::Skip;
    }
  }
  return counts;
}

std::string shape_text(const std::vector<int64_t> &shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::string short_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

const char *status_label(ClaimStatus status) {
  switch (status) {
  case ClaimStatus::Pass:
    return "PASS";
  case ClaimStatus::Fail:
    return "FAIL";
  case ClaimStatus::Skip:
    return "SKIP";
  }
  return "FAIL";
}

std::string pad(const std::string &text, std::size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

} // namespace

void print_table(std::ostream &out, const RunInfo &run,
                 const std::vector<ConfigurationResult> &results) {
  out << "vmap-tidy-verify: LibTorch " << run.libtorch_version;
  if (!run.cuda_version.empty())
    out << " (CUDA " << run.cuda_version << ")";
  out << " on " << run.device << "; vmap over " << run.settings.members
      << " members of " << run.settings.minibatch << " samples, training mode\n"
      << "tolerance: max|vmap - loop| <= "
      << short_number(run.tolerances.output_abs)
      << " in float32 (+ twice the float32 loop's own error), "
      << short_number(run.tolerances.float64_abs)
      << " in float64; float64 gradients within "
      << short_number(run.tolerances.grad_abs) << " + "
      << short_number(run.tolerances.grad_rel) << " * |loop|\n";

  std::size_t title_width = 0, module_width = 0;
  for (const ConfigurationResult &result : results)
    for (const ClaimResult &claim : result.claims) {
      title_width = std::max(title_width, claim.title.size());
      module_width = std::max(module_width, claim.module.size());
    }
  for (const ConfigurationResult &result : results) {
    out << "\n" << describe(result.configuration);
    if (!result.configuration.location.empty())
      out << "  " << result.configuration.location;
    if (!result.input_shape.empty())
      out << "  input " << shape_text(result.input_shape);
    if (result.cached)
      out << "  (cached)";
    out << "\n";
    for (const ClaimResult &claim : result.claims)
      out << "  " << pad(status_label(claim.status), 6)
          << pad(claim.title, title_width + 2)
          << pad(claim.module, module_width + 2) << claim.detail << "\n";
  }

  Counts counts = count(results);
  out << "\n"
      << results.size() << " configuration" << (results.size() == 1 ? "" : "s")
      << ", " << counts.claims << " claims: " << counts.passed << " pass, "
      << counts.failed << " fail, " << counts.skipped << " skip ("
      << counts.cached << " configuration" << (counts.cached == 1 ? "" : "s")
      << " from cache)\n";
}

void print_json(std::ostream &out, const RunInfo &run,
                const std::vector<ConfigurationResult> &results) {
  Counts counts = count(results);
  Json configurations = Json::array();
  for (const ConfigurationResult &result : results)
    configurations.push_back(to_json(result));
  Json report = Json::object({
      {"version", 1},
      {"tool", "vmap-tidy-verify"},
      {"libtorch", run.libtorch_version},
      {"cuda", run.cuda_version.empty() ? Json() : Json(run.cuda_version)},
      {"device", run.device},
      {"members", run.settings.members},
      {"minibatch", run.settings.minibatch},
      {"max_groups", run.settings.max_groups},
      {"tolerances", Json::object({{"output_abs", run.tolerances.output_abs},
                                   {"float64_abs", run.tolerances.float64_abs},
                                   {"grad_abs", run.tolerances.grad_abs},
                                   {"grad_rel", run.tolerances.grad_rel}})},
      {"ok", counts.failed == 0},
      {"summary", Json::object({{"configurations", results.size()},
                                {"claims", counts.claims},
                                {"passed", counts.passed},
                                {"failed", counts.failed},
                                {"skipped", counts.skipped},
                                {"cached", counts.cached}})},
      {"configurations", std::move(configurations)},
  });
  out << write_json(report) << "\n";
}

} // namespace vmap_tidy::verify
