//===--- ResultCache.cpp - Remember verified configurations ---------------===//

#include "ResultCache.h"
#include "Json.h"
#include "ResultJson.h"

#include <torch/version.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace vmap_tidy::verify {

namespace {

/// Bumped whenever what a replay checks changes, so older records, which
/// answer different questions, are not reused.
constexpr int ReplayVersion = 1;

uint64_t fnv1a(const std::string &text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::optional<std::string> environment(const char *name) {
  const char *value = std::getenv(name);
  if (!value || !*value)
    return std::nullopt;
  return std::string(value);
}

} // namespace

std::optional<std::string> ResultCache::default_directory() {
  // The XDG base directory spec ignores relative paths.
  std::optional<std::string> xdg = environment("XDG_CACHE_HOME");
  if (xdg && xdg->front() == '/')
    return *xdg + "/vmap-tidy/verify";
  if (std::optional<std::string> home = environment("HOME"))
    return *home + "/.cache/vmap-tidy/verify";
  return std::nullopt;
}

std::string ResultCache::key(const ModuleConfiguration &configuration,
                             const ReplaySettings &settings,
                             const std::string &device) {
  // Location and fix kind do not change the replay; they stay out.
  ModuleConfiguration replayed = configuration;
  replayed.location.clear();
  replayed.fix_kind.clear();
  std::ostringstream key;
  key << "vmap-tidy-verify/" << ReplayVersion << " libtorch/" << TORCH_VERSION
      << " device/" << device << " members/" << settings.members
      << " minibatch/" << settings.minibatch << " max_groups/"
      << settings.max_groups << " " << write_json(to_json(replayed), 0);
  return key.str();
}

std::string ResultCache::path_for(const std::string &key) const {
  char name[32];
  std::snprintf(name, sizeof(name), "%016llx.json",
                static_cast<unsigned long long>(fnv1a(key)));
  return directory_ + "/" + name;
}

std::optional<ConfigurationResult>
ResultCache::lookup(const std::string &key) const {
  std::ifstream file(path_for(key), std::ios::binary);
  if (!file)
    return std::nullopt;
  std::stringstream text;
  text << file.rdbuf();
  try {
    Json record = parse_json(text.str());
    const Json *stored_key = find_member(record, "key");
    const Json *result = find_member(record, "result");
    if (!stored_key || !stored_key->is_string() ||
        stored_key->get_ref<const std::string &>() != key || !result)
      return std::nullopt;
    return configuration_result_from_json(*result);
  } catch (const JsonSyntaxError &) {
    return std::nullopt;
  }
}

std::optional<std::string>
ResultCache::store(const std::string &key,
                   const ConfigurationResult &result) const {
  std::error_code error;
  std::filesystem::create_directories(directory_, error);
  if (error)
    return "cannot create cache directory '" + directory_ +
           "': " + error.message();
  std::string path = path_for(key);
  // Unique per process and per store, so concurrent writers never share a
  // temporary file.
  static std::atomic<unsigned> counter{0};
  std::string temporary = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(counter++);
  ConfigurationResult stored = result;
  stored.cached = false;
  Json record = Json::object({{"key", key}, {"result", to_json(stored)}});
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << write_json(record) << "\n";
    file.close();
    if (!file) {
      std::filesystem::remove(temporary, error);
      return "cannot write cache file '" + temporary + "'";
    }
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return "cannot write cache file '" + path + "': " + error.message();
  }
  return std::nullopt;
}

} // namespace vmap_tidy::verify
