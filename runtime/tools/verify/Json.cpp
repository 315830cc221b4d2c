//===--- Json.cpp - The verifier's JSON layout and lookups ----------------===//

#include "Json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace vmap_tidy::verify {

namespace {

void write_scalar(std::string &out, const Json &value) {
  if (!value.is_number_float()) {
    // Invalid UTF-8 (in an error message, say) becomes U+FFFD.
    out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  double number = value.get<double>();
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  // std::to_chars, unlike dump(), writes 64.0 as "64", as the verifier
  // always has.
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), number);
  out.append(buffer, error == std::errc() ? end : buffer);
}

void write_value(std::string &out, const Json &value, int indent, int depth) {
  auto newline = [&](int level) {
    if (indent == 0)
      return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * level), ' ');
  };
  if (value.is_array()) {
    bool flat = std::none_of(value.begin(), value.end(), [](const Json &item) {
      return item.is_structured();
    });
    out += '[';
    for (auto item = value.begin(); item != value.end(); ++item) {
      if (item != value.begin())
        out += flat && indent ? ", " : ",";
      if (!flat)
        newline(depth + 1);
      write_value(out, *item, indent, depth + 1);
    }
    if (!flat && !value.empty())
      newline(depth);
    out += ']';
  } else if (value.is_object()) {
    out += '{';
    for (auto member = value.begin(); member != value.end(); ++member) {
      if (member != value.begin())
        out += ',';
      newline(depth + 1);
      write_scalar(out, member.key());
      out += indent ? ": " : ":";
      write_value(out, member.value(), indent, depth + 1);
    }
    if (!value.empty())
      newline(depth);
    out += '}';
  } else {
    write_scalar(out, value);
  }
}

} // namespace

std::string write_json(const Json &value, int indent) {
  std::string out;
  write_value(out, value, indent, 0);
  return out;
}

const Json *find_member(const Json &object, const std::string &key) {
  if (!object.is_object())
    return nullptr;
  auto member = object.find(key);
  return member == object.end() ? nullptr : &*member;
}

std::optional<int64_t> json_integer(const Json &value) {
  if (value.is_number_unsigned() &&
      value.get<uint64_t>() >
          static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return std::nullopt;
  if (value.is_number_integer())
    return value.get<int64_t>();
  return std::nullopt;
}

} // namespace vmap_tidy::verify
