//===--- ProjectSummary.cpp - vmap facts shared across translation units --===//

#include "checker/ProjectSummary.h"
#include "checker/CodeOwnership.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <map>
#include <memory>

namespace clang::tidy::vmap {

static std::string &summaryOutputStorage() {
  static std::string Path;
  return Path;
}

void setSummaryOutput(std::string Path) {
  summaryOutputStorage() = std::move(Path);
}

const std::string &summaryOutput() { return summaryOutputStorage(); }

std::string contentHash(llvm::StringRef Contents) {
  return llvm::utohexstr(llvm::xxh3_64bits(Contents));
}

std::vector<SummaryDependency> userFiles(const SourceManager &SM) {
  std::vector<SummaryDependency> Deps;
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
    if (!Entry.isFile())
      continue;
    const SrcMgr::FileInfo &File = Entry.getFile();
    if (SrcMgr::isSystem(File.getFileCharacteristic()))
      continue;
    OptionalFileEntryRef Ref = File.getContentCache().OrigEntry;
    if (!Ref || isLibraryFile(Ref->getName()))
      continue;
    std::optional<llvm::MemoryBufferRef> Buffer =
        File.getContentCache().getBufferOrNone(SM.getDiagnostics(),
                                               SM.getFileManager());
    if (!Buffer)
      continue;
    std::string Path = Ref->getFileEntry().tryGetRealPathName().str();
    if (Path.empty())
      Path = Ref->getName().str();
    bool Seen = false;
    for (const SummaryDependency &D : Deps)
      Seen = Seen || D.Path == Path;
    if (!Seen)
      Deps.push_back({Path, contentHash(Buffer->getBuffer())});
  }
  return Deps;
}

std::string writeFileAtomically(llvm::StringRef Path,
                                llvm::StringRef Contents) {
  llvm::SmallString<256> Dir(Path);
  llvm::sys::path::remove_filename(Dir);
  if (!Dir.empty())
    if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
      return "cannot create '" + Dir.str().str() + "': " + EC.message();
  llvm::SmallString<256> Temp;
  int FD;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temp))
    return "cannot write '" + Path.str() + "': " + EC.message();
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Contents;
    OS.close();
    if (OS.has_error()) {
      llvm::sys::fs::remove(Temp);
      return "cannot write '" + Path.str() + "': " + OS.error().message();
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    return "cannot write '" + Path.str() + "': " + EC.message();
  }
  return "";
}

std::string writeUnitSummary(llvm::StringRef Path, const VmapGraph &Graph,
                             const std::vector<SummaryDependency> &Deps) {
  llvm::json::Array DepsJSON;
  for (const SummaryDependency &D : Deps)
    DepsJSON.push_back(llvm::json::Array{D.Path, D.Hash});
  llvm::json::Value Summary = llvm::json::Object{
      {"version", 1}, {"deps", std::move(DepsJSON)}, {"graph", Graph.toJSON()}};
  std::string Text;
  llvm::raw_string_ostream(Text) << Summary;
  return writeFileAtomically(Path, Text);
}

std::optional<llvm::json::Value> readJSONFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Value =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Value) {
    llvm::consumeError(Value.takeError());
    return std::nullopt;
  }
  return std::move(*Value);
}

std::optional<VmapGraph> readFreshUnitSummary(llvm::StringRef Path) {
  std::optional<llvm::json::Value> Summary = readJSONFile(Path);
  const llvm::json::Object *Root = Summary ? Summary->getAsObject() : nullptr;
  if (!Root || Root->getInteger("version") != 1)
    return std::nullopt;
  const llvm::json::Array *Deps = Root->getArray("deps");
  const llvm::json::Value *GraphJSON = Root->get("graph");
  if (!Deps || !GraphJSON)
    return std::nullopt;
  for (const llvm::json::Value &Dep : *Deps) {
    const llvm::json::Array *Pair = Dep.getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
        !(*Pair)[1].getAsString())
      return std::nullopt;
    auto Contents = llvm::MemoryBuffer::getFile(*(*Pair)[0].getAsString());
    if (!Contents ||
        contentHash((*Contents)->getBuffer()) != *(*Pair)[1].getAsString())
      return std::nullopt;
  }
  std::string Error;
  return VmapGraph::fromJSON(*GraphJSON, Error);
}

std::string writeProjectSummary(llvm::StringRef Path, const VmapGraph &Graph) {
  llvm::json::Value Summary =
      llvm::json::Object{{"version", 1}, {"graph", Graph.toJSON()}};
  std::string Text;
  llvm::raw_string_ostream(Text) << Summary;
  return writeFileAtomically(Path, Text);
}

/// Loads a project graph, once per path and modification time.
static const VmapGraph *loadProjectSummary(llvm::StringRef Path) {
  struct Loaded {
    llvm::sys::TimePoint<> Modified;
    std::unique_ptr<VmapGraph> Graph;
  };
  static std::map<std::string, Loaded> Cache;
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) ||
      !llvm::sys::fs::is_regular_file(Status))
    return nullptr;
  Loaded &Entry = Cache[Path.str()];
  if (Entry.Graph && Entry.Modified == Status.getLastModificationTime())
    return Entry.Graph.get();
  Entry.Modified = Status.getLastModificationTime();
  Entry.Graph.reset();
  std::optional<llvm::json::Value> Summary = readJSONFile(Path);
  const llvm::json::Object *Root = Summary ? Summary->getAsObject() : nullptr;
  const llvm::json::Value *GraphJSON = Root ? Root->get("graph") : nullptr;
  std::string Error;
  if (GraphJSON)
    if (auto Graph = VmapGraph::fromJSON(*GraphJSON, Error))
      Entry.Graph = std::make_unique<VmapGraph>(std::move(*Graph));
  return Entry.Graph.get();
}

const VmapGraph *findProjectSummary(llvm::StringRef BuildDir,
                                    llvm::StringRef MainFile) {
  auto Candidate = [](llvm::StringRef Dir, llvm::StringRef Sub) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Sub, SummaryDirName, "project.json");
    return std::string(Path);
  };
  if (!BuildDir.empty())
    if (const VmapGraph *G = loadProjectSummary(Candidate(BuildDir, "")))
      return G;
  llvm::SmallString<256> Dir(MainFile);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    for (llvm::StringRef Sub : {"", "build"})
      if (const VmapGraph *G = loadProjectSummary(Candidate(Dir, Sub)))
        return G;
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return nullptr;
}

} // namespace clang::tidy::vmap
