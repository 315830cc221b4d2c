//===--- ResultCache.h - Remember verified configurations -----------------===//
//
// A replay is deterministic for a configuration, the replay settings, the
// device and the LibTorch build, so its result is stored under a key made of
// exactly those and read back on the next run instead of replaying. One
// file per result, <dir>/<fnv1a-64 of key>.json, holding the key (checked on
// read, against hash collisions) and the result. Files are written to a
// temporary name and renamed into place, so a reader never sees half a
// record and concurrent runs do not corrupt each other. A record that does
// not parse is ignored and overwritten.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_RESULTCACHE_H
#define VMAP_TIDY_VERIFY_RESULTCACHE_H

#include "VerifyResult.h"

#include <optional>
#include <string>

namespace vmap_tidy::verify {

class ResultCache {
public:
  /// A cache in \p directory, created on the first store.
  explicit ResultCache(std::string directory)
      : directory_(std::move(directory)) {}

  /// The default directory: $XDG_CACHE_HOME/vmap-tidy/verify, else
  /// $HOME/.cache/vmap-tidy/verify; nothing when neither is set.
  static std::optional<std::string> default_directory();

  /// The key for \p configuration replayed with \p settings on \p device.
  static std::string key(const ModuleConfiguration &configuration,
                         const ReplaySettings &settings,
                         const std::string &device);

  std::optional<ConfigurationResult> lookup(const std::string &key) const;

  /// Stores \p result; returns an error message when it could not (the run
  /// goes on without caching).
  std::optional<std::string> store(const std::string &key,
                                   const ConfigurationResult &result) const;

  const std::string &directory() const { return directory_; }

private:
  std::string path_for(const std::string &key) const;

  std::string directory_;
};

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_RESULTCACHE_H
