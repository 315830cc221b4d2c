//===--- VerifyInputTest.cpp - vmap-tidy-verify's options and fix data ----===//
//
// Every message the verifier prints for bad input, checked in-process; the
// CLI tests (verify_cli_test.py) check a sample end to end.
//
//===----------------------------------------------------------------------===//

#include "CommandLine.h"
#include "FixData.h"
#include "ResultCache.h"
#include "ResultJson.h"
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
  const ModuleConfiguration &configuration = line.configurations.front();
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
  std::vector<ModuleConfiguration> configurations = parse_fix_data(
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

// vmap-random-op's dropout modules: no channels; p and inplace default to
// LibTorch's 0.5 and false.
TEST(VerifyInputTest, DropoutFixData) {
  std::vector<ModuleConfiguration> configurations = parse_fix_data(
      R"({"version": 1, "check": "vmap-random-op",
          "configurations": [
            {"module": "Dropout2d", "p": 0.25, "inplace": true,
             "location": "m.cpp:4:10", "fix_kind": "eval-mode"},
            {"module": "AlphaDropout", "p": null, "inplace": null},
            {"module": "FeatureAlphaDropout"}]})",
      "f.json");
  ASSERT_EQ(configurations.size(), 3u);
  ASSERT_TRUE(configurations[0].dropout);
  EXPECT_EQ(configurations[0].dropout->kind, DropoutKind::Dropout2d);
  EXPECT_EQ(configurations[0].dropout->p, 0.25);
  EXPECT_TRUE(configurations[0].dropout->inplace);
  EXPECT_EQ(configurations[0].location, "m.cpp:4:10");
  EXPECT_EQ(configurations[0].fix_kind, "eval-mode");
  EXPECT_EQ(describe(configurations[0]), "Dropout2d(0.25, inplace=true)");
  EXPECT_EQ(member_shape(configurations[0], ReplaySettings()),
            (std::vector<int64_t>{3, DropoutChannels, 4, 4}));
  ASSERT_TRUE(configurations[1].dropout);
  EXPECT_EQ(configurations[1].dropout->p, 0.5);
  EXPECT_FALSE(configurations[1].dropout->inplace);
  EXPECT_EQ(describe(configurations[1]), "AlphaDropout(0.5)");
  EXPECT_EQ(describe(configurations[2]), "FeatureAlphaDropout(0.5)");

  const std::pair<std::string, std::string> errors[] = {
      {file_with(R"("module": "Dropout", "p": 1.5)"),
       "f.json: configurations[0]: p must be between 0 and 1, got 1.5"},
      {file_with(R"("module": "Dropout", "p": "0.5")"),
       "f.json: configurations[0]: \"p\" must be a number, got string"},
      {file_with(R"("module": "Dropout3d", "inplace": 1)"),
       "f.json: configurations[0]: \"inplace\" must be a boolean, got "
       "number"},
      {file_with(R"("module": "Dropout4d")"),
       "f.json: configurations[0]: unknown module 'Dropout4d'"},
  };
  for (const auto &[text, message] : errors)
    EXPECT_EQ(fix_data_error(text), message) << text;
}

TEST(VerifyInputTest, DropoutModuleOptions) {
  CommandLine line = parse_command_line(
      {"--module", "Dropout3d", "--p", "0.1", "--inplace=true"});
  ASSERT_EQ(line.configurations.size(), 1u);
  const ModuleConfiguration &configuration = line.configurations.front();
  ASSERT_TRUE(configuration.dropout);
  EXPECT_EQ(configuration.dropout->kind, DropoutKind::Dropout3d);
  EXPECT_EQ(configuration.dropout->p, 0.1);
  EXPECT_TRUE(configuration.dropout->inplace);
  EXPECT_EQ(member_shape(configuration, line.settings),
            (std::vector<int64_t>{3, DropoutChannels, 3, 3, 3}));
  EXPECT_EQ(
      describe(
          parse_command_line({"--module", "Dropout"}).configurations.front()),
      "Dropout(0.5)");

  const std::pair<std::vector<std::string>, std::string> errors[] = {
      {{"--module", "Dropout", "--channels", "8"},
       "--channels does not apply to dropout module 'Dropout'"},
      {{"--module", "BatchNorm2d", "--channels", "8", "--p", "0.5"},
       "--p applies to dropout modules only"},
      {{"--example", "--inplace", "true"},
       "--inplace applies to --module only"},
      {{"--module", "Dropout", "--p", "-0.1"},
       "p must be between 0 and 1, got -0.1"},
      {{"--module", "Dropout", "--inplace", "yes"},
       "invalid value 'yes' for --inplace: expected true or false"},
  };
  for (const auto &[arguments, message] : errors)
    EXPECT_EQ(command_line_error(arguments), message) << arguments.front();
}

// A dropout configuration reads back from its JSON, and its cache key is
// its own: no norm configuration, and no other p, shares it.
TEST(VerifyInputTest, DropoutResultsRoundTripAndKeyApart) {
  ModuleConfiguration dropout;
  dropout.dropout =
      DropoutConfiguration{DropoutKind::FeatureAlphaDropout, 0.3, true};
  dropout.location = "m.cpp:1:2";
  ConfigurationResult result;
  result.configuration = dropout;
  result.input_shape = {4, 3, 8, 4, 4};
  ClaimResult claim;
  claim.id = "fix-randomness-same";
  claim.title = "fix: randomness same";
  claim.module = "FeatureAlphaDropout(0.3, inplace=true), Randomness::Same";
  claim.status = ClaimStatus::Pass;
  claim.detail = "every member the same mask";
  result.claims.push_back(claim);

  Json json = to_json(result);
  EXPECT_EQ(write_json(to_json(dropout), 0),
            R"({"module":"FeatureAlphaDropout","p":0.3,"inplace":true,)"
            R"("location":"m.cpp:1:2","fix_kind":null})");
  std::optional<ConfigurationResult> back =
      configuration_result_from_json(json);
  ASSERT_TRUE(back);
  ASSERT_TRUE(back->configuration.dropout);
  EXPECT_EQ(back->configuration.dropout->kind,
            DropoutKind::FeatureAlphaDropout);
  EXPECT_EQ(back->configuration.dropout->p, 0.3);
  EXPECT_TRUE(back->configuration.dropout->inplace);
  EXPECT_EQ(write_json(to_json(*back)), write_json(json));

  ReplaySettings settings;
  ModuleConfiguration norm;
  ModuleConfiguration other_p = dropout;
  other_p.dropout->p = 0.4;
  ModuleConfiguration moved = dropout;
  moved.location = "elsewhere.cpp:9:9";
  std::string key = ResultCache::key(dropout, settings, "cpu");
  EXPECT_NE(key, ResultCache::key(norm, settings, "cpu"));
  EXPECT_NE(key, ResultCache::key(other_p, settings, "cpu"));
  EXPECT_EQ(key, ResultCache::key(moved, settings, "cpu"));
}

} // namespace
