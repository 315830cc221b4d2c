//===--- FixData.cpp - Read the checker's fix-data files ------------------===//

#include "FixData.h"
#include "Json.h"
#include "UsageError.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace vmap_tidy::verify {

namespace {

/// A fix-data file is a few kilobytes; this only guards against reading a
/// wrong, huge file into memory.
constexpr long MaxFileBytes = 64L << 20;

/// "an array", "a number", ...: nlohmann's type names.
std::string with_article(const std::string &type) {
  return (type == "array" || type == "object" ? "an " : "a ") + type;
}

/// Reads typed fields of one JSON object, naming the path in errors.
class FieldReader {
public:
  FieldReader(const Json &object, std::string path)
      : object_(object), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string &message) const {
    throw UsageError(path_ + ": " + message);
  }

  /// The field, or null when absent or JSON null.
  const Json *present(const std::string &key) const {
    const Json *value = find_member(object_, key);
    return value && !value->is_null() ? value : nullptr;
  }

  /// \p value, which must have the type nlohmann names \p type.
  const Json &typed(const std::string &key, const char *type,
                    const Json &value) const {
    if (std::string_view(value.type_name()) != type)
      fail("\"" + key + "\" must be " + with_article(type) + ", got " +
           value.type_name());
    return value;
  }

  std::optional<int64_t> integer(const std::string &key) const {
    const Json *value = present(key);
    if (!value)
      return std::nullopt;
    std::optional<int64_t> integer = json_integer(*value);
    if (!integer)
      fail("\"" + key + "\" must be an integer, got " +
           (value->is_number() ? "a fractional number" : value->type_name()));
    return integer;
  }

  std::optional<double> number(const std::string &key) const {
    const Json *value = present(key);
    if (!value)
      return std::nullopt;
    return typed(key, "number", *value).get<double>();
  }

  std::optional<bool> boolean(const std::string &key) const {
    const Json *value = present(key);
    if (!value)
      return std::nullopt;
    return typed(key, "boolean", *value).get<bool>();
  }

  std::optional<std::string> string(const std::string &key) const {
    const Json *value = present(key);
    if (!value)
      return std::nullopt;
    return typed(key, "string", *value).get<std::string>();
  }

private:
  const Json &object_;
  std::string path_;
};

ModuleConfiguration read_configuration(const Json &value,
                                       const std::string &path) {
  if (!value.is_object())
    throw UsageError(path + ": must be an object, got " + value.type_name());
  FieldReader fields(value, path);
  ModuleConfiguration configuration;

  if (!find_member(value, "module"))
    fields.fail("missing \"module\"");
  std::optional<std::string> module = fields.string("module");
  if (!module)
    fields.fail("\"module\" must be a string, got null");
  // vmap-random-op's dropout modules: no channels, their p and inplace.
  if (std::optional<DropoutKind> dropout = parse_dropout_kind(*module)) {
    DropoutConfiguration &read = configuration.dropout.emplace();
    read.kind = *dropout;
    read.p = fields.number("p").value_or(read.p);
    read.inplace = fields.boolean("inplace").value_or(false);
    configuration.location = fields.string("location").value_or("");
    configuration.fix_kind = fields.string("fix_kind").value_or("");
    validate(configuration, path);
    return configuration;
  }
  std::optional<NormKind> kind = parse_norm_kind(*module);
  if (!kind)
    fields.fail("unknown module '" + *module + "'");
  configuration.kind = *kind;

  // Required, but may be null: the checker could not evaluate it.
  if (!find_member(value, "channels"))
    fields.fail("missing \"channels\"");
  configuration.channels = fields.integer("channels");

  if (std::optional<int64_t> dims = fields.integer("dims"))
    if (*dims != norm_kind_dims(*kind))
      fields.fail("dims " + std::to_string(*dims) + " does not match module '" +
                  *module + "'");
  configuration.eps = fields.number("eps").value_or(configuration.eps);
  configuration.momentum =
      fields.number("momentum").value_or(configuration.momentum);
  configuration.affine = fields.boolean("affine");
  configuration.track_running_stats =
      fields.boolean("track_running_stats").value_or(true);
  configuration.groups = fields.integer("groups");
  configuration.location = fields.string("location").value_or("");
  configuration.fix_kind = fields.string("fix_kind").value_or("");
  validate(configuration, path);
  return configuration;
}

} // namespace

std::vector<ModuleConfiguration> parse_fix_data(std::string_view text,
                                                const std::string &source) {
  Json document;
  try {
    document = parse_json(text);
  } catch (const JsonSyntaxError &error) {
    throw UsageError(source + ":" + std::to_string(error.line) + ":" +
                     std::to_string(error.column) + ": " + error.what());
  }
  if (!document.is_object())
    throw UsageError(source + ": expected a JSON object at the top level");
  FieldReader fields(document, source);
  if (!find_member(document, "version"))
    fields.fail("missing \"version\"");
  std::optional<int64_t> version = fields.integer("version");
  if (version != 1)
    fields.fail("unsupported version " +
                (version ? std::to_string(*version) : std::string("null")) +
                " (expected 1)");
  const Json *list = find_member(document, "configurations");
  if (!list)
    fields.fail("missing \"configurations\"");
  fields.typed("configurations", "array", *list);

  std::vector<ModuleConfiguration> configurations;
  for (std::size_t i = 0; i < list->size(); ++i)
    configurations.push_back(read_configuration(
        (*list)[i], source + ": configurations[" + std::to_string(i) + "]"));
  return configurations;
}

std::vector<ModuleConfiguration> read_fix_data(const std::string &path) {
  auto cannot_read = [&](const std::string &why) {
    return UsageError("cannot read '" + path + "': " + why);
  };
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file)
    throw cannot_read(std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  while (std::size_t read = std::fread(buffer, 1, sizeof(buffer), file.get())) {
    text.append(buffer, read);
    if (static_cast<long>(text.size()) > MaxFileBytes)
      throw cannot_read("larger than 64 MiB; not a fix-data file");
  }
  // A directory opens, then fails to read (EISDIR).
  if (std::ferror(file.get()))
    throw cannot_read(std::strerror(errno));
  return parse_fix_data(text, path);
}

} // namespace vmap_tidy::verify
