//===--- VerifyJsonTest.cpp - vmap-tidy-verify's JSON reader and writer ---===//

#include "Json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace vmap_tidy::verify;

namespace {

/// "line:column: message" of the syntax error \p text raises.
std::string syntax_error(const std::string &text) {
  try {
    parse_json(text);
  } catch (const JsonSyntaxError &error) {
    return std::to_string(error.line) + ":" + std::to_string(error.column) +
           ": " + error.what();
  }
  return "<parsed>";
}

TEST(VerifyJsonTest, ReadsValues) {
  JsonValue value = parse_json(
      R"({"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "e": 0})");
  ASSERT_EQ(value.kind(), JsonValue::Kind::Object);
  const JsonValue::Array &a = value.find("a")->as_array();
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].as_integer(), 1);
  EXPECT_EQ(a[1].as_number(), -2500.0);
  EXPECT_EQ(a[1].as_integer(), std::nullopt);
  EXPECT_TRUE(a[2].as_bool());
  EXPECT_FALSE(a[3].as_bool());
  EXPECT_TRUE(a[4].is_null());
  EXPECT_EQ(value.find("b")->find("c")->as_string(), "d");
  EXPECT_EQ(value.find("e")->as_integer(), 0);
  EXPECT_EQ(value.find("missing"), nullptr);
}

TEST(VerifyJsonTest, IntegersKeepTheirValue) {
  EXPECT_EQ(parse_json("9007199254740993").as_integer(), 9007199254740993);
  EXPECT_EQ(parse_json("64.0").as_integer(), std::nullopt);
  EXPECT_EQ(parse_json("1e2").as_integer(), std::nullopt);
  // Beyond int64: a number, but not an integer.
  EXPECT_EQ(parse_json("99999999999999999999").as_integer(), std::nullopt);
}

TEST(VerifyJsonTest, DecodesEscapes) {
  EXPECT_EQ(parse_json(R"("a\"b\\c\/d\n\t")").as_string(), "a\"b\\c/d\n\t");
  EXPECT_EQ(parse_json(R"("\u00e9")").as_string(), "\xc3\xa9");
  EXPECT_EQ(parse_json(R"("\ud83d\ude00")").as_string(), "\xf0\x9f\x98\x80");
}

TEST(VerifyJsonTest, RejectsWhatRfc8259Rejects) {
  EXPECT_EQ(syntax_error("{\"a\": 1,}"), "1:9: expected a string key");
  EXPECT_EQ(syntax_error("[1, 2,]"),
            "1:7: unexpected character ']'; expected a value");
  EXPECT_EQ(syntax_error("{\"a\": 1, \"a\": 2}"), "1:10: duplicate key 'a'");
  EXPECT_EQ(syntax_error("012"),
            "1:2: leading zeros are not allowed in numbers");
  EXPECT_EQ(syntax_error("NaN"),
            "1:1: unexpected character 'N'; expected a value");
  EXPECT_EQ(syntax_error("1."), "1:3: expected digits after the decimal point");
  EXPECT_EQ(syntax_error("\"a\nb\""),
            "1:3: control character in a string; escape it");
  EXPECT_EQ(syntax_error(R"("\x")"), "1:3: invalid escape in a string");
  EXPECT_EQ(syntax_error(R"("\ud83d")"),
            "1:8: unpaired high surrogate in a \\u escape");
  EXPECT_EQ(syntax_error("// c\n{}"),
            "1:1: unexpected character '/'; expected a value");
  EXPECT_EQ(syntax_error("{} {}"), "1:4: unexpected text after the JSON value");
  EXPECT_EQ(syntax_error("\"abc"), "1:5: unterminated string");
  EXPECT_EQ(syntax_error("1e999"), "1:1: number out of range");
  EXPECT_EQ(syntax_error(std::string(100, '[')),
            "1:66: nesting deeper than 64 levels");
}

TEST(VerifyJsonTest, WritesAndReadsBack) {
  JsonValue value = JsonValue::Object{
      {"name", "tab\there \"quoted\""},
      {"shape", JsonValue::Array{int64_t{4}, int64_t{3}}},
      {"eps", 1e-5},
      {"momentum", 0.1},
      {"nan", std::nan("")},
      {"nested", JsonValue::Object{{"ok", true}, {"none", nullptr}}},
  };
  EXPECT_EQ(write_json(value, 0),
            R"({"name":"tab\there \"quoted\"","shape":[4,3],"eps":1e-05,)"
            R"("momentum":0.1,"nan":null,"nested":{"ok":true,"none":null}})");
  EXPECT_EQ(write_json(JsonValue::Object{{"shape", JsonValue::Array{1, 2}}}),
            "{\n  \"shape\": [1, 2]\n}");
  JsonValue back = parse_json(write_json(value));
  EXPECT_EQ(back.find("eps")->as_number(), 1e-5);
  EXPECT_EQ(back.find("name")->as_string(), "tab\there \"quoted\"");
  EXPECT_TRUE(back.find("nan")->is_null());
}

} // namespace
