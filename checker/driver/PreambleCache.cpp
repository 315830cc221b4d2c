//===--- PreambleCache.cpp - Precompiled preambles shared across runs -----===//

#include "PreambleCache.h"
#include "PreambleBounds.h"
#include "PreamblePCHBuilder.h"
#include "Version.h"
#include "checker/ProjectSummary.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <unistd.h>

namespace clang::tidy::vmap {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// Bumped whenever the entry layout or the way PCHs are built changes.
constexpr llvm::StringLiteral CacheFormat = "vmap-tidy preamble cache 2";
/// A failed build is not retried for this long unless its inputs change.
constexpr std::chrono::hours FailureMemory(1);
/// How long a synchronous run waits for another process's build.
constexpr std::chrono::minutes BuildWait(10);

std::string pathIn(llvm::StringRef Dir, llvm::StringRef Name) {
  llvm::SmallString<256> Path(Dir);
  path::append(Path, Name);
  return std::string(Path);
}

/// The JSON object in the cache file \p Path: nullopt when there is no
/// such file (an entry not built yet), an error saying why when it cannot
/// be used (unreadable, truncated, garbage, another format).
llvm::Expected<std::optional<llvm::json::Object>>
readCacheFile(llvm::StringRef Path) {
  if (!fs::exists(Path))
    return std::nullopt;
  llvm::Expected<llvm::json::Object> Object = readJSONObjectFile(Path);
  if (!Object)
    return Object.takeError();
  if (Object->getString("format") != CacheFormat)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "it is not of format '%s'",
                                   CacheFormat.data());
  return std::move(*Object);
}

/// readCacheFile, saying in one line on stderr why a file that exists
/// cannot be used; the entry is then rebuilt.
std::optional<llvm::json::Object> readObject(llvm::StringRef Path) {
  llvm::Expected<std::optional<llvm::json::Object>> Object =
      readCacheFile(Path);
  if (Object)
    return std::move(*Object);
  llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
      << "preamble cache: ignoring '" << Path
      << "': " << llvm::toString(Object.takeError()) << "; rebuilding it\n";
  return std::nullopt;
}

/// True when \p Path still has the size and time recorded at build time.
bool unchanged(llvm::StringRef Path, uint64_t Size, int64_t Modified) {
  fs::file_status Status;
  return !fs::status(Path, Status) && Status.getSize() == Size &&
         modifiedSeconds(Status) == Modified;
}

bool dependenciesUnchanged(const llvm::json::Object &Manifest) {
  const llvm::json::Array *Deps = Manifest.getArray("dependencies");
  if (!Deps)
    return false;
  for (const llvm::json::Value &Dep : *Deps) {
    const llvm::json::Array *Fields = Dep.getAsArray();
    if (!Fields || Fields->size() != 3)
      return false;
    std::optional<llvm::StringRef> Path = (*Fields)[0].getAsString();
    std::optional<int64_t> Size = (*Fields)[1].getAsInteger();
    std::optional<int64_t> Modified = (*Fields)[2].getAsInteger();
    if (!Path || !Size || !Modified || !unchanged(*Path, *Size, *Modified))
      return false;
  }
  return true;
}

std::string cacheKey(const PreambleRequest &Request) {
  std::string Key;
  llvm::raw_string_ostream OS(Key);
  OS << CacheFormat << '\0' << VMAP_TIDY_VERSION << '\0'
     << getClangFullVersion() << '\0' << Request.WorkingDirectory << '\0'
     << Request.CPlusPlus << '\0';
  for (const std::string &Arg : Request.DriverArgs)
    OS << Arg << '\0';
  // Quoted includes are looked up next to the main file first.
  if (hasQuotedInclude(Request.Preamble))
    OS << path::parent_path(Request.MainFile) << '\0';
  // Comments and layout do not change what the preamble means.
  OS << preambleDirectives(Request.Preamble);
  return contentHash(Key);
}

/// True when \p Manifest describes a built entry whose PCH and inputs are
/// all as they were when it was built.
bool builtAndFresh(llvm::StringRef Entry, const llvm::json::Object &Manifest) {
  if (Manifest.getString("status") != "built")
    return false;
  std::string PCH = pathIn(Entry, "preamble.pch");
  std::optional<int64_t> Size = Manifest.getInteger("pch_size");
  std::optional<int64_t> Modified = Manifest.getInteger("pch_modified");
  if (!Size || !Modified || !dependenciesUnchanged(Manifest))
    return false;
  if (!unchanged(PCH, *Size, *Modified)) {
    llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
        << "preamble cache: ignoring '" << PCH
        << "': it is not the file its manifest describes; rebuilding it\n";
    return false;
  }
  // A PCH that does not start with clang's signature is not one.
  auto Head = llvm::MemoryBuffer::getFileSlice(PCH, 4, 0);
  if (Head && (*Head)->getBuffer() == "CPCH")
    return true;
  llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
      << "preamble cache: ignoring '" << PCH
      << "': it is not a precompiled header; rebuilding it\n";
  return false;
}

/// The lock of an entry, released when the object dies (or the process).
class EntryLock {
public:
  explicit EntryLock(llvm::StringRef Entry) {
    if (fs::openFileForReadWrite(pathIn(Entry, "lock"), FD, fs::CD_OpenAlways,
                                 fs::OF_None))
      FD = -1;
  }
  ~EntryLock() {
    if (FD < 0)
      return;
    if (Held)
      fs::unlockFile(FD);
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  bool tryLock(std::chrono::milliseconds Wait) {
    Held = FD >= 0 && !fs::tryLockFile(FD, Wait);
    return Held;
  }

private:
  int FD = -1;
  bool Held = false;
};

/// Sets the modification time of \p Path to now.
void touch(llvm::StringRef Path) {
  int FD;
  if (fs::openFileForWrite(Path, FD, fs::CD_OpenExisting, fs::OF_Append))
    return;
  fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
  llvm::sys::Process::SafelyCloseFileDescriptor(FD);
}

uint64_t directorySize(llvm::StringRef Dir) {
  uint64_t Size = 0;
  std::error_code EC;
  for (fs::directory_iterator It(Dir, EC), End; !EC && It != End;
       It.increment(EC)) {
    fs::file_status Status;
    if (!fs::status(It->path(), Status) && fs::is_regular_file(Status))
      Size += Status.getSize();
  }
  return Size;
}

/// Removes \p Dir by renaming it out of the way first, so that no reader
/// ever sees half an entry.
void removeEntry(llvm::StringRef Dir) {
  llvm::SmallString<256> Trash;
  if (fs::createUniqueDirectory(pathIn(path::parent_path(Dir), ".trash"),
                                Trash))
    return;
  fs::rename(Dir, pathIn(Trash, "entry"));
  fs::remove_directories(Trash);
}

/// Keeps the cache under its size limit: drops entries least recently used
/// first (the one just built last), leftovers of interrupted removals, and
/// temporary compilation databases a killed run left behind.
void evict(const PreambleCacheSettings &Settings, llvm::StringRef Keep) {
  std::string Root = pathIn(Settings.Directory, "preambles");
  struct Entry {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> LastUsed;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  auto Now = std::chrono::system_clock::now();
  std::error_code EC;
  for (fs::directory_iterator It(Root, EC), End; !EC && It != End;
       It.increment(EC)) {
    llvm::StringRef Name = path::filename(It->path());
    if (Name.starts_with(".trash")) {
      fs::remove_directories(It->path());
      continue;
    }
    fs::file_status Status;
    if (fs::status(pathIn(It->path(), "manifest.json"), Status) &&
        fs::status(It->path(), Status))
      continue;
    Entries.push_back({It->path(), directorySize(It->path()),
                       Status.getLastModificationTime()});
    Total += Entries.back().Size;
  }
  llvm::sort(Entries, [](const Entry &A, const Entry &B) {
    return A.LastUsed < B.LastUsed;
  });
  for (const Entry &E : Entries) {
    if (Total <= Settings.LimitBytes)
      break;
    if (E.Path == Keep)
      continue;
    EntryLock Lock(E.Path);
    if (!Lock.tryLock(std::chrono::milliseconds(0)))
      continue;
    removeEntry(E.Path);
    Total -= E.Size;
  }
  std::string Temp = pathIn(Settings.Directory, "tmp");
  for (fs::directory_iterator It(Temp, EC), End; !EC && It != End;
       It.increment(EC)) {
    fs::file_status Status;
    if (!fs::status(It->path(), Status) &&
        Now - Status.getLastModificationTime() > std::chrono::hours(24))
      fs::remove_directories(It->path());
  }
}

} // namespace

PreambleCacheSettings preambleCacheSettingsFromEnvironment() {
  PreambleCacheSettings Settings;
  if (auto Mode = llvm::sys::Process::GetEnv("VMAP_TIDY_PREAMBLE_CACHE"))
    if (auto Parsed = parsePreambleCacheMode(*Mode))
      Settings.Mode = *Parsed;
  if (auto Dir = llvm::sys::Process::GetEnv("VMAP_TIDY_CACHE_DIR");
      Dir && !Dir->empty()) {
    Settings.Directory = *Dir;
  } else if (auto Xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
             Xdg && !Xdg->empty()) {
    Settings.Directory = pathIn(*Xdg, "vmap-tidy");
  } else {
    llvm::SmallString<256> Home;
    if (llvm::sys::path::home_directory(Home))
      Settings.Directory = pathIn(pathIn(Home, ".cache"), "vmap-tidy");
  }
  if (auto Limit = llvm::sys::Process::GetEnv("VMAP_TIDY_PREAMBLE_CACHE_LIMIT"))
    if (uint64_t MiB; !llvm::StringRef(*Limit).getAsInteger(10, MiB))
      Settings.LimitBytes = MiB << 20;
  if (Settings.Directory.empty())
    Settings.Mode = PreambleCacheMode::Off;
  return Settings;
}

std::optional<PreambleCacheMode> parsePreambleCacheMode(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<PreambleCacheMode>>(Name)
      .Case("off", PreambleCacheMode::Off)
      .Case("auto", PreambleCacheMode::Auto)
      .Case("sync", PreambleCacheMode::Sync)
      .Default(std::nullopt);
}

PreambleCache::PreambleCache(PreambleCacheSettings Settings, std::string Self)
    : Settings(std::move(Settings)), Self(std::move(Self)) {}

void PreambleCache::log(const llvm::Twine &Message) const {
  if (Settings.Log)
    llvm::errs() << "vmap-tidy: preamble cache: " << Message << "\n";
}

std::optional<std::vector<std::string>>
PreambleCache::hit(llvm::StringRef Entry, const PreambleRequest &Request,
                   const std::optional<llvm::json::Object> &Manifest) {
  if (!Manifest || !builtAndFresh(Entry, *Manifest))
    return std::nullopt;
  // The manifest's time is the entry's last use, for eviction.
  touch(pathIn(Entry, "manifest.json"));
  return std::vector<std::string>{
      "-include-pch", pathIn(Entry, "preamble.pch"), "-Xclang",
      "-preamble-bytes=" + std::to_string(Request.Preamble.size()) + ",1"};
}

llvm::Error PreambleCache::prepareEntry(llvm::StringRef Entry,
                                        const PreambleRequest &Request) {
  if (std::error_code EC = fs::create_directories(Entry))
    return llvm::createStringError(EC, "cannot create '%s': %s",
                                   Entry.str().c_str(), EC.message().c_str());
  // The header's time is recorded in the PCH: never rewrite an existing one
  // (its name is derived from its content).
  std::string Header = pathIn(Entry, "preamble.h");
  if (!fs::exists(Header))
    if (llvm::Error E = writeFileAtomically(Header, Request.Preamble))
      return E;
  llvm::json::Array Args;
  for (const std::string &Arg : Request.DriverArgs)
    Args.push_back(Arg);
  llvm::json::Object Description{
      {"format", CacheFormat},         {"directory", Request.WorkingDirectory},
      {"main_file", Request.MainFile}, {"cplusplus", Request.CPlusPlus},
      {"arguments", std::move(Args)},
  };
  std::string Text;
  llvm::raw_string_ostream(Text)
      << llvm::json::Value(std::move(Description)) << "\n";
  return writeFileAtomically(pathIn(Entry, "request.json"), Text);
}

/// Why the cache root \p Dir must not be used, when another user could
/// have put it there to have this one's caches written or read elsewhere:
/// a symlink someone else owns, a directory someone else owns or may write.
static std::optional<std::string> untrustedCacheRoot(llvm::StringRef Dir) {
  fs::file_status Link, Target;
  if (fs::status(Dir, Link, /*Follow=*/false))
    return std::nullopt; // Created by this process, as this user.
  unsigned Me = ::geteuid();
  if (Link.type() == fs::file_type::symlink_file && Link.getUser() != Me)
    return "it is a symlink owned by another user";
  if (fs::status(Dir, Target))
    return "it is a symlink to nothing";
  if (!fs::is_directory(Target))
    return "it is not a directory";
  if (Target.getUser() != Me)
    return "it is owned by another user";
  if (Target.permissions() & fs::others_write)
    return "other users may write to it";
  return std::nullopt;
}

bool PreambleCache::usable() {
  if (!Usable) {
    std::optional<std::string> Why = untrustedCacheRoot(Settings.Directory);
    if (Why)
      llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
          << "preamble cache: not using '" << Settings.Directory
          << "': " << *Why << "\n";
    Usable = !Why;
  }
  return *Usable;
}

std::optional<std::vector<std::string>>
PreambleCache::argumentsFor(const PreambleRequest &Request) {
  if (Settings.Mode == PreambleCacheMode::Off || !usable())
    return std::nullopt;
  std::string Entry =
      pathIn(pathIn(Settings.Directory, "preambles"), cacheKey(Request));
  llvm::StringRef Name = path::filename(Request.MainFile);
  std::optional<llvm::json::Object> Manifest =
      readObject(pathIn(Entry, "manifest.json"));
  if (auto Args = hit(Entry, Request, Manifest)) {
    log("hit for " + Name);
    return Args;
  }
  if (Manifest && Manifest->getString("status") == "failed" &&
      dependenciesUnchanged(*Manifest)) {
    std::optional<int64_t> At = Manifest->getInteger("built_at");
    if (At && std::chrono::system_clock::now() -
                      llvm::sys::toTimePoint(static_cast<time_t>(*At)) <
                  FailureMemory) {
      log("the preamble of " + Name + " did not compile; not retrying");
      return std::nullopt;
    }
  }
  if (llvm::Error E = prepareEntry(Entry, Request)) {
    // Said once: every later file would fail the same way.
    llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
        << "preamble cache: " << llvm::toString(std::move(E))
        << "; linting without it\n";
    Usable = false;
    return std::nullopt;
  }
  std::string EntryFlag = "--build-preamble=" + Entry;
  std::string DirFlag = "--cache-dir=" + Settings.Directory;
  std::string LimitFlag =
      "--preamble-cache-limit=" + std::to_string(Settings.LimitBytes >> 20);
  llvm::StringRef Argv[] = {Self, EntryFlag, DirFlag, LimitFlag};
  // The builder never writes to the linter's streams: a hook or an editor
  // waiting for them to close must not wait for a background build.
  std::optional<llvm::StringRef> Quiet[] = {"", "", ""};
  std::string Error;
  if (Settings.Mode == PreambleCacheMode::Auto) {
    EntryLock Probe(Entry);
    if (!Probe.tryLock(std::chrono::milliseconds(0))) {
      log("miss for " + Name + "; another process is building it");
      return std::nullopt;
    }
    bool Failed = false;
    llvm::sys::ExecuteNoWait(Self, Argv, std::nullopt, Quiet, 0, &Error,
                             &Failed, nullptr, /*DetachProcess=*/true);
    log("miss for " + Name +
        (Failed ? "; cannot start a build: " + Error
                : std::string("; building it in the background")));
    return std::nullopt;
  }
  auto Started = std::chrono::steady_clock::now();
  int Exit =
      llvm::sys::ExecuteAndWait(Self, Argv, std::nullopt, Quiet, 0, 0, &Error);
  // What is wrong with the entry was said before the build.
  llvm::Expected<std::optional<llvm::json::Object>> Built =
      readCacheFile(pathIn(Entry, "manifest.json"));
  std::optional<std::vector<std::string>> Args =
      hit(Entry, Request,
          Built ? std::move(*Built)
                : (llvm::consumeError(Built.takeError()), std::nullopt));
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Started)
          .count();
  log((Args ? "built " : "no preamble for ") + Name + " in " +
      llvm::formatv("{0:f1}", Seconds) + " s" +
      (Exit ? " (builder exit " + std::to_string(Exit) + ")" : ""));
  return Args;
}

int runPreambleBuild(llvm::StringRef Entry,
                     const PreambleCacheSettings &Settings) {
  EntryLock Lock(Entry);
  if (!Lock.tryLock(
          std::chrono::duration_cast<std::chrono::milliseconds>(BuildWait)))
    return 1;
  std::optional<llvm::json::Object> Request =
      readObject(pathIn(Entry, "request.json"));
  if (!Request)
    return 1;
  // Another process may have built the entry while this one waited.
  if (std::optional<llvm::json::Object> Manifest =
          readObject(pathIn(Entry, "manifest.json"));
      Manifest && builtAndFresh(Entry, *Manifest))
    return 0;
  std::vector<std::string> DriverArgs;
  if (const llvm::json::Array *Args = Request->getArray("arguments"))
    for (const llvm::json::Value &Arg : *Args)
      if (auto Text = Arg.getAsString())
        DriverArgs.push_back(Text->str());
  std::optional<llvm::StringRef> Directory = Request->getString("directory");
  std::optional<llvm::StringRef> MainFile = Request->getString("main_file");
  if (DriverArgs.empty() || !Directory || !MainFile ||
      fs::set_current_path(*Directory))
    return 1;
  // The preamble lives in the cache, so its quoted includes are looked up
  // where the main file's are: in the main file's directory.
  DriverArgs.insert(DriverArgs.begin() + 1,
                    {"-iquote", path::parent_path(*MainFile).str()});

  std::string Output = pathIn(Entry, "preamble.pch");
  llvm::SmallString<256> Temp;
  fs::createUniquePath(Output + ".tmp-%%%%%%%%", Temp, false);
  auto Started = std::chrono::system_clock::now();
  PreambleBuildResult Result =
      buildPreamblePCH(DriverArgs, pathIn(Entry, "preamble.h"),
                       Request->getBoolean("cplusplus").value_or(true), Temp);
  llvm::json::Array Deps;
  for (const PreambleDependency &Dep : Result.Dependencies)
    Deps.push_back(llvm::json::Array{Dep.Path, static_cast<int64_t>(Dep.Size),
                                     Dep.ModifiedSeconds});
  llvm::json::Object Manifest{
      {"format", CacheFormat},
      {"built_at", static_cast<int64_t>(llvm::sys::toTimeT(Started))},
      {"seconds",
       std::chrono::duration<double>(std::chrono::system_clock::now() - Started)
           .count()},
      {"dependencies", std::move(Deps)},
  };
  fs::file_status Status;
  if (Result.Succeeded && !fs::rename(Temp, Output) &&
      !fs::status(Output, Status)) {
    Manifest["status"] = "built";
    Manifest["pch_size"] = static_cast<int64_t>(Status.getSize());
    Manifest["pch_modified"] = modifiedSeconds(Status);
  } else {
    fs::remove(Temp);
    Manifest["status"] = "failed";
    Manifest["error"] = Result.Error;
  }
  std::string Text;
  llvm::raw_string_ostream(Text)
      << llvm::json::Value(std::move(Manifest)) << "\n";
  if (llvm::Error E =
          writeFileAtomically(pathIn(Entry, "manifest.json"), Text)) {
    llvm::errs() << "vmap-tidy: error: " << llvm::toString(std::move(E))
                 << "\n";
    return 1;
  }
  evict(Settings, Entry);
  return Result.Succeeded ? 0 : 1;
}

} // namespace clang::tidy::vmap
