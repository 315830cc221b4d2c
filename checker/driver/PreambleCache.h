//===--- PreambleCache.h - Precompiled preambles shared across runs -------===//
//
// A cache of precompiled preambles on disk, shared by every vmap-tidy
// process of a user (standalone runs, project mode, the language server).
// An entry is keyed by the preamble's text, the compiler arguments, the
// compiler and vmap-tidy versions, and (when the preamble includes files
// with quotes) the main file's directory. An entry is valid while every
// file the PCH was built from keeps its size and modification time.
//
// Layout: <dir>/preambles/<key>/{preamble.h, request.json, preamble.pch,
// manifest.json, lock}. A build holds `lock` (an advisory lock the kernel
// drops if the builder dies), writes the PCH and then the manifest through
// temporary files and renames, so readers see a whole entry or none. A
// missing or stale manifest makes the entry a miss; an unreadable or damaged
// one, or a damaged PCH, too, with a one-line warning. Never an error: the
// lint goes on without the entry. A cache directory another user could
// have planted (a symlink or a directory not owned by this user) is not
// used, with a warning. Entries beyond the size limit are evicted least
// recently used first.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_DRIVER_PREAMBLECACHE_H
#define VMAP_TIDY_CHECKER_DRIVER_PREAMBLECACHE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::vmap {

enum class PreambleCacheMode {
  /// Do not use the cache.
  Off,
  /// Use a valid entry; on a miss, lint without one and build the entry in
  /// a background process for the next run.
  Auto,
  /// Use a valid entry; on a miss, build it (or wait for the process
  /// already building it) first. The default: a LibTorch preamble builds
  /// faster than a full parse (system function bodies are skipped), so
  /// even a miss is cheaper this way.
  Sync,
};

struct PreambleCacheSettings {
  PreambleCacheMode Mode = PreambleCacheMode::Sync;
  /// The cache root.
  std::string Directory;
  /// Evict entries beyond this many bytes.
  uint64_t LimitBytes = 4ull << 30;
  /// Report hits, misses and builds on stderr.
  bool Log = false;
};

/// The settings from the environment: VMAP_TIDY_PREAMBLE_CACHE (off, auto,
/// sync), VMAP_TIDY_CACHE_DIR (else $XDG_CACHE_HOME/vmap-tidy, else
/// ~/.cache/vmap-tidy) and VMAP_TIDY_PREAMBLE_CACHE_LIMIT (MiB). Command
/// line flags override them.
PreambleCacheSettings preambleCacheSettingsFromEnvironment();

/// Parses a mode name; nullopt when it is none of off, auto, sync.
std::optional<PreambleCacheMode> parsePreambleCacheMode(llvm::StringRef Name);

/// What to precompile for one translation unit.
struct PreambleRequest {
  /// Compiler driver arguments without the input file and without output
  /// or dependency-file flags, exactly as the lint will use them.
  std::vector<std::string> DriverArgs;
  /// The directory the compiler runs in.
  std::string WorkingDirectory;
  /// The main file and its preamble's text.
  std::string MainFile;
  std::string Preamble;
  bool CPlusPlus = true;
};

class PreambleCache {
public:
  /// \p Self is the vmap-tidy executable, which builds entries.
  PreambleCache(PreambleCacheSettings Settings, std::string Self);

  /// The compiler arguments that make a compile of the request's main file
  /// load the cached preamble instead of parsing it; nullopt on a miss.
  /// A miss schedules a build (Auto) or builds first (Sync).
  std::optional<std::vector<std::string>>
  argumentsFor(const PreambleRequest &Request);

  const PreambleCacheSettings &settings() const { return Settings; }

private:
  std::optional<std::vector<std::string>>
  hit(llvm::StringRef Entry, const PreambleRequest &Request,
      const std::optional<llvm::json::Object> &Manifest);
  llvm::Error prepareEntry(llvm::StringRef Entry,
                           const PreambleRequest &Request);
  /// False when the cache directory is not to be used (said once).
  bool usable();
  void log(const llvm::Twine &Message) const;

  PreambleCacheSettings Settings;
  std::string Self;
  std::optional<bool> Usable;
};

/// The body of `vmap-tidy --build-preamble=<entry>`: builds the entry
/// described by its request.json unless another process holds its lock or
/// it is already valid, then evicts old entries. Returns the exit code.
int runPreambleBuild(llvm::StringRef Entry,
                     const PreambleCacheSettings &Settings);

} // namespace clang::tidy::vmap

#endif
