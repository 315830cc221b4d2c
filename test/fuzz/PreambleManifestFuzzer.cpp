//===--- PreambleManifestFuzzer.cpp - The preamble cache's manifest.json --===//
//
// The input is an entry's manifest.json, as a crashed builder, another
// vmap-tidy version or a damaged disk may leave it. In it, @ENTRY@ stands
// for the entry's directory and @DIR@ for a directory holding `dep.h` (4
// bytes, modified at 1000000000), so inputs can describe fresh entries; the
// entry's preamble.pch is "CPCH", of the same time. Both cache modes look
// the entry up. No builder is started: the vmap-tidy they would run does
// not exist.
//
//===----------------------------------------------------------------------===//

#include "checker/driver/PreambleCache.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <unistd.h>

namespace fs = llvm::sys::fs;
using namespace clang::tidy::vmap;

namespace {

constexpr time_t FixedTime = 1000000000;
const char *const NoBuilder = "/nonexistent/vmap-tidy";
std::string Scratch, Entry;
PreambleRequest Request;

std::string pathIn(llvm::StringRef Dir, llvm::StringRef Name) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Name);
  return std::string(Path);
}

void writeFile(const std::string &Path, llvm::StringRef Text,
               bool FixTime = false) {
  int Fd;
  if (fs::openFileForWrite(Path, Fd))
    std::abort();
  {
    llvm::raw_fd_ostream Out(Fd, /*shouldClose=*/false);
    Out << Text;
  }
  if (FixTime)
    fs::setLastAccessAndModificationTime(Fd, llvm::sys::toTimePoint(FixedTime));
  close(Fd);
}

PreambleCacheSettings settings(PreambleCacheMode Mode) {
  PreambleCacheSettings Settings;
  Settings.Mode = Mode;
  Settings.Directory = pathIn(Scratch, "cache");
  return Settings;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  llvm::SmallString<128> Dir;
  if (fs::createUniqueDirectory("vmap-tidy-fuzz-preamble", Dir))
    std::abort();
  Scratch = std::string(Dir);
  std::atexit([] { fs::remove_directories(Scratch); });
  writeFile(pathIn(Scratch, "dep.h"), "int;", true);
  Request.DriverArgs = {"clang++", "-std=c++17"};
  Request.WorkingDirectory = Scratch;
  Request.MainFile = pathIn(Scratch, "model.cpp");
  Request.Preamble = "#include \"dep.h\"\n";
  // A miss writes the entry's request: that makes the entry's directory.
  PreambleCache(settings(PreambleCacheMode::Sync), NoBuilder)
      .argumentsFor(Request);
  std::error_code EC;
  for (fs::directory_iterator It(pathIn(Scratch, "cache/preambles"), EC), End;
       It != End && !EC; It.increment(EC))
    Entry = It->path();
  if (Entry.empty())
    std::abort();
  writeFile(pathIn(Entry, "preamble.pch"), "CPCH", true);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Manifest(reinterpret_cast<const char *>(Data), Size);
  Manifest = llvm::join(llvm::split(Manifest, "@ENTRY@"), Entry);
  Manifest = llvm::join(llvm::split(Manifest, "@DIR@"), Scratch);
  for (PreambleCacheMode Mode :
       {PreambleCacheMode::Sync, PreambleCacheMode::Auto}) {
    writeFile(pathIn(Entry, "manifest.json"), Manifest);
    PreambleCache(settings(Mode), NoBuilder).argumentsFor(Request);
  }
  return 0;
}
