//===--- VerifyMain.cpp - vmap-tidy-verify --------------------------------===//
//
// Replays the norm modules vmap-tidy diagnoses and checks, with LibTorch,
// that the diagnosis and each suggested fix hold. See docs/verifier.md.
//
// Exit status: 0 when every claim holds, 1 when one fails (or the run
// itself fails), 2 for bad input, reported as one line on stderr.
//
//===----------------------------------------------------------------------===//

#include "Claims.h"
#include "CommandLine.h"
#include "Device.h"
#include "Report.h"
#include "ResultCache.h"
#include "UsageError.h"

#include <torch/version.h>

#include <iostream>

using namespace vmap_tidy::verify;

namespace {

constexpr const char *ToolName = "vmap-tidy-verify";

int run(const CommandLine &command_line) {
  CudaSupport cuda = detect_cuda();
  c10::Device device = resolve_device(command_line.device, cuda);
  std::string note = no_gpu_note(command_line.device, cuda);
  if (!note.empty())
    std::cerr << ToolName << ": note: " << note << "\n";
  RunInfo info{TORCH_VERSION, cuda.built_with, device.str(),
               tolerances_for(device), command_line.settings};

  std::optional<ResultCache> cache;
  if (command_line.use_cache) {
    std::optional<std::string> directory =
        command_line.cache_dir ? command_line.cache_dir
                               : ResultCache::default_directory();
    if (directory)
      cache.emplace(*directory);
  }

  std::vector<ConfigurationResult> results;
  bool all_hold = true;
  for (const ModuleConfiguration &configuration : command_line.configurations) {
    std::string key =
        ResultCache::key(configuration, command_line.settings, info.device);
    std::optional<ConfigurationResult> result;
    if (cache && (result = cache->lookup(key))) {
      result->cached = true;
      // The record was computed for an equal configuration; keep this
      // run's informational fields.
      result->configuration = configuration;
    } else {
      result =
          verify_configuration(configuration, command_line.settings, device);
      if (cache)
        if (std::optional<std::string> error = cache->store(key, *result))
          std::cerr << ToolName << ": warning: " << *error << "\n";
    }
    all_hold &= result->ok();
    results.push_back(std::move(*result));
  }

  if (command_line.format == OutputFormat::Json)
    print_json(std::cout, info, results);
  else
    print_table(std::cout, info, results);
  return all_hold ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
  try {
    CommandLine command_line =
        parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    if (command_line.show_help) {
      std::cout << usage_text();
      return 0;
    }
    if (command_line.show_version) {
      std::cout << ToolName << " (vmap-tidy runtime) with LibTorch "
                << TORCH_VERSION << "\n";
      return 0;
    }
    return run(command_line);
  } catch (const UsageError &error) {
    std::cerr << ToolName << ": error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception &error) {
    // Not the input's fault: a claim could not even be set up.
    std::string message = error.what();
    std::cerr << ToolName
              << ": error: " << message.substr(0, message.find('\n')) << "\n";
    return 1;
  }
}
