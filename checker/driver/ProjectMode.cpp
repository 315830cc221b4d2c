//===--- ProjectMode.cpp - vmap-tidy --project ----------------------------===//

#include "ProjectMode.h"
#include "ProcessPool.h"
#include "Version.h"
#include "checker/ProjectSummary.h"
#include "checker/VmapGraph.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <thread>

namespace clang::tidy::vmap {

std::vector<std::string> clangTidyConfigFilesAbove(llvm::StringRef Path) {
  std::vector<std::string> Files;
  llvm::SmallString<256> Dir(Path);
  llvm::sys::fs::make_absolute(Dir);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ".clang-tidy");
    if (llvm::sys::fs::is_regular_file(Candidate))
      Files.push_back(std::string(Candidate));
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return Files;
}

bool takeDriverFlags(llvm::SmallVectorImpl<const char *> &Args,
                     DriverFlags &Flags, std::string &Error) {
  llvm::SmallVector<const char *, 32> Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A(Args[I]);
    if (I == 0 || A == "--") {
      // Everything after `--` belongs to the compiler.
      Kept.append(Args.begin() + I, I == 0 ? Args.begin() + 1 : Args.end());
      if (I != 0)
        break;
      continue;
    }
    llvm::StringRef Flag = A.ltrim('-');
    if (Flag == "project") {
      Flags.Project = true;
    } else if (Flag == "verify") {
      Flags.Verify = true;
    } else if (Flag == "j" || Flag == "jobs" || Flag.starts_with("j=") ||
               Flag.starts_with("jobs=")) {
      llvm::StringRef Value;
      if (Flag.contains('='))
        Value = Flag.split('=').second;
      else if (I + 1 < Args.size())
        Value = Args[++I];
      if (Value.getAsInteger(10, Flags.Jobs)) {
        Error = "invalid job count '" + Value.str() + "' for -j";
        return false;
      }
    } else if (Flag.starts_with("vmap-summary-out=")) {
      Flags.SummaryOut = Flag.split('=').second.str();
    } else if (Flag.starts_with("preamble-cache=")) {
      llvm::StringRef Value = Flag.split('=').second;
      std::optional<PreambleCacheMode> Mode = parsePreambleCacheMode(Value);
      if (!Mode) {
        Error = "invalid --preamble-cache '" + Value.str() +
                "' (expected off, auto or sync)";
        return false;
      }
      Flags.PreambleCache.Mode = *Mode;
    } else if (Flag.starts_with("cache-dir=")) {
      Flags.PreambleCache.Directory = Flag.split('=').second.str();
      if (Flags.PreambleCache.Directory.empty()) {
        Error = "--cache-dir needs a directory";
        return false;
      }
    } else if (Flag.starts_with("preamble-cache-limit=")) {
      llvm::StringRef Value = Flag.split('=').second;
      uint64_t MiB;
      if (Value.getAsInteger(10, MiB)) {
        Error = "invalid --preamble-cache-limit '" + Value.str() +
                "' (expected a size in MiB)";
        return false;
      }
      Flags.PreambleCache.LimitBytes = MiB << 20;
    } else if (Flag == "preamble-cache-log") {
      Flags.PreambleCache.Log = true;
    } else if (Flag.starts_with("build-preamble=")) {
      Flags.BuildPreamble = Flag.split('=').second.str();
    } else {
      Kept.push_back(Args[I]);
    }
  }
  Args.assign(Kept.begin(), Kept.end());
  return true;
}

namespace {

/// The build directory given with -p, and the input files, of clang-tidy's
/// command line.
struct CommandLineFacts {
  std::string BuildPath;
  std::vector<std::string> Inputs;
  /// Flags that change what a summary contains: the configuration and the
  /// extra compiler arguments.
  std::vector<std::string> Forwarded;
};

CommandLineFacts inspect(llvm::ArrayRef<const char *> Args) {
  CommandLineFacts Facts;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef A(Args[I]);
    if (A == "--") {
      for (size_t J = I; J < Args.size(); ++J)
        Facts.Forwarded.push_back(Args[J]);
      break;
    }
    llvm::StringRef Flag = A.ltrim('-');
    if ((Flag == "p") && I + 1 < Args.size()) {
      Facts.BuildPath = Args[++I];
    } else if (Flag.starts_with("p=")) {
      Facts.BuildPath = Flag.drop_front(2).str();
    } else if (Flag.starts_with("config") || Flag.starts_with("extra-arg") ||
               Flag.starts_with("vfsoverlay")) {
      Facts.Forwarded.insert(Facts.Forwarded.begin(), A.str());
    } else if (!A.starts_with("-")) {
      Facts.Inputs.push_back(A.str());
    }
  }
  return Facts;
}

/// The contents of the .clang-tidy files above \p File, whose options
/// (VmapFunctions...) change what its summary holds.
std::string configFilesAbove(llvm::StringRef File) {
  std::string Contents;
  for (const std::string &Config : clangTidyConfigFilesAbove(File))
    if (auto Buffer = llvm::MemoryBuffer::getFile(Config))
      Contents += (*Buffer)->getBuffer();
  return Contents;
}

struct UnitJob {
  std::string File;
  std::string SummaryPath;
};

/// The flags that make every summary or lint child use the preamble cache
/// the way this run does. Each file is parsed twice (summary, then lint), so
/// a preamble built right away always pays off: children build it first
/// rather than in the background, even when this run says auto.
std::vector<std::string> preambleFlagsForChildren(const DriverFlags &Flags) {
  const PreambleCacheSettings &Cache = Flags.PreambleCache;
  std::vector<std::string> Out{Cache.Mode == PreambleCacheMode::Off
                                   ? "--preamble-cache=off"
                                   : "--preamble-cache=sync"};
  if (!Cache.Directory.empty())
    Out.push_back("--cache-dir=" + Cache.Directory);
  Out.push_back("--preamble-cache-limit=" +
                std::to_string(Cache.LimitBytes >> 20));
  return Out;
}

/// The unit summary of \p Unit when it can be reused; one that is damaged
/// (rather than missing or stale) is said so, and summarised again.
std::optional<VmapGraph> readUsableUnitSummary(const UnitJob &Unit) {
  llvm::Expected<std::optional<VmapGraph>> Graph =
      readUnitSummary(Unit.SummaryPath);
  if (Graph)
    return std::move(*Graph);
  llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
      << "ignoring the summary '" << Unit.SummaryPath << "' of '" << Unit.File
      << "': " << llvm::toString(Graph.takeError()) << "; summarising again\n";
  return std::nullopt;
}

unsigned jobCount(const DriverFlags &Flags) {
  return Flags.Jobs
             ? Flags.Jobs
             : llvm::heavyweight_hardware_concurrency().compute_thread_count();
}

/// Runs the summary processes, at most \p Jobs at a time.
void runJobs(const std::string &Self, const DriverFlags &Flags,
             const CommandLineFacts &Facts, const std::vector<UnitJob> &Queue,
             unsigned Jobs) {
  std::vector<PooledCommand> Commands;
  for (const UnitJob &Job : Queue) {
    std::vector<std::string> Argv{Self, "--quiet", "--checks=-*,vmap-*",
                                  "--vmap-summary-out=" + Job.SummaryPath};
    llvm::append_range(Argv, preambleFlagsForChildren(Flags));
    if (!Facts.BuildPath.empty()) {
      Argv.push_back("-p");
      Argv.push_back(Facts.BuildPath);
    }
    auto Dashes = llvm::find(Facts.Forwarded, "--");
    Argv.insert(Argv.end(), Facts.Forwarded.begin(), Dashes);
    Argv.push_back(Job.File);
    Argv.insert(Argv.end(), Dashes, Facts.Forwarded.end());
    // The summary pass reports nothing; its compiler output goes to a log.
    // The redirect follows a symlink, so one planted there is removed.
    std::string Log = Job.SummaryPath + ".log";
    llvm::sys::fs::remove(Log);
    Commands.push_back({std::move(Argv), Log, Log});
  }
  std::vector<int> Exits = runProcessPool(Self, Commands, Jobs);
  for (size_t I = 0; I < Exits.size(); ++I)
    if (Exits[I] == -1)
      llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
          << "cannot summarise '" << Queue[I].File << "'\n";
}

} // namespace

bool summariseProject(const char *Argv0, const DriverFlags &Flags,
                      llvm::SmallVectorImpl<const char *> &Args,
                      llvm::StringSaver &Saver) {
  auto Fail = [](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy") << Message << "\n";
    return false;
  };
  CommandLineFacts Facts = inspect(Args);
  if (Facts.BuildPath.empty())
    return Fail("--project needs the build directory: -p <build-path>");
  llvm::SmallString<256> DatabasePath(Facts.BuildPath);
  llvm::sys::path::append(DatabasePath, "compile_commands.json");
  if (!llvm::sys::fs::exists(DatabasePath))
    return Fail("--project: no compile_commands.json in '" + Facts.BuildPath +
                "'");
  std::string LoadError;
  std::unique_ptr<tooling::CompilationDatabase> Database =
      tooling::JSONCompilationDatabase::loadFromFile(
          DatabasePath, LoadError, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return Fail("--project: cannot read '" + DatabasePath +
                "': " + llvm::StringRef(LoadError).trim());
  std::vector<std::string> Files = Database->getAllFiles();
  llvm::sort(Files);
  if (Files.empty())
    return Fail("--project: the compilation database in '" + Facts.BuildPath +
                "' lists no files");

  llvm::SmallString<256> SummaryDir(Facts.BuildPath);
  llvm::sys::fs::make_absolute(SummaryDir);
  llvm::sys::path::append(SummaryDir, SummaryDirName);
  auto Started = std::chrono::steady_clock::now();
  llvm::SmallString<256> UnitDir(SummaryDir);
  llvm::sys::path::append(UnitDir, "units");
  for (llvm::StringRef Dir : {SummaryDir.str(), UnitDir.str()})
    if (llvm::sys::fs::is_symlink_file(Dir))
      return Fail("cannot use '" + Dir +
                  "': it is a symlink (a checkout could point it anywhere); "
                  "remove it and run again");
  if (std::error_code EC = llvm::sys::fs::create_directories(UnitDir))
    return Fail("cannot create '" + UnitDir + "': " + EC.message());

  // A file's summary is reused while its flags, vmap-tidy, the options and
  // every user file it includes are unchanged.
  std::vector<UnitJob> Units, Stale;
  for (const std::string &File : Files) {
    std::string Key = File;
    for (const tooling::CompileCommand &Command :
         Database->getCompileCommands(File))
      Key += "\n" + Command.Directory + "\n" +
             llvm::join(Command.CommandLine, " ");
    Key += "\n" VMAP_TIDY_VERSION "\n" + llvm::join(Facts.Forwarded, " ") +
           "\n" + configFilesAbove(File);
    llvm::SmallString<256> Path(UnitDir);
    llvm::sys::path::append(Path, contentHash(Key) + ".json");
    Units.push_back({File, std::string(Path)});
    if (!readUsableUnitSummary(Units.back()))
      Stale.push_back(Units.back());
  }
  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&summariseProject));
  runJobs(Self, Flags, Facts, Stale, jobCount(Flags));

  VmapGraph Project;
  unsigned Missing = 0;
  for (const UnitJob &Unit : Units) {
    if (std::optional<VmapGraph> Graph =
            readFreshUnitSummary(Unit.SummaryPath)) {
      Project.merge(*Graph);
      continue;
    }
    ++Missing;
    llvm::WithColor::warning(llvm::errs(), "vmap-tidy")
        << "no summary for '" << Unit.File << "' (see " << Unit.SummaryPath
        << ".log); its code is left out of the project graph\n";
  }
  llvm::SmallString<256> ProjectPath(SummaryDir);
  llvm::sys::path::append(ProjectPath, "project.json");
  if (llvm::Error E = writeProjectSummary(ProjectPath, Project))
    return Fail(llvm::toString(std::move(E)));
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Started)
          .count();
  llvm::errs() << "vmap-tidy: project summary of " << Units.size() << " files ("
               << (Units.size() - Stale.size()) << " unchanged, "
               << Stale.size() - Missing << " summarised"
               << (Missing ? ", " + std::to_string(Missing) + " failed" : "")
               << ") in " << llvm::format("%.1f", Seconds)
               << " s: " << ProjectPath << "\n";

  // Without input files, lint the whole project.
  if (Facts.Inputs.empty()) {
    auto Dashes = llvm::find_if(
        Args, [](const char *A) { return llvm::StringRef(A) == "--"; });
    size_t At = Dashes - Args.begin();
    for (const std::string &File : Files)
      Args.insert(Args.begin() + At++, Saver.save(File).data());
  }
  return true;
}

std::optional<int> lintProjectInParallel(const char *Argv0,
                                         const DriverFlags &Flags,
                                         llvm::ArrayRef<const char *> Args) {
  // Fixes must be applied by one process that sees every file's fixes, so
  // that a header's fix is written once; exported fixes likewise go to one
  // file. Without input files there is nothing to split.
  std::vector<std::string> Common, Files;
  bool AfterDashes = false;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef A(Args[I]);
    AfterDashes |= A == "--";
    llvm::StringRef Flag = A.ltrim('-');
    if (!AfterDashes && A.starts_with("-") &&
        (Flag.starts_with("fix") || Flag.starts_with("export-fixes") ||
         Flag.starts_with("list-checks") || Flag.starts_with("dump-config") ||
         Flag.starts_with("explain-config") ||
         Flag.starts_with("verify-config")))
      return std::nullopt;
    if (!AfterDashes && !A.starts_with("-") &&
        llvm::sys::fs::is_regular_file(A))
      Files.push_back(A.str());
    else
      Common.push_back(A.str());
  }
  if (Files.size() < 2)
    return std::nullopt;

  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&lintProjectInParallel));
  llvm::SmallString<128> Scratch;
  if (llvm::sys::fs::createUniqueDirectory("vmap-tidy-lint", Scratch))
    return std::nullopt;
  auto Dashes = llvm::find(Common, "--");
  std::vector<PooledCommand> Commands;
  for (size_t I = 0; I < Files.size(); ++I) {
    std::vector<std::string> Argv{Self};
    llvm::append_range(Argv, preambleFlagsForChildren(Flags));
    Argv.insert(Argv.end(), Common.begin(), Dashes);
    Argv.push_back(Files[I]);
    Argv.insert(Argv.end(), Dashes, Common.end());
    std::string Stem = (Scratch + "/" + std::to_string(I)).str();
    Commands.push_back({std::move(Argv), Stem + ".out", Stem + ".err"});
  }
  // Each file's report is shown whole and in database order, whatever
  // order the children finish in.
  int Exit = 0;
  runProcessPool(Self, Commands, jobCount(Flags), [&](size_t I, int Code) {
    if (auto Out = llvm::MemoryBuffer::getFile(Commands[I].Stdout))
      llvm::outs() << (*Out)->getBuffer();
    llvm::outs().flush();
    if (auto Err = llvm::MemoryBuffer::getFile(Commands[I].Stderr))
      llvm::errs() << (*Err)->getBuffer();
    if (Code == -1)
      llvm::WithColor::error(llvm::errs(), "vmap-tidy")
          << "cannot lint '" << Files[I] << "'\n";
    Exit = std::max(Exit, Code == -1 ? 1 : Code);
  });
  llvm::sys::fs::remove_directories(Scratch);
  return Exit;
}

} // namespace clang::tidy::vmap
