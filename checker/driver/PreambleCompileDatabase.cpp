//===--- PreambleCompileDatabase.cpp - Point clang-tidy at cached preambles
//===//

#include "PreambleCompileDatabase.h"
#include "FlagValue.h"
#include "PreambleBounds.h"
#include "ProjectMode.h"
#include "checker/AtomicFile.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy::vmap {

namespace fs = llvm::sys::fs;

namespace {

/// What clang-tidy's command line says about compile commands.
struct LintCommandLine {
  std::string BuildPath;
  std::vector<std::string> Inputs;
  /// Flags after `--`, when present.
  std::optional<std::vector<std::string>> FixedFlags;
  std::vector<std::string> ExtraArgsBefore, ExtraArgs;
  std::string VfsOverlay;
  /// A flag this module does not reproduce (extra arguments from a
  /// configuration), so the cache stays out of the way.
  bool Unsupported = false;
};

LintCommandLine inspect(llvm::ArrayRef<const char *> Args) {
  LintCommandLine Line;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef A(Args[I]);
    if (A == "--") {
      Line.FixedFlags.emplace(Args.begin() + I + 1, Args.end());
      break;
    }
    llvm::StringRef Flag = A.ltrim('-');
    auto ValueOf = [&](llvm::StringRef Name) {
      return flagValue(Args, I, Name);
    };
    if (!A.starts_with("-")) {
      if (fs::is_regular_file(A))
        Line.Inputs.push_back(A.str());
    } else if (auto V = ValueOf("extra-arg-before")) {
      Line.ExtraArgsBefore.push_back(*V);
    } else if (auto V = ValueOf("extra-arg")) {
      Line.ExtraArgs.push_back(*V);
    } else if (auto V = ValueOf("vfsoverlay")) {
      Line.VfsOverlay = *V;
    } else if (Flag == "p" || Flag.starts_with("p=")) {
      if (auto V = ValueOf("p"))
        Line.BuildPath = *V;
    } else if (Flag.starts_with("config")) {
      // --config/--config-file may carry ExtraArgs.
      if (auto V = ValueOf("config"))
        Line.Unsupported |= llvm::StringRef(*V).contains("ExtraArgs");
      else
        Line.Unsupported = true;
    }
  }
  return Line;
}

/// True when a .clang-tidy file above \p File adds compiler arguments.
bool configAddsArguments(llvm::StringRef File) {
  for (const std::string &Config : clangTidyConfigFilesAbove(File))
    if (auto Buffer = llvm::MemoryBuffer::getFile(Config))
      if ((*Buffer)->getBuffer().contains("ExtraArgs"))
        return true;
  return false;
}

std::unique_ptr<tooling::CompilationDatabase>
databaseFor(const LintCommandLine &Line) {
  std::string Error;
  if (Line.FixedFlags) {
    // Built the way clang-tidy builds it from the same flags.
    std::vector<const char *> Argv{"clang-tidy", "--"};
    for (const std::string &Flag : *Line.FixedFlags)
      Argv.push_back(Flag.c_str());
    int Argc = static_cast<int>(Argv.size());
    return tooling::FixedCompilationDatabase::loadFromCommandLine(
        Argc, Argv.data(), Error);
  }
  if (!Line.BuildPath.empty())
    return tooling::CompilationDatabase::autoDetectFromDirectory(Line.BuildPath,
                                                                 Error);
  return tooling::CompilationDatabase::autoDetectFromSource(Line.Inputs[0],
                                                            Error);
}

/// Flags that make a compile produce or depend on more than the preamble
/// and the file: with these the cache is not used.
bool unsupportedFlag(llvm::StringRef Arg) {
  for (llvm::StringRef Prefix :
       {"-include", "--include", "-imacros", "-x", "--language", "-fmodules",
        "-emit-", "-preamble-bytes"})
    if (Arg.starts_with(Prefix))
      return true;
  return false;
}

/// The compiler arguments of \p Command without the input file and without
/// output and dependency-file flags (clang-tidy strips those too), with the
/// command line's extra arguments where clang-tidy puts them. Nullopt when
/// the command uses a flag the cache cannot reproduce.
std::optional<std::vector<std::string>>
preambleArguments(const tooling::CompileCommand &Command,
                  const LintCommandLine &Line) {
  const std::vector<std::string> &In = Command.CommandLine;
  if (In.empty())
    return std::nullopt;
  std::vector<std::string> Out{In[0]};
  llvm::append_range(Out, Line.ExtraArgsBefore);
  for (size_t I = 1; I < In.size(); ++I) {
    llvm::StringRef A(In[I]);
    if (A == Command.Filename || A == "-c" || A == "-fsyntax-only" ||
        A == "-MD" || A == "-MMD" || A == "-MP" || A == "-M" || A == "-MM")
      continue;
    if (A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ" || A == "-MJ") {
      ++I;
      continue;
    }
    if ((A.starts_with("-o") || A.starts_with("-MF") || A.starts_with("-MT") ||
         A.starts_with("-MQ") || A.starts_with("-MJ")) &&
        !A.starts_with("-objc"))
      continue;
    if (unsupportedFlag(A))
      return std::nullopt;
    Out.push_back(A.str());
  }
  for (const std::string &Extra : Line.ExtraArgs) {
    if (unsupportedFlag(Extra))
      return std::nullopt;
    Out.push_back(Extra);
  }
  return Out;
}

/// The text of \p File as clang-tidy will read it (through the overlay of
/// unsaved buffers, when there is one).
std::optional<std::string> readSource(llvm::StringRef File,
                                      llvm::StringRef VfsOverlay) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
      llvm::vfs::getRealFileSystem();
  if (!VfsOverlay.empty()) {
    auto Yaml = llvm::MemoryBuffer::getFile(VfsOverlay);
    if (!Yaml)
      return std::nullopt;
    FS = llvm::vfs::getVFSFromYAML(std::move(*Yaml), nullptr, VfsOverlay,
                                   nullptr, FS);
    if (!FS)
      return std::nullopt;
  }
  auto Buffer = FS->getBufferForFile(File);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

bool isC(llvm::StringRef File) {
  return llvm::sys::path::extension(File) == ".c";
}

} // namespace

std::string usePreambleCache(llvm::SmallVectorImpl<const char *> &Args,
                             PreambleCache &Cache, llvm::StringSaver &Saver) {
  if (Cache.settings().Mode == PreambleCacheMode::Off)
    return "";
  LintCommandLine Line = inspect(Args);
  if (Line.Inputs.empty() || Line.Unsupported)
    return "";
  std::unique_ptr<tooling::CompilationDatabase> Database = databaseFor(Line);
  if (!Database)
    return "";

  llvm::json::Array Entries;
  bool AnyHit = false;
  for (const std::string &Input : Line.Inputs) {
    llvm::SmallString<256> File(Input);
    fs::make_absolute(File);
    llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
    std::vector<tooling::CompileCommand> Commands =
        Database->getCompileCommands(File);
    if (Commands.empty())
      return ""; // clang-tidy reports this file itself.
    for (const tooling::CompileCommand &Command : Commands) {
      std::vector<std::string> Arguments = Command.CommandLine;
      std::optional<std::vector<std::string>> PreambleArgs;
      std::optional<std::string> Source;
      std::optional<unsigned> Size;
      if (Commands.size() == 1 && !configAddsArguments(File) &&
          (PreambleArgs = preambleArguments(Command, Line)) &&
          (Source = readSource(File, Line.VfsOverlay)) &&
          (Size = cacheablePreambleSize(*Source))) {
        llvm::SmallString<256> WorkingDirectory(Command.Directory);
        fs::make_absolute(WorkingDirectory);
        PreambleRequest Request{*PreambleArgs, std::string(WorkingDirectory),
                                std::string(File), Source->substr(0, *Size),
                                !isC(File)};
        if (auto Extra = Cache.argumentsFor(Request)) {
          llvm::append_range(Arguments, *Extra);
          AnyHit = true;
        }
      }
      llvm::json::Array JsonArgs;
      for (const std::string &Arg : Arguments)
        JsonArgs.push_back(Arg);
      Entries.push_back(llvm::json::Object{{"directory", Command.Directory},
                                           {"file", Command.Filename},
                                           {"arguments", std::move(JsonArgs)}});
    }
  }
  if (!AnyHit)
    return "";

  llvm::SmallString<256> Dir(Cache.settings().Directory);
  llvm::sys::path::append(Dir, "tmp");
  if (fs::create_directories(Dir))
    return "";
  llvm::sys::path::append(Dir, "db");
  llvm::SmallString<256> Unique;
  if (fs::createUniqueDirectory(Dir, Unique))
    return "";
  llvm::SmallString<256> DatabaseFile(Unique);
  llvm::sys::path::append(DatabaseFile, "compile_commands.json");
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(Entries));
  if (llvm::Error E = writeFileAtomically(DatabaseFile, Text)) {
    llvm::consumeError(std::move(E));
    fs::remove_directories(Unique);
    return "";
  }

  // Hand clang-tidy the private database in place of -p and `--`.
  llvm::SmallVector<const char *, 32> Rewritten;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A(Args[I]);
    if (A == "--")
      break;
    llvm::StringRef Flag = A.ltrim('-');
    if (I > 0 && A.starts_with("-") && Flag == "p") {
      ++I;
      continue;
    }
    if (I > 0 && A.starts_with("-") && Flag.starts_with("p="))
      continue;
    Rewritten.push_back(Args[I]);
  }
  Rewritten.insert(Rewritten.begin() + 1,
                   Saver.save("-p=" + Unique.str()).data());
  Args.assign(Rewritten.begin(), Rewritten.end());
  return std::string(Unique);
}

} // namespace clang::tidy::vmap
