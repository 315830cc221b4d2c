//===--- Json.h - Strict JSON reading and report writing ------------------===//
//
// vmap-tidy-verify's JSON is nlohmann::ordered_json (members keep their
// order). parse_json() is stricter than nlohmann's own parse: RFC 8259 with
// no duplicate keys, byte order mark or nesting deeper than 64, and errors
// that are one line at a position. Integers stay integers, so
// "channels": 64 and "channels": 64.0 can be told apart.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_JSON_H
#define VMAP_TIDY_VERIFY_JSON_H

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vmap_tidy::verify {

using Json = nlohmann::ordered_json;

/// A syntax error, at a 1-based line and column (in bytes).
class JsonSyntaxError : public std::runtime_error {
public:
  JsonSyntaxError(int line, int column, const std::string &message)
      : std::runtime_error(message), line(line), column(column) {}
  int line;
  int column;
};

/// Parses one JSON document; throws JsonSyntaxError.
Json parse_json(std::string_view text);

/// Writes \p value pretty-printed with \p indent spaces per level, arrays of
/// scalars (shapes) on one line; on one line when \p indent is 0. Doubles
/// are the shortest text that reads back exactly; non-finite ones are null.
std::string write_json(const Json &value, int indent = 2);

/// The member \p key of \p object, or null when absent or not an object.
const Json *find_member(const Json &object, const std::string &key);

/// The value of an integer that fits int64_t (64, not 64.0).
std::optional<int64_t> json_integer(const Json &value);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_JSON_H
