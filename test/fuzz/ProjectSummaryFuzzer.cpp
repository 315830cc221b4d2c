//===--- ProjectSummaryFuzzer.cpp - project.json and unit summaries -------===//
//
// The input is a summary file as project mode writes it (or a bare graph):
// it is read as a unit summary, as the project summary of a build
// directory, and as a VmapGraph; every graph read is merged and searched as
// the checks do, and must write and read back to itself.
//
//===----------------------------------------------------------------------===//

#include "checker/ProjectSummary.h"
#include "checker/VmapGraph.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace fs = llvm::sys::fs;
namespace json = llvm::json;
using namespace clang::tidy::vmap;

namespace {

std::string Scratch, UnitPath, BuildDir, ProjectPath, MainFile;

void checkRoundTrip(const VmapGraph &G) {
  json::Value Written = G.toJSON();
  std::string Error;
  std::optional<VmapGraph> Back = VmapGraph::fromJSON(Written, Error);
  if (!Back || Back->toJSON() != Written) {
    std::fprintf(stderr, "a graph does not read back: %s\n", Error.c_str());
    std::abort();
  }
}

/// What the checks do with a summary: merge it and search it.
void exercise(const VmapGraph &G) {
  checkRoundTrip(G);
  VmapGraph Merged;
  Merged.merge(G);
  Merged.merge(G);
  Merged.resolveHelperRandomness();
  for (ModePolicy Modes : {ModePolicy::TrainingOnly, ModePolicy::AnyMode})
    for (RandomnessPolicy Randomness :
         {RandomnessPolicy::Any, RandomnessPolicy::FailsUnlessSame}) {
      ReachOptions Options;
      Options.Modes = Modes;
      Options.Randomness = Randomness;
      VmapReachability Reach(Merged, Options);
      for (const auto &Construction : Merged.Constructions)
        Reach.pathToConstruction(Construction.first);
      for (const auto &Storage : Merged.Storage)
        Reach.pathToStorage(Storage.first);
      for (const auto &Function : Merged.Functions)
        Reach.pathToFunction(Function.first);
    }
}

void writeInput(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  if (EC) {
    std::fprintf(stderr, "cannot write %s: %s\n", Path.c_str(),
                 EC.message().c_str());
    std::abort();
  }
  Out << Text;
}

std::string pathIn(llvm::StringRef Dir, llvm::StringRef A,
                   llvm::StringRef B = "") {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, A);
  if (!B.empty())
    llvm::sys::path::append(Path, B);
  return std::string(Path);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  llvm::SmallString<128> Dir;
  if (fs::createUniqueDirectory("vmap-tidy-fuzz-summary", Dir))
    std::abort();
  Scratch = std::string(Dir);
  UnitPath = pathIn(Scratch, "unit.json");
  BuildDir = pathIn(Scratch, "build");
  ProjectPath = pathIn(pathIn(BuildDir, SummaryDirName), "project.json");
  MainFile = pathIn(Scratch, "src", "model.cpp");
  fs::create_directories(pathIn(BuildDir, SummaryDirName));
  std::atexit([] { fs::remove_directories(Scratch); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  if (llvm::Expected<json::Value> Parsed = json::parse(Text)) {
    std::string Error;
    if (std::optional<VmapGraph> G = VmapGraph::fromJSON(*Parsed, Error))
      exercise(*G);
    if (const json::Object *Root = Parsed->getAsObject())
      if (const json::Value *Graph = Root->get("graph"))
        if (std::optional<VmapGraph> G = VmapGraph::fromJSON(*Graph, Error))
          exercise(*G);
  } else {
    llvm::consumeError(Parsed.takeError());
  }

  writeInput(UnitPath, Text);
  if (std::optional<VmapGraph> G = readFreshUnitSummary(UnitPath))
    exercise(*G);

  // Summaries are cached by path and modification time: a new time for
  // each input makes the reader parse it.
  static uint32_t Modified = 0;
  writeInput(ProjectPath, Text);
  int Fd;
  if (!fs::openFileForWrite(ProjectPath, Fd, fs::CD_OpenExisting,
                            fs::OF_Append)) {
    fs::setLastAccessAndModificationTime(
        Fd, llvm::sys::toTimePoint(static_cast<time_t>(++Modified)));
    close(Fd);
  }
  if (llvm::Expected<const VmapGraph *> G =
          findProjectSummary(BuildDir, MainFile)) {
    if (*G)
      exercise(**G);
  } else {
    llvm::consumeError(G.takeError());
  }
  return 0;
}
