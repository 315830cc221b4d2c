//===--- CommandLine.cpp - vmap-tidy-verify's options ---------------------===//

#include "CommandLine.h"
#include "ExampleModel.h"
#include "FixData.h"
#include "UsageError.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

namespace vmap_tidy::verify {

const char *usage_text() {
  return R"(usage: vmap-tidy-verify SOURCE [options]

Replays norm and dropout modules under functorch vmap with LibTorch and
checks the fixes vmap-tidy suggests: the original fails, each fix runs,
matches a per-member loop and passes gradients, and
replace_all_batch_norm_modules_ makes the original run; dropout's
randomness modes draw valid masks.

SOURCE, one of:
  --module NAME --channels C   one module: BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d
      [--eps X] [--momentum X] [--affine true|false]
      [--track-running-stats true|false] [--groups G]
  --module NAME [--p X] [--inplace true|false]
                               one dropout module: Dropout, Dropout2d,
                               Dropout3d, AlphaDropout, FeatureAlphaDropout
  --fix-data FILE              the JSON the checks write with FixDataDir
  --example                    the norm modules of examples/model.cpp

options:
  --max-groups N        upper bound for computed GroupNorm groups (32)
  --minibatch N         samples per vmapped member, 1..64 (3)
  --device D            cpu, cuda, cuda:N or auto (auto: CUDA if available)
  --format F            table or json (table)
  --cache-dir DIR       result cache (default $XDG_CACHE_HOME/vmap-tidy/verify
                        or ~/.cache/vmap-tidy/verify)
  --no-cache            neither read nor write the cache
  --help, --version

exit status: 0 every claim holds, 1 a claim fails, 2 bad input.
)";
}

namespace {

enum class Arity { Flag, Value };

const std::map<std::string, Arity> &known_options() {
  static const std::map<std::string, Arity> options = {
      {"--module", Arity::Value},    {"--channels", Arity::Value},
      {"--eps", Arity::Value},       {"--momentum", Arity::Value},
      {"--affine", Arity::Value},    {"--track-running-stats", Arity::Value},
      {"--groups", Arity::Value},    {"--max-groups", Arity::Value},
      {"--minibatch", Arity::Value}, {"--fix-data", Arity::Value},
      {"--example", Arity::Flag},    {"--device", Arity::Value},
      {"--format", Arity::Value},    {"--cache-dir", Arity::Value},
      {"--no-cache", Arity::Flag},   {"--help", Arity::Flag},
      {"--version", Arity::Flag},    {"--p", Arity::Value},
      {"--inplace", Arity::Value},
  };
  return options;
}

/// Options that describe the --module configuration.
const std::set<std::string> &module_options() {
  static const std::set<std::string> options = {
      "--channels", "--eps",    "--momentum",
      "--affine",   "--groups", "--track-running-stats"};
  return options;
}

/// Options that describe a --module dropout configuration.
const std::set<std::string> &dropout_options() {
  static const std::set<std::string> options = {"--p", "--inplace"};
  return options;
}

[[noreturn]] void invalid_value(const std::string &option,
                                const std::string &value,
                                const std::string &expected) {
  throw UsageError("invalid value '" + value + "' for " + option +
                   ": expected " + expected);
}

int64_t parse_integer(const std::string &option, const std::string &value) {
  int64_t result = 0;
  const char *end = value.data() + value.size();
  auto [stop, error] = std::from_chars(value.data(), end, result);
  if (value.empty() || error != std::errc() || stop != end)
    invalid_value(option, value, "an integer");
  return result;
}

double parse_number(const std::string &option, const std::string &value) {
  char *stop = nullptr;
  double result = value.empty() ? 0 : std::strtod(value.c_str(), &stop);
  if (value.empty() || *stop != '\0' || !std::isfinite(result) ||
      std::isspace(static_cast<unsigned char>(value.front())))
    invalid_value(option, value, "a number");
  return result;
}

bool parse_bool(const std::string &option, const std::string &value) {
  if (value == "true")
    return true;
  if (value == "false")
    return false;
  invalid_value(option, value, "true or false");
}

bool is_device_spec(const std::string &value) {
  if (value == "cpu" || value == "cuda" || value == "auto")
    return true;
  std::string prefix = "cuda:";
  if (value.compare(0, prefix.size(), prefix) != 0 ||
      value.size() == prefix.size())
    return false;
  for (std::size_t i = prefix.size(); i < value.size(); ++i)
    if (value[i] < '0' || value[i] > '9')
      return false;
  return value.size() - prefix.size() <= 4;
}

} // namespace

CommandLine parse_command_line(const std::vector<std::string> &arguments) {
  std::map<std::string, std::string> given; // option -> value ("" for flags)
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string &argument = arguments[i];
    if (argument.compare(0, 2, "--") != 0 || argument == "--")
      throw UsageError("unexpected argument '" + argument + "'");
    std::string name = argument;
    std::optional<std::string> value;
    if (std::size_t equals = argument.find('='); equals != std::string::npos) {
      name = argument.substr(0, equals);
      value = argument.substr(equals + 1);
    }
    auto option = known_options().find(name);
    if (option == known_options().end())
      throw UsageError("unknown option '" + name + "'");
    if (option->second == Arity::Flag && value)
      throw UsageError("option '" + name + "' takes no value");
    if (option->second == Arity::Value && !value) {
      if (i + 1 == arguments.size())
        throw UsageError("option '" + name + "' needs a value");
      value = arguments[++i];
    }
    if (option->second == Arity::Value && value->empty())
      throw UsageError("option '" + name + "' needs a value");
    if (!given.emplace(name, value.value_or("")).second)
      throw UsageError("option '" + name + "' given more than once");
  }

  CommandLine result;
  auto has = [&](const std::string &name) { return given.count(name) > 0; };
  result.show_help = has("--help");
  result.show_version = has("--version");
  if (result.show_help || result.show_version)
    return result;

  if (has("--device")) {
    result.device = given["--device"];
    if (!is_device_spec(result.device))
      invalid_value("--device", result.device, "cpu, cuda, cuda:N or auto");
  }
  if (has("--format")) {
    const std::string &format = given["--format"];
    if (format == "table")
      result.format = OutputFormat::Table;
    else if (format == "json")
      result.format = OutputFormat::Json;
    else
      invalid_value("--format", format, "table or json");
  }
  if (has("--cache-dir"))
    result.cache_dir = given["--cache-dir"];
  result.use_cache = !has("--no-cache");
  if (has("--max-groups")) {
    int64_t max_groups = parse_integer("--max-groups", given["--max-groups"]);
    if (max_groups <= 0)
      throw UsageError("--max-groups must be positive, got " +
                       std::to_string(max_groups));
    result.settings.max_groups = max_groups;
  }
  if (has("--minibatch")) {
    int64_t minibatch = parse_integer("--minibatch", given["--minibatch"]);
    if (minibatch < 1 || minibatch > 64)
      throw UsageError("--minibatch must be between 1 and 64, got " +
                       std::to_string(minibatch));
    result.settings.minibatch = minibatch;
  }

  int sources = has("--module") + has("--fix-data") + has("--example");
  if (sources > 1)
    throw UsageError("use only one of --module, --fix-data and --example");
  if (sources == 0)
    throw UsageError("nothing to verify: give --module NAME --channels C, "
                     "--fix-data FILE or --example");
  if (!has("--module")) {
    for (const std::string &option : module_options())
      if (has(option))
        throw UsageError(option + " applies to --module only");
    for (const std::string &option : dropout_options())
      if (has(option))
        throw UsageError(option + " applies to --module only");
  }

  if (has("--fix-data")) {
    result.configurations = read_fix_data(given["--fix-data"]);
    return result;
  }
  if (has("--example")) {
    result.configurations = example_model_configurations();
    return result;
  }

  ModuleConfiguration configuration;
  const std::string &module = given["--module"];
  if (std::optional<DropoutKind> dropout = parse_dropout_kind(module)) {
    for (const std::string &option : module_options())
      if (has(option))
        throw UsageError(option + " does not apply to dropout module '" +
                         module + "'");
    DropoutConfiguration &built = configuration.dropout.emplace();
    built.kind = *dropout;
    if (has("--p"))
      built.p = parse_number("--p", given["--p"]);
    if (has("--inplace"))
      built.inplace = parse_bool("--inplace", given["--inplace"]);
    validate(configuration, "");
    result.configurations.push_back(configuration);
    return result;
  }
  for (const std::string &option : dropout_options())
    if (has(option))
      throw UsageError(option + " applies to dropout modules only");
  std::optional<NormKind> kind = parse_norm_kind(module);
  if (!kind)
    throw UsageError("unknown module '" + module + "'");
  configuration.kind = *kind;
  if (!has("--channels"))
    throw UsageError("--module needs --channels");
  configuration.channels = parse_integer("--channels", given["--channels"]);
  if (has("--eps"))
    configuration.eps = parse_number("--eps", given["--eps"]);
  if (has("--momentum"))
    configuration.momentum = parse_number("--momentum", given["--momentum"]);
  if (has("--affine"))
    configuration.affine = parse_bool("--affine", given["--affine"]);
  if (has("--track-running-stats"))
    configuration.track_running_stats =
        parse_bool("--track-running-stats", given["--track-running-stats"]);
  if (has("--groups"))
    configuration.groups = parse_integer("--groups", given["--groups"]);
  validate(configuration, "");
  result.configurations.push_back(configuration);
  return result;
}

} // namespace vmap_tidy::verify
