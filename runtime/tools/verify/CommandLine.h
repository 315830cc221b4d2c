//===--- CommandLine.h - vmap-tidy-verify's options -----------------------===//

#ifndef VMAP_TIDY_VERIFY_COMMANDLINE_H
#define VMAP_TIDY_VERIFY_COMMANDLINE_H

#include "Configuration.h"

#include <optional>
#include <string>
#include <vector>

namespace vmap_tidy::verify {

enum class OutputFormat { Table, Json };

struct CommandLine {
  bool show_help = false;
  bool show_version = false;
  std::vector<ModuleConfiguration> configurations;
  ReplaySettings settings;
  /// "cpu", "cuda", "cuda:N" or "auto"; checked against the machine later.
  std::string device = "auto";
  OutputFormat format = OutputFormat::Table;
  /// --cache-dir, when given.
  std::optional<std::string> cache_dir;
  bool use_cache = true;
};

/// Parses the arguments after the program name. Throws UsageError with the
/// one-line message to print.
CommandLine parse_command_line(const std::vector<std::string> &arguments);

/// The --help text.
const char *usage_text();

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_COMMANDLINE_H
