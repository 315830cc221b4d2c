//===--- JsonParse.cpp - nlohmann's parser, strict and with our errors ----===//
//
// nlohmann's SAX parser does the lexing and the grammar; this builds the
// value, rejects what nlohmann lets through (duplicate keys, deep nesting,
// a byte order mark, text after a NUL byte) and words its errors.
//
//===----------------------------------------------------------------------===//

#include "Json.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <iterator>
#include <vector>

namespace vmap_tidy::verify {

namespace {

/// Deep enough for any fix-data file or cache record.
constexpr std::size_t MaxDepth = 64;

/// Hands the lexer the text and counts the bytes it has read: SAX events
/// carry no position. NUL reads as 0x01, which the lexer rejects wherever
/// NUL is invalid; NUL itself it takes for the end of the input.
class CountingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = char;

  CountingIterator(const char *at, std::size_t *read) : at_(at), read_(read) {}
  char operator*() const { return *at_ == '\0' ? '\x01' : *at_; }
  CountingIterator &operator++() {
    ++at_;
    ++*read_;
    return *this;
  }
  bool operator==(const CountingIterator &other) const {
    return at_ == other.at_;
  }
  bool operator!=(const CountingIterator &other) const {
    return at_ != other.at_;
  }

private:
  const char *at_;
  std::size_t *read_;
};

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// "unexpected character 'c'", with a byte outside printable ASCII (NUL,
/// a byte order mark) as \xHH.
std::string unexpected_character(char c) {
  std::string shown(1, c);
  if (c < 0x20 || c > 0x7E) {
    char hex[8];
    std::snprintf(hex, sizeof(hex), "\\x%02X", static_cast<unsigned char>(c));
    shown = hex;
  }
  return "unexpected character '" + shown + "'; expected a value";
}

/// The opening quote of the string that has reached \p offset: the last
/// quote before it that no backslash escapes.
std::size_t string_start(std::string_view text, std::size_t offset) {
  while (true) {
    offset = text.rfind('"', offset - 1);
    std::size_t slashes = 0;
    while (offset > slashes && text[offset - slashes - 1] == '\\')
      ++slashes;
    if (slashes % 2 == 0)
      return offset;
  }
}

/// The start of the literal in which the lexer stopped at \p stopped, or
/// \p stopped when it was no literal.
std::size_t literal_start(std::string_view text, std::size_t stopped) {
  for (std::string_view literal : {"true", "false", "null"})
    for (std::size_t read = 1; read < literal.size() && read <= stopped; ++read)
      if (text.substr(stopped - read, read) == literal.substr(0, read))
        return stopped - read;
  return stopped;
}

/// Where the token nlohmann complains about starts. \p position is its end,
/// or one past the byte the lexer stopped at in it; at the end of the input
/// it is one past that. \p token is the token's text, but only for a string
/// or a number: with control characters spelt "<U+XXXX>".
std::size_t token_start(std::string_view text, std::size_t position,
                        const std::string &token, const std::string &what) {
  std::size_t end = std::min(position, text.size());
  bool unlexed = contains(what, "; last read: '");
  bool string_or_number =
      unlexed
          ? contains(what, "invalid string") || contains(what, "invalid number")
          : position <= text.size() &&
                (text[end - 1] == '"' || is_digit(text[end - 1]));
  if (string_or_number) {
    std::size_t begin = end;
    for (std::size_t left = token.size(); left > 0 && begin > 0; --begin)
      left -= std::min<std::size_t>(
          left, static_cast<unsigned char>(text[begin - 1]) < 0x20 ? 8 : 1);
    return begin;
  }
  if (unlexed)
    return literal_start(text, std::min(position - 1, text.size()));
  if (position > text.size())
    return text.size();
  if (text[end - 1] == 'e' || text[end - 1] == 'l') // true, false, null
    return end - (text.substr(end - 4, 4) == "alse" ? 5 : 4);
  return end - 1;
}

/// nlohmann's lexer messages, by a part of each, in our words.
constexpr std::pair<std::string_view, std::string_view> LexerMessages[] = {
    {"missing closing quote", "unterminated string"},
    {"must be escaped", "control character in a string; escape it"},
    {"forbidden character after backslash", "invalid escape in a string"},
    {"must be followed by 4 hex digits",
     "invalid \\u escape; expected four hex digits"},
    {"must be followed by U+DC00", "unpaired high surrogate in a \\u escape"},
    {"must follow U+D800", "unpaired low surrogate in a \\u escape"},
    {"ill-formed UTF-8", "invalid UTF-8 in a string"},
    {"expected digit after '-'", "invalid number"},
    {"expected digit after '.'", "expected digits after the decimal point"},
    {"after exponent", "expected digits in the exponent"},
};

/// The parser's SAX handler: builds the value, throws JsonSyntaxError.
class Builder {
public:
  Builder(std::string_view text, const std::size_t &read)
      : text_(text), read_(read) {}

  Json result;

  bool null() { return add(nullptr); }
  bool boolean(bool value) { return add(value); }
  bool number_integer(Json::number_integer_t value) { return add(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(value); }
  bool number_float(Json::number_float_t value, const std::string &) {
    return add(value);
  }
  bool string(std::string &value) { return add(std::move(value)); }
  bool binary(Json::binary_t &) { return false; } // not in JSON text
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string &name) {
    Json &object = *open_.back();
    if (object.contains(name))
      fail(string_start(text_, read_ - 1), "duplicate key '" + name + "'");
    member_ = &object[name];
    value_after_ = read_;
    after_key_ = true;
    return true;
  }

  bool parse_error(std::size_t position, const std::string &token,
                   const Json::exception &error);

  [[noreturn]] void fail(std::size_t offset, const std::string &message) const {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw JsonSyntaxError(line, column, message);
  }

private:
  /// Fails where a value would go too deep, valid or not.
  void check_depth() const {
    // The first such value is the first in its container.
    if (open_.size() <= MaxDepth)
      return;
    std::size_t at = text_.find_first_not_of(" \t\n\r", value_after_);
    if (after_key_) // at the ':'
      at = text_.find_first_not_of(" \t\n\r", at + 1);
    fail(at, "nesting deeper than " + std::to_string(MaxDepth) + " levels");
  }

  Json *add(Json value) {
    check_depth();
    if (open_.empty())
      return &(result = std::move(value));
    Json &parent = *open_.back();
    if (!parent.is_array())
      return &(*member_ = std::move(value));
    parent.push_back(std::move(value));
    return &parent.back();
  }
  bool open(Json container) {
    open_.push_back(add(std::move(container)));
    value_after_ = read_;
    after_key_ = false;
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  std::string_view text_;
  const std::size_t &read_;
  std::vector<Json *> open_;
  Json *member_ = nullptr;
  std::size_t value_after_ = 0; // where the next value may start
  bool after_key_ = false;
};

// nlohmann reports the context ("while parsing object key - ") and, for a
// token it could not lex, the lexer's message ("; last read: '...'").
bool Builder::parse_error(std::size_t position, const std::string &token,
                          const Json::exception &error) {
  std::string what = error.what();
  std::size_t start = token_start(text_, position, token, what);
  std::size_t stopped = std::min(position - 1, text_.size());
  bool unlexed = contains(what, "; last read: '");
  bool trailing = contains(what, "; expected end of input");
  bool in_value = contains(what, "while parsing value - ") && !trailing;
  bool in_key = contains(what, "while parsing object key - ");

  if (in_value || contains(what, "number overflow"))
    check_depth();
  // nlohmann ends a number at a leading zero and reads on from there.
  if (start > 0 && start < text_.size() && text_[start - 1] == '0' &&
      is_digit(text_[start]))
    fail(start, "leading zeros are not allowed in numbers");
  if (contains(what, "number overflow"))
    fail(start, "number out of range");
  if (unlexed && (in_value || (in_key && contains(what, "invalid string")))) {
    if (contains(what, "invalid literal")) {
      char first = text_[start];
      if (first == 't' || first == 'f' || first == 'n')
        fail(start, std::string("invalid literal; expected '") +
                        (first == 't'   ? "true"
                         : first == 'f' ? "false"
                                        : "null") +
                        "'");
      fail(start, unexpected_character(first));
    }
    // Where nlohmann stops in a bad surrogate pair depends on how it is
    // bad; just after the \uXXXX it concerns is the same for all.
    if (contains(what, "surrogate"))
      stopped = text_.rfind("\\u", stopped - 1) + 6;
    for (const auto &[part, message] : LexerMessages)
      if (contains(what, part))
        fail(stopped, std::string(message));
  }
  if (in_key)
    fail(start, "expected a string key");
  if (contains(what, "while parsing object separator - "))
    fail(start, "expected ':' after an object key");
  if (contains(what, "while parsing object - "))
    fail(start, "expected ',' or '}' in an object");
  if (contains(what, "while parsing array - "))
    fail(start, "expected ',' or ']' in an array");
  if (trailing)
    fail(start, "unexpected text after the JSON value");
  if (in_value && !unlexed)
    fail(start, contains(what, "unexpected end of input")
                    ? std::string("unexpected end of input; expected a value")
                    : unexpected_character(text_[start]));
  // Unforeseen: nlohmann's own words, without "[json.exception...] parse
  // error at line L, column C: ".
  std::size_t words = what.find(": ");
  fail(stopped, words == std::string::npos ? what : what.substr(words + 2));
}

} // namespace

Json parse_json(std::string_view text) {
  std::size_t read = 0;
  Builder builder(text, read);
  // nlohmann skips a byte order mark; RFC 8259 lets a parser reject it.
  if (!text.empty() && text[0] == '\xEF')
    builder.fail(0, unexpected_character(text[0]));
  Json::sax_parse(CountingIterator(text.data(), &read),
                  CountingIterator(text.data() + text.size(), &read), &builder);
  return std::move(builder.result);
}

} // namespace vmap_tidy::verify
