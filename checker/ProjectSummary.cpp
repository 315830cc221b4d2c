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

/// The summaries' format, raised whenever the graph gains facts: a summary
/// written by an older vmap-tidy lacks them, so it is rebuilt, not used.
static constexpr int64_t SummaryVersion = 2;

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

llvm::Error writeUnitSummary(llvm::StringRef Path, const VmapGraph &Graph,
                             const std::vector<SummaryDependency> &Deps) {
  llvm::json::Array DepsJSON;
  for (const SummaryDependency &D : Deps)
    DepsJSON.push_back(llvm::json::Array{D.Path, D.Hash});
  llvm::json::Value Summary = llvm::json::Object{{"version", SummaryVersion},
                                                 {"deps", std::move(DepsJSON)},
                                                 {"graph", Graph.toJSON()}};
  std::string Text;
  llvm::raw_string_ostream(Text) << Summary;
  return writeFileAtomically(Path, Text);
}

llvm::Expected<llvm::json::Value> readJSONFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read it: %s",
                                   Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Value =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Value)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "it is not valid JSON: %s",
                                   llvm::toString(Value.takeError()).c_str());
  return Value;
}

/// Why a summary's graph cannot be trusted: a site ([file, line, column])
/// that names a relative path or one with `.` or `..` in it. A summary
/// from an untrusted checkout must not point the fixes built from it (the
/// eval-mode fix edits the vmap call's file) anywhere but where it says.
static llvm::Error checkSitePaths(const llvm::json::Value &V) {
  if (const llvm::json::Object *O = V.getAsObject()) {
    for (const auto &Member : *O)
      if (llvm::Error E = checkSitePaths(Member.second))
        return E;
    return llvm::Error::success();
  }
  const llvm::json::Array *A = V.getAsArray();
  if (!A)
    return llvm::Error::success();
  if (A->size() == 3 && (*A)[0].getAsString() && (*A)[1].getAsInteger() &&
      (*A)[2].getAsInteger()) {
    llvm::StringRef File = *(*A)[0].getAsString();
    if (File.empty())
      return llvm::Error::success();
    llvm::SmallString<256> Clean(File);
    llvm::sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
    if (!llvm::sys::path::is_absolute(File) || Clean != File)
      return llvm::createStringError(
          std::errc::invalid_argument,
          "it names the file '%s', which is not an absolute path without "
          "'.' or '..'",
          File.str().c_str());
    return llvm::Error::success();
  }
  for (const llvm::json::Value &Item : *A)
    if (llvm::Error E = checkSitePaths(Item))
      return E;
  return llvm::Error::success();
}

/// The graph of a summary's root object, whatever its kind.
static llvm::Expected<VmapGraph> graphOf(const llvm::json::Object &Root) {
  if (Root.getInteger("version") != SummaryVersion)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "it is not a version %d summary",
                                   static_cast<int>(SummaryVersion));
  const llvm::json::Value *GraphJSON = Root.get("graph");
  if (!GraphJSON)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "it has no 'graph'");
  if (llvm::Error E = checkSitePaths(*GraphJSON))
    return std::move(E);
  std::string Error;
  std::optional<VmapGraph> Graph = VmapGraph::fromJSON(*GraphJSON, Error);
  if (!Graph)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "its graph is malformed: %s", Error.c_str());
  return std::move(*Graph);
}

llvm::Expected<llvm::json::Object> readJSONObjectFile(llvm::StringRef Path) {
  llvm::Expected<llvm::json::Value> Summary = readJSONFile(Path);
  if (!Summary)
    return Summary.takeError();
  llvm::json::Object *Root = Summary->getAsObject();
  if (!Root)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "it is not a JSON object");
  return std::move(*Root);
}

llvm::Expected<std::optional<VmapGraph>> readUnitSummary(llvm::StringRef Path) {
  if (!llvm::sys::fs::exists(Path))
    return std::nullopt;
  llvm::Expected<llvm::json::Object> Root = readJSONObjectFile(Path);
  if (!Root)
    return Root.takeError();
  llvm::Expected<VmapGraph> Graph = graphOf(*Root);
  if (!Graph)
    return Graph.takeError();
  const llvm::json::Array *Deps = Root->getArray("deps");
  if (!Deps)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "it has no 'deps'");
  for (const llvm::json::Value &Dep : *Deps) {
    const llvm::json::Array *Pair = Dep.getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
        !(*Pair)[1].getAsString())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "its 'deps' are malformed");
    // A changed or deleted file only makes the summary stale.
    auto Contents = llvm::MemoryBuffer::getFile(*(*Pair)[0].getAsString());
    if (!Contents ||
        contentHash((*Contents)->getBuffer()) != *(*Pair)[1].getAsString())
      return std::nullopt;
  }
  return std::move(*Graph);
}

std::optional<VmapGraph> readFreshUnitSummary(llvm::StringRef Path) {
  llvm::Expected<std::optional<VmapGraph>> Graph = readUnitSummary(Path);
  if (!Graph) {
    llvm::consumeError(Graph.takeError());
    return std::nullopt;
  }
  return std::move(*Graph);
}

llvm::Error writeProjectSummary(llvm::StringRef Path, const VmapGraph &Graph) {
  llvm::json::Value Summary = llvm::json::Object{{"version", SummaryVersion},
                                                 {"graph", Graph.toJSON()}};
  std::string Text;
  llvm::raw_string_ostream(Text) << Summary;
  return writeFileAtomically(Path, Text);
}

/// The graph in the project summary \p Path.
static llvm::Expected<VmapGraph> parseProjectSummary(llvm::StringRef Path) {
  llvm::Expected<llvm::json::Object> Root = readJSONObjectFile(Path);
  if (!Root)
    return Root.takeError();
  return graphOf(*Root);
}

/// Loads a project graph, once per path and modification time: null when
/// there is no such file.
static llvm::Expected<const VmapGraph *>
loadProjectSummary(llvm::StringRef Path) {
  struct Loaded {
    llvm::sys::TimePoint<> Modified;
    std::unique_ptr<VmapGraph> Graph;
    /// Why the file cannot be used; empty when Graph is set.
    std::string Error;
  };
  static std::map<std::string, Loaded> Cache;
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) ||
      Status.type() == llvm::sys::fs::file_type::file_not_found)
    return nullptr;
  Loaded &Entry = Cache[Path.str()];
  if ((Entry.Graph || !Entry.Error.empty()) &&
      Entry.Modified == Status.getLastModificationTime()) {
    if (Entry.Graph)
      return Entry.Graph.get();
    return llvm::createStringError(Entry.Error);
  }
  Entry.Modified = Status.getLastModificationTime();
  Entry.Graph.reset();
  Entry.Error.clear();
  llvm::Expected<VmapGraph> Graph =
      llvm::sys::fs::is_regular_file(Status)
          ? parseProjectSummary(Path)
          : llvm::Expected<VmapGraph>(
                llvm::createStringError("it is not a regular file"));
  if (!Graph) {
    Entry.Error = "cannot use the project summary '" + Path.str() +
                  "': " + llvm::toString(Graph.takeError()) +
                  "; the analysis across files is off until `vmap-tidy "
                  "--project` rebuilds it";
    return llvm::createStringError(Entry.Error);
  }
  Entry.Graph = std::make_unique<VmapGraph>(std::move(*Graph));
  return Entry.Graph.get();
}

llvm::Expected<const VmapGraph *> findProjectSummary(llvm::StringRef BuildDir,
                                                     llvm::StringRef MainFile) {
  auto Candidate = [](llvm::StringRef Dir, llvm::StringRef Sub) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Sub, SummaryDirName, "project.json");
    return std::string(Path);
  };
  // The first summary that exists decides, readable or not.
  if (!BuildDir.empty())
    if (llvm::Expected<const VmapGraph *> G =
            loadProjectSummary(Candidate(BuildDir, ""));
        !G || *G)
      return G;
  llvm::SmallString<256> Dir(MainFile);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    for (llvm::StringRef Sub : {"", "build"})
      if (llvm::Expected<const VmapGraph *> G =
              loadProjectSummary(Candidate(Dir, Sub));
          !G || *G)
        return G;
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return nullptr;
}

} // namespace clang::tidy::vmap
