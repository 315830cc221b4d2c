//===--- VerifyJsonTest.cpp - vmap-tidy-verify's JSON reader and writer ---===//

#include "Json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
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
  Json value = parse_json(
      R"({"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "e": 0})");
  ASSERT_TRUE(value.is_object());
  const Json &a = *find_member(value, "a");
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(json_integer(a[0]), 1);
  EXPECT_EQ(a[1].get<double>(), -2500.0);
  EXPECT_EQ(json_integer(a[1]), std::nullopt);
  EXPECT_TRUE(a[2].get<bool>());
  EXPECT_FALSE(a[3].get<bool>());
  EXPECT_TRUE(a[4].is_null());
  EXPECT_EQ(find_member(*find_member(value, "b"), "c")->get<std::string>(),
            "d");
  EXPECT_EQ(json_integer(*find_member(value, "e")), 0);
  EXPECT_EQ(find_member(value, "missing"), nullptr);
  EXPECT_EQ(find_member(a, "a"), nullptr);
}

TEST(VerifyJsonTest, IntegersKeepTheirValue) {
  EXPECT_EQ(json_integer(parse_json("9007199254740993")), 9007199254740993);
  EXPECT_EQ(json_integer(parse_json("-9223372036854775808")),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(json_integer(parse_json("64.0")), std::nullopt);
  EXPECT_EQ(json_integer(parse_json("1e2")), std::nullopt);
  // Beyond int64: a number, but not an integer.
  EXPECT_EQ(json_integer(parse_json("9223372036854775808")), std::nullopt);
  EXPECT_EQ(json_integer(parse_json("99999999999999999999")), std::nullopt);
}

TEST(VerifyJsonTest, DecodesEscapes) {
  EXPECT_EQ(parse_json(R"("a\"b\\c\/d\n\t")").get<std::string>(),
            "a\"b\\c/d\n\t");
  EXPECT_EQ(parse_json(R"("\u00e9")").get<std::string>(), "\xc3\xa9");
  EXPECT_EQ(parse_json(R"("\ud83d\ude00")").get<std::string>(),
            "\xf0\x9f\x98\x80");
}

TEST(VerifyJsonTest, KeepsMemberOrder) {
  Json value = parse_json(R"({"b": 1, "a": 2})");
  EXPECT_EQ(value.begin().key(), "b");
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

// What nlohmann's parser accepts or words differently, and the rest of the
// messages.
TEST(VerifyJsonTest, RejectsWhatNlohmannLetsThrough) {
  EXPECT_EQ(syntax_error("{\"a\": {\"b\\\"c\": 1,\n \"b\\\"c\": 2}}"),
            "2:2: duplicate key 'b\"c'");
  EXPECT_EQ(syntax_error("{\"a\\\\\": 1, \"a\\\\\": 2}"),
            "1:12: duplicate key 'a\\'");
  EXPECT_EQ(syntax_error("\xEF\xBB\xBF{}"),
            "1:1: unexpected character '\\xEF'; expected a value");
  EXPECT_EQ(syntax_error(std::string("{}\0{}", 5)),
            "1:3: unexpected text after the JSON value");
  EXPECT_EQ(syntax_error(std::string("[\0]", 3)),
            "1:2: unexpected character '\\x00'; expected a value");
  EXPECT_EQ(syntax_error(std::string("\"a\0\"", 4)),
            "1:3: control character in a string; escape it");
  EXPECT_EQ(syntax_error("\"\xC3(\""), "1:3: invalid UTF-8 in a string");
  // The first value more than 64 levels deep, scalar or not.
  std::string deep(65, '[');
  EXPECT_NO_THROW(parse_json(deep + std::string(65, ']')));
  EXPECT_EQ(syntax_error(deep + " 1"), "1:67: nesting deeper than 64 levels");
  EXPECT_EQ(syntax_error(std::string(64, '[') + "{\"k\":\n  1}"),
            "2:3: nesting deeper than 64 levels");
}

TEST(VerifyJsonTest, WordsEveryError) {
  EXPECT_EQ(syntax_error(""), "1:1: unexpected end of input; expected a value");
  EXPECT_EQ(syntax_error("[1,"),
            "1:4: unexpected end of input; expected a value");
  EXPECT_EQ(syntax_error("{"), "1:2: expected a string key");
  EXPECT_EQ(syntax_error("{tru: 1}"), "1:2: expected a string key");
  EXPECT_EQ(syntax_error("{\"a\\x\": 1}"), "1:5: invalid escape in a string");
  EXPECT_EQ(syntax_error("{\"a\" 1}"), "1:6: expected ':' after an object key");
  EXPECT_EQ(syntax_error("{\"a\": 1 \"b\": 2}"),
            "1:9: expected ',' or '}' in an object");
  EXPECT_EQ(syntax_error("[1 \"ab"), "1:4: expected ',' or ']' in an array");
  EXPECT_EQ(syntax_error("[truex]"), "1:6: expected ',' or ']' in an array");
  EXPECT_EQ(syntax_error("[tru]"), "1:2: invalid literal; expected 'true'");
  EXPECT_EQ(syntax_error("nul"), "1:1: invalid literal; expected 'null'");
  EXPECT_EQ(syntax_error("[00]"),
            "1:3: leading zeros are not allowed in numbers");
  EXPECT_EQ(syntax_error("{\"a\": -01.5}"),
            "1:9: leading zeros are not allowed in numbers");
  EXPECT_EQ(syntax_error("-"), "1:2: invalid number");
  EXPECT_EQ(syntax_error("1e+"), "1:4: expected digits in the exponent");
  EXPECT_EQ(syntax_error("1E"), "1:3: expected digits in the exponent");
  EXPECT_EQ(syntax_error("\"\\u12x4\""),
            "1:6: invalid \\u escape; expected four hex digits");
  EXPECT_EQ(syntax_error("\"\\udc00\""),
            "1:8: unpaired low surrogate in a \\u escape");
  EXPECT_EQ(syntax_error("\"\\ud83d\\u0041\""),
            "1:14: unpaired high surrogate in a \\u escape");
  EXPECT_EQ(syntax_error("\"\\ud83d\\a\""),
            "1:8: unpaired high surrogate in a \\u escape");
  EXPECT_EQ(syntax_error("1 \"a\tb\""),
            "1:3: unexpected text after the JSON value");
  EXPECT_EQ(syntax_error("[1,\n  2,\n  ]"),
            "3:3: unexpected character ']'; expected a value");
}

TEST(VerifyJsonTest, WritesAndReadsBack) {
  Json value = Json::object({
      {"name", "tab\there \"quoted\""},
      {"shape", Json::array({int64_t{4}, int64_t{3}})},
      {"eps", 1e-5},
      {"momentum", 0.1},
      {"nan", std::nan("")},
      {"nested", Json::object({{"ok", true}, {"none", nullptr}})},
  });
  EXPECT_EQ(write_json(value, 0),
            R"({"name":"tab\there \"quoted\"","shape":[4,3],"eps":1e-05,)"
            R"("momentum":0.1,"nan":null,"nested":{"ok":true,"none":null}})");
  EXPECT_EQ(write_json(Json::object({{"shape", Json::array({1, 2})}})),
            "{\n  \"shape\": [1, 2]\n}");
  EXPECT_EQ(write_json(Json::object(
                {{"a", Json::array({Json::object()})}, {"b", Json::array()}})),
            "{\n  \"a\": [\n    {}\n  ],\n  \"b\": []\n}");
  Json back = parse_json(write_json(value));
  EXPECT_EQ(find_member(back, "eps")->get<double>(), 1e-5);
  EXPECT_EQ(find_member(back, "name")->get<std::string>(),
            "tab\there \"quoted\"");
  EXPECT_TRUE(find_member(back, "nan")->is_null());
}

TEST(VerifyJsonTest, WritesNumbersAndStringsAsBefore) {
  EXPECT_EQ(write_json(Json::array({64.0, 0.0, -2.5, 1e21, 3, -3})),
            "[64, 0, -2.5, 1e+21, 3, -3]");
  EXPECT_EQ(write_json(uint64_t{18446744073709551615u}),
            "18446744073709551615");
  EXPECT_EQ(write_json("\x01/\x7f\xc3\xa9"), "\"\\u0001/\x7f\xc3\xa9\"");
  // Valid JSON even from bytes that are not UTF-8.
  EXPECT_EQ(write_json("a\xff"), "\"a\xef\xbf\xbd\"");
}

} // namespace
