//===--- Json.cpp - A small strict JSON value, reader and writer ----------===//

#include "Json.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace vmap_tidy::verify {

JsonValue JsonValue::number(double value, std::optional<int64_t> integer) {
  JsonValue result(value);
  result.integer_ = integer;
  return result;
}

const JsonValue *JsonValue::find(std::string_view key) const {
  for (const Member &member : object_)
    if (member.first == key)
      return &member.second;
  return nullptr;
}

std::string_view json_kind_name(JsonValue::Kind kind) {
  switch (kind) {
  case JsonValue::Kind::Null:
    return "null";
  case JsonValue::Kind::Bool:
    return "boolean";
  case JsonValue::Kind::Number:
    return "number";
  case JsonValue::Kind::String:
    return "string";
  case JsonValue::Kind::Array:
    return "array";
  case JsonValue::Kind::Object:
    return "object";
  }
  return "?";
}

namespace {

/// Deep enough for any fix-data file; bounds the recursion on hostile input.
constexpr int MaxDepth = 64;

class Parser {
public:
  explicit Parser(std::string_view text) : text_(text) {}

  JsonValue parse_document() {
    skip_whitespace();
    JsonValue value = parse_value(0);
    skip_whitespace();
    if (pos_ != text_.size())
      fail("unexpected text after the JSON value");
    return value;
  }

private:
  [[noreturn]] void fail(const std::string &message) const {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw JsonSyntaxError(line, column, message);
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_whitespace() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' ||
                         peek() == '\r'))
      ++pos_;
  }

  void expect_literal(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal)
      fail("invalid literal; expected '" + std::string(literal) + "'");
    pos_ += literal.size();
  }

  JsonValue parse_value(int depth) {
    if (depth > MaxDepth)
      fail("nesting deeper than " + std::to_string(MaxDepth) + " levels");
    if (at_end())
      fail("unexpected end of input; expected a value");
    switch (peek()) {
    case '{':
      return parse_object(depth);
    case '[':
      return parse_array(depth);
    case '"':
      return JsonValue(parse_string());
    case 't':
      expect_literal("true");
      return JsonValue(true);
    case 'f':
      expect_literal("false");
      return JsonValue(false);
    case 'n':
      expect_literal("null");
      return JsonValue();
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
        return parse_number();
      fail(std::string("unexpected character '") + peek() +
           "'; expected a value");
    }
  }

  JsonValue parse_object(int depth) {
    ++pos_; // '{'
    JsonValue::Object members;
    skip_whitespace();
    if (peek() == '}') {
      ++pos_;
      return JsonValue(std::move(members));
    }
    while (true) {
      skip_whitespace();
      if (peek() != '"')
        fail("expected a string key");
      std::size_t key_pos = pos_;
      std::string key = parse_string();
      for (const auto &member : members)
        if (member.first == key) {
          pos_ = key_pos;
          fail("duplicate key '" + key + "'");
        }
      skip_whitespace();
      if (peek() != ':')
        fail("expected ':' after an object key");
      ++pos_;
      skip_whitespace();
      JsonValue value = parse_value(depth + 1);
      members.emplace_back(std::move(key), std::move(value));
      skip_whitespace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return JsonValue(std::move(members));
      }
      fail("expected ',' or '}' in an object");
    }
  }

  JsonValue parse_array(int depth) {
    ++pos_; // '['
    JsonValue::Array values;
    skip_whitespace();
    if (peek() == ']') {
      ++pos_;
      return JsonValue(std::move(values));
    }
    while (true) {
      skip_whitespace();
      values.push_back(parse_value(depth + 1));
      skip_whitespace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return JsonValue(std::move(values));
      }
      fail("expected ',' or ']' in an array");
    }
  }

  unsigned parse_hex4() {
    unsigned value = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      char c = peek();
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= c - '0';
      else if (c >= 'a' && c <= 'f')
        value |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        value |= c - 'A' + 10;
      else
        fail("invalid \\u escape; expected four hex digits");
    }
    return value;
  }

  static void append_utf8(std::string &out, unsigned code_point) {
    if (code_point < 0x80) {
      out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
      out += static_cast<char>(0xC0 | (code_point >> 6));
      out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
      out += static_cast<char>(0xE0 | (code_point >> 12));
      out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code_point >> 18));
      out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
  }

  std::string parse_string() {
    ++pos_; // '"'
    std::string out;
    while (true) {
      if (at_end())
        fail("unterminated string");
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        fail("control character in a string; escape it");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      char escape = peek();
      ++pos_;
      switch (escape) {
      case '"':
      case '\\':
      case '/':
        out += escape;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        unsigned code_point = parse_hex4();
        if (code_point >= 0xDC00 && code_point <= 0xDFFF)
          fail("unpaired low surrogate in a \\u escape");
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
          if (text_.substr(pos_, 2) != "\\u")
            fail("unpaired high surrogate in a \\u escape");
          pos_ += 2;
          unsigned low = parse_hex4();
          if (low < 0xDC00 || low > 0xDFFF)
            fail("unpaired high surrogate in a \\u escape");
          code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, code_point);
        break;
      }
      default:
        --pos_;
        fail("invalid escape in a string");
      }
    }
  }

  JsonValue parse_number() {
    std::size_t start = pos_;
    auto digits = [&] {
      std::size_t first = pos_;
      while (peek() >= '0' && peek() <= '9')
        ++pos_;
      return pos_ - first;
    };
    if (peek() == '-')
      ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (peek() >= '0' && peek() <= '9')
        fail("leading zeros are not allowed in numbers");
    } else if (digits() == 0) {
      fail("invalid number");
    }
    bool integral = true;
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (digits() == 0)
        fail("expected digits after the decimal point");
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-')
        ++pos_;
      if (digits() == 0)
        fail("expected digits in the exponent");
    }
    std::string literal(text_.substr(start, pos_ - start));
    double value = std::strtod(literal.c_str(), nullptr);
    if (!std::isfinite(value)) {
      pos_ = start;
      fail("number out of range");
    }
    std::optional<int64_t> integer;
    if (integral) {
      int64_t parsed = 0;
      auto [end, error] = std::from_chars(
          literal.data(), literal.data() + literal.size(), parsed);
      if (error == std::errc() && end == literal.data() + literal.size())
        integer = parsed;
    }
    return JsonValue::number(value, integer);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

void write_string(std::string &out, const std::string &text) {
  out += '"';
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof(escaped), "\\u%04x",
                      static_cast<unsigned>(static_cast<unsigned char>(c)));
        out += escaped;
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

void write_number(std::string &out, const JsonValue &value) {
  if (value.as_integer()) {
    out += std::to_string(*value.as_integer());
    return;
  }
  double number = value.as_number();
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  // Shortest text that reads back as the same double.
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), number);
  out.append(buffer, error == std::errc() ? end : buffer);
}

void write_value(std::string &out, const JsonValue &value, int indent,
                 int depth) {
  auto newline = [&](int level) {
    if (indent == 0)
      return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * level), ' ');
  };
  switch (value.kind()) {
  case JsonValue::Kind::Null:
    out += "null";
    return;
  case JsonValue::Kind::Bool:
    out += value.as_bool() ? "true" : "false";
    return;
  case JsonValue::Kind::Number:
    write_number(out, value);
    return;
  case JsonValue::Kind::String:
    write_string(out, value.as_string());
    return;
  case JsonValue::Kind::Array: {
    const JsonValue::Array &values = value.as_array();
    // Arrays of scalars (shapes) stay on one line.
    bool flat = true;
    for (const JsonValue &element : values)
      flat &= element.kind() != JsonValue::Kind::Array &&
              element.kind() != JsonValue::Kind::Object;
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0)
        out += flat && indent ? ", " : ",";
      if (!flat)
        newline(depth + 1);
      write_value(out, values[i], indent, depth + 1);
    }
    if (!flat && !values.empty())
      newline(depth);
    out += ']';
    return;
  }
  case JsonValue::Kind::Object: {
    const JsonValue::Object &members = value.as_object();
    out += '{';
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i > 0)
        out += ',';
      newline(depth + 1);
      write_string(out, members[i].first);
      out += indent ? ": " : ":";
      write_value(out, members[i].second, indent, depth + 1);
    }
    if (!members.empty())
      newline(depth);
    out += '}';
    return;
  }
  }
}

} // namespace

JsonValue parse_json(std::string_view text) {
  return Parser(text).parse_document();
}

std::string write_json(const JsonValue &value, int indent) {
  std::string out;
  write_value(out, value, indent, 0);
  return out;
}

} // namespace vmap_tidy::verify
