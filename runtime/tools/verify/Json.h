//===--- Json.h - A small strict JSON value, reader and writer ------------===//
//
// Enough JSON for vmap-tidy-verify: reading fix-data files and cache records
// (RFC 8259, strictly: no comments, trailing commas, NaN or duplicate keys)
// and writing reports. Numbers keep their integer value when written
// without fraction or exponent and in int64 range, so "channels": 64 and
// "channels": 64.0 can be told apart. Strings are byte strings; \u escapes
// are decoded to UTF-8.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_JSON_H
#define VMAP_TIDY_VERIFY_JSON_H

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vmap_tidy::verify {

class JsonValue {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };
  using Array = std::vector<JsonValue>;
  using Member = std::pair<std::string, JsonValue>;
  using Object = std::vector<Member>;

  JsonValue() = default; // null
  JsonValue(std::nullptr_t) {}
  JsonValue(bool value) : kind_(Kind::Bool), bool_(value) {}
  JsonValue(double value) : kind_(Kind::Number), number_(value) {}
  JsonValue(int64_t value)
      : kind_(Kind::Number), number_(static_cast<double>(value)),
        integer_(value) {}
  JsonValue(int value) : JsonValue(static_cast<int64_t>(value)) {}
  JsonValue(std::string value)
      : kind_(Kind::String), string_(std::move(value)) {}
  JsonValue(const char *value) : JsonValue(std::string(value)) {}
  JsonValue(Array values) : kind_(Kind::Array), array_(std::move(values)) {}
  JsonValue(Object members)
      : kind_(Kind::Object), object_(std::move(members)) {}

  /// A number read from text: \p integer when it was written as one.
  static JsonValue number(double value, std::optional<int64_t> integer);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }

  // Accessors; each requires the matching kind.
  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  /// The integer value, when the number was an integer literal.
  std::optional<int64_t> as_integer() const { return integer_; }
  const std::string &as_string() const { return string_; }
  const Array &as_array() const { return array_; }
  const Object &as_object() const { return object_; }

  /// The member \p key of an object, or null when absent.
  const JsonValue *find(std::string_view key) const;

private:
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  double number_ = 0;
  std::optional<int64_t> integer_;
  std::string string_;
  Array array_;
  Object object_;
};

/// "null", "boolean", "number", "string", "array" or "object".
std::string_view json_kind_name(JsonValue::Kind kind);

/// A syntax error, at a 1-based line and column (in bytes).
class JsonSyntaxError : public std::runtime_error {
public:
  JsonSyntaxError(int line, int column, const std::string &message)
      : std::runtime_error(message), line(line), column(column) {}
  int line;
  int column;
};

/// Parses one JSON document; throws JsonSyntaxError.
JsonValue parse_json(std::string_view text);

/// Writes \p value as JSON: pretty-printed with \p indent spaces per level,
/// or on one line when \p indent is 0. Non-finite numbers become null.
std::string write_json(const JsonValue &value, int indent = 2);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_JSON_H
