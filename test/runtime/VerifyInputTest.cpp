//===--- VerifyInputTest.cpp - vmap-tidy-verify's options and fix data ----===//
//
// Every message the verifier prints for bad input, checked in-process; the
// CLI tests (verify_cli_test.py) check a sample end to end.
//
//===----------------------------------------------------------------------===//

#include "CommandLine.h"
#include "FixData.h"
#include "UsageError.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace vmap_tidy;
using namespace vmap_tidy::verify;

namespace {

std::string command_line_error(const std::vector<std::string> &arguments) {
  try {
    parse_command_line(arguments);
  } catch (const UsageError &error) {
    return error.what();
  }
  return "<accepted>";
}

std::string fix_data_error(const std::string &text) {
  try {
    parse_fix_data(text, "f.json");
  } catch (const UsageError &error) {
    return error.what();
  }
  return "<accepted>";
}

/// One configuration object with \p fields, in a version 1 file.
std::string file_with(const std::string &fields) {
  return R"({"version": 1, "configurations": [{)" + fields + "}]}";
}

TEST(VerifyInputTest, ModuleOptions) {
  CommandLine line = parse_command_line({"--module",
                                         "InstanceNorm3d",
                                         "--channels=12",
                                         "--eps",
                                         "1e-3",
                                         "--momentum",
                                         "0.2",
                                         "--groups",
                                         "4",
                                         "--max-groups",
                                         "8",
                                         "--minibatch",
                                         "5",
                                         "--device",
                                         "cuda:1",
                                         "--format",
                                         "json",
                                         "--cache-dir",
                                         "/c",
                                         "--no-cache"});
  ASSERT_EQ(line.configurations.size(), 1u);
  const NormConfiguration &configuration = line.configurations.front();
  EXPECT_EQ(configuration.kind, NormKind::InstanceNorm3d);
  EXPECT_EQ(configuration.channels, 12);
  EXPECT_EQ(configuration.eps, 1e-3);
  EXPECT_EQ(configuration.momentum, 0.2);
  EXPECT_EQ(configuration.groups, 4);
  // Unset: InstanceNorm's default, not affine; statistics on, as diagnosed.
  EXPECT_FALSE(is_affine(configuration));
  EXPECT_TRUE(configuration.track_running_stats);
  EXPECT_EQ(line.settings.max_groups, 8);
  EXPECT_EQ(line.settings.minibatch, 5);
  EXPECT_EQ(line.device, "cuda:1");
  EXPECT_EQ(line.format, OutputFormat::Json);
  EXPECT_EQ(line.cache_dir, "/c");
  EXPECT_FALSE(line.use_cache);
  EXPECT_EQ(describe(configuration), "InstanceNorm3d(12, eps=0.001, "
                                     "momentum=0.2, track_running_stats=true)");
}

TEST(VerifyInputTest, CommandLineErrors) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"--module", "BatchNorm4d", "--channels", "8"},
       "unknown module 'BatchNorm4d'"},
      {{"--module", "BatchNorm2d", "--channels", "-3"},
       "channels must be positive, got -3"},
      {{"--module", "BatchNorm2d", "--channels", "99999"},
       "channels 99999 is more than the 8192 the verifier replays"},
      {{"--module", "BatchNorm2d", "--channels", "12", "--groups", "0"},
       "groups must be positive, got 0"},
      {{"--module", "BatchNorm2d", "--channels", "4", "--eps", "0"},
       "eps must be a positive number, got 0"},
      {{"--module", "BatchNorm2d", "--channels", "4", "--eps", "nan"},
       "invalid value 'nan' for --eps: expected a number"},
      {{"--module", "BatchNorm2d", "--channels", "4", "--momentum", "2"},
       "momentum must be between 0 and 1, got 2"},
      {{"--module", "BatchNorm2d", "--channels", "4.5"},
       "invalid value '4.5' for --channels: expected an integer"},
      {{"--module", "BatchNorm2d", "--channels", "99999999999999999999"},
       "invalid value '99999999999999999999' for --channels: expected an "
       "integer"},
      {{"--module", "BatchNorm2d", "--channels", "4", "--track-running-stats",
        "1"},
       "invalid value '1' for --track-running-stats: expected true or false"},
      {{"--example", "--max-groups", "0"},
       "--max-groups must be positive, "
       "got 0"},
      {{"--example", "--minibatch", "65"},
       "--minibatch must be between 1 and 64, got 65"},
      {{"--example", "--device", "cuda:x"},
       "invalid value 'cuda:x' for --device: expected cpu, cuda, cuda:N or "
       "auto"},
      {{"--example", "--cache-dir="}, "option '--cache-dir' needs a value"},
      {{"--example=yes"}, "option '--example' takes no value"},
      {{"--example", "--no-cache", "--no-cache"},
       "option '--no-cache' given more than once"},
      {{"--channels", "4"},
       "nothing to verify: give --module NAME --channels "
       "C, --fix-data FILE or --example"},
      {{"--example", "--groups", "4"}, "--groups applies to --module only"},
      {{"-h"}, "unexpected argument '-h'"},
  };
  for (const auto &[arguments, message] : cases)
    EXPECT_EQ(command_line_error(arguments), message);
}

TEST(VerifyInputTest, FixDataDefaultsAndNulls) {
  std::vector<NormConfiguration> configurations = parse_fix_data(
      R"({"version": 1, "check": "c", "future_field": [1],
          "configurations": [
            {"module": "BatchNorm1d", "channels": 10, "eps": null,
             "momentum": null, "affine": null, "groups": null, "dims": 1,
             "location": "m.cpp:1:2", "fix_kind": "group-norm",
             "unknown": {"x": 1}},
            {"module": "InstanceNorm1d", "channels": null}]})",
      "f.json");
  ASSERT_EQ(configurations.size(), 2u);
  EXPECT_EQ(describe(configurations[0]), "BatchNorm1d(10)");
  EXPECT_EQ(configurations[0].location, "m.cpp:1:2");
  EXPECT_EQ(configurations[0].fix_kind, "group-norm");
  EXPECT_EQ(resolved_groups(configurations[0], 32), 5);
  EXPECT_EQ(configurations[1].channels, std::nullopt);
  EXPECT_TRUE(configurations[1].track_running_stats);
}

TEST(VerifyInputTest, FixDataErrors) {
  const std::pair<std::string, std::string> cases[] = {
      {"[]", "f.json: expected a JSON object at the top level"},
      {"{\n  \"version\": 1,\n  \"configurations\": [}",
       "f.json:3:22: unexpected character '}'; expected a value"},
      {R"({"configurations": []})", "f.json: missing \"version\""},
      {R"({"version": 2, "configurations": []})",
       "f.json: unsupported version 2 (expected 1)"},
      {R"({"version": 1.0, "configurations": []})",
       "f.json: \"version\" must be an integer, got a fractional number"},
      {R"({"version": 1})", "f.json: missing \"configurations\""},
      {R"({"version": 1, "configurations": {}})",
       "f.json: \"configurations\" must be an array, got object"},
      {R"({"version": 1, "configurations": [7]})",
       "f.json: configurations[0]: must be an object, got number"},
      {file_with(R"("channels": 8)"),
       "f.json: configurations[0]: missing \"module\""},
      {file_with(R"("module": 3, "channels": 8)"),
       "f.json: configurations[0]: \"module\" must be a string, got number"},
      {file_with(R"("module": "BatchNorm4d", "channels": 8)"),
       "f.json: configurations[0]: unknown module 'BatchNorm4d'"},
      {file_with(R"("module": "BatchNorm2d")"),
       "f.json: configurations[0]: missing \"channels\""},
      {file_with(R"("module": "BatchNorm2d", "channels": 0)"),
       "f.json: configurations[0]: channels must be positive, got 0"},
      {file_with(R"("module": "BatchNorm2d", "channels": "8")"),
       "f.json: configurations[0]: \"channels\" must be an integer, got "
       "string"},
      {file_with(R"("module": "BatchNorm2d", "channels": 8, "dims": 1)"),
       "f.json: configurations[0]: dims 1 does not match module "
       "'BatchNorm2d'"},
      {file_with(R"("module": "BatchNorm2d", "channels": 8, "eps": "1")"),
       "f.json: configurations[0]: \"eps\" must be a number, got string"},
      {file_with(R"("module": "BatchNorm2d", "channels": 8, "eps": -1)"),
       "f.json: configurations[0]: eps must be a positive number, got -1"},
      {file_with(R"("module": "BatchNorm2d", "channels": 8, "affine": 1)"),
       "f.json: configurations[0]: \"affine\" must be a boolean, got number"},
      {file_with(R"("module": "BatchNorm2d", "channels": 64, "groups": 5)"),
       "f.json: configurations[0]: groups 5 does not divide channels 64"},
      {file_with(R"("module": "BatchNorm2d", "channels": 8, "location": 3)"),
       "f.json: configurations[0]: \"location\" must be a string, got "
       "number"},
  };
  for (const auto &[text, message] : cases)
    EXPECT_EQ(fix_data_error(text), message) << text;
}

} // namespace
