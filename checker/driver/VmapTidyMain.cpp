//===--- VmapTidyMain.cpp - The vmap-tidy standalone driver ---------------===//
//
// vmap-tidy is clang-tidy with the vmap-* module linked in: every flag and
// convention of clang-tidy works unchanged because its own driver runs the
// show. vmap-tidy only changes two defaults: the base check list (`-*,vmap-*`,
// which configurations and --checks layer on, see LayeredChecks.h) and the
// version banner; and it adds project mode (`--project`, see ProjectMode.h).
//
//===----------------------------------------------------------------------===//

#include "CheckList.h"
#include "ExportedFixOwnership.h"
#include "FlagValue.h"
#include "LayeredChecks.h"
#include "OwnedFixApplication.h"
#include "PreambleCompileDatabase.h"
#include "ProjectMode.h"
#include "ReportFlags.h"
#include "Version.h"
#include "checker/AtomicFile.h"
#include "checker/FixVerification.h"
#include "checker/ProjectSummary.h"
#include "checker/lsp/LanguageServer.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"
#include <sys/file.h>
#include <unistd.h>
#include <vector>

namespace clang::tidy {
extern volatile int VmapTidyModuleAnchorSource;
} // namespace clang::tidy

namespace {

void printVersion(llvm::raw_ostream &OS) {
  OS << "vmap-tidy version " << VMAP_TIDY_VERSION << "\n"
     << "  built on LLVM version " << LLVM_VERSION_STRING
     << " (clang-tidy driver)\n";
}

namespace fs = llvm::sys::fs;

/// clang's parser recurses once per nesting level (5000 parentheses under
/// -fbracket-depth need about 50 MiB); the lint runs on a thread this big
/// rather than on the main thread's 8 MiB.
constexpr unsigned LintStackBytes = 512u << 20;

/// clang-tidy flags whose value may follow as a separate argument.
bool takesSeparateValue(llvm::StringRef Arg) {
  static const llvm::StringSet<> Flags = {"p",
                                          "checks",
                                          "config",
                                          "config-file",
                                          "header-filter",
                                          "exclude-header-filter",
                                          "line-filter",
                                          "export-fixes",
                                          "format-style",
                                          "warnings-as-errors",
                                          "extra-arg",
                                          "extra-arg-before",
                                          "vfsoverlay",
                                          "load",
                                          "store-check-profile"};
  return Flags.contains(Arg.ltrim('-'));
}

/// The source files named on clang-tidy's command line \p Args.
std::vector<std::string> inputFiles(llvm::ArrayRef<const char *> Args) {
  std::vector<std::string> Inputs;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg(Args[I]);
    if (Arg == "--")
      break;
    if (takesSeparateValue(Arg))
      ++I;
    else if (!Arg.starts_with("-"))
      Inputs.push_back(Arg.str());
  }
  return Inputs;
}

bool isFixRun(llvm::ArrayRef<const char *> Args) {
  for (size_t I = 1; I < Args.size() && llvm::StringRef(Args[I]) != "--"; ++I)
    if (llvm::StringRef Flag = llvm::StringRef(Args[I]).ltrim('-');
        Flag == "fix" || Flag == "fix-errors" || Flag == "fix-notes")
      return true;
  return false;
}

/// True for a run that only lists checks or prints the configuration: its
/// paths only locate the configuration, and need not be sources
/// (run-clang-tidy asks for the checks with an empty path).
bool isConfigurationQuery(llvm::ArrayRef<const char *> Args) {
  for (size_t I = 1; I < Args.size() && llvm::StringRef(Args[I]) != "--"; ++I)
    if (llvm::StringRef Flag = llvm::StringRef(Args[I]).ltrim('-');
        Flag == "list-checks" || Flag == "dump-config" ||
        Flag == "explain-config" || Flag == "verify-config")
      return true;
  return false;
}

/// Why \p Path cannot be linted (or, with \p Fix, fixed) as a source file;
/// success when it can. Checked before clang-tidy runs, so that a bad input
/// is one line and nothing is written.
llvm::Error checkInput(llvm::StringRef Path, bool Fix) {
  auto Refuse = [&](const char *Format) {
    return llvm::createStringError(std::errc::invalid_argument, Format,
                                   Path.str().c_str());
  };
  fs::file_status Status;
  if (std::error_code EC = fs::status(Path, Status))
    return EC == std::errc::no_such_file_or_directory
               ? Refuse("no such file or directory: '%s'")
               : llvm::createStringError(EC, "cannot read '%s': %s",
                                         Path.str().c_str(),
                                         EC.message().c_str());
  if (fs::is_directory(Status))
    return Refuse("'%s' is a directory, not a source file");
  if (!fs::is_regular_file(Status))
    return Refuse("'%s' is not a regular file");
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Head =
      llvm::MemoryBuffer::getFileSlice(
          Path, std::min<uint64_t>(Status.getSize(), 64 << 10), 0);
  if (!Head)
    return llvm::createStringError(Head.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Head.getError().message().c_str());
  if ((*Head)->getBuffer().contains('\0'))
    return Refuse("'%s' is not a source file: it holds NUL bytes");
  // The owner's write bit, because root may write anything: a file its
  // owner made read-only is not to be fixed.
  if (Fix && ((Status.permissions() & fs::owner_write) == 0 ||
              ::access(Path.str().c_str(), W_OK) != 0))
    return Refuse("cannot fix '%s': it is read-only");
  return llvm::Error::success();
}

/// True when a --vfsoverlay decides what the input paths hold (the
/// language server lints an editor's unsaved buffer under the file's name,
/// which may not exist on disk yet).
bool hasFileOverlay(llvm::ArrayRef<const char *> Args) {
  for (size_t I = 1; I < Args.size() && llvm::StringRef(Args[I]) != "--"; ++I)
    if (llvm::StringRef(Args[I]).ltrim('-').starts_with("vfsoverlay"))
      return true;
  return false;
}

llvm::Error checkInputs(llvm::ArrayRef<const char *> Args) {
  if (hasFileOverlay(Args) || isConfigurationQuery(Args))
    return llvm::Error::success();
  bool Fix = isFixRun(Args);
  for (const std::string &Input : inputFiles(Args))
    if (llvm::Error E = checkInput(Input, Fix))
      return E;
  return llvm::Error::success();
}

/// The user's --export-fixes file, which clang-tidy is made to write to a
/// temporary file instead: copied to the user's at the end (atomically, or
/// in place for a device), so a full disk or an interrupted run never
/// leaves half an export, and the failure is one line rather than a fatal
/// stream error.
struct ExportRedirect {
  std::string UserFile;
  std::string Temporary;
};

llvm::Expected<ExportRedirect>
redirectExport(llvm::SmallVectorImpl<const char *> &Args,
               llvm::StringSaver &Saver) {
  ExportRedirect Redirect;
  Redirect.UserFile = clang::tidy::vmap::exportedFixesFile(Args);
  if (Redirect.UserFile.empty())
    return Redirect;
  llvm::SmallVector<const char *, 32> Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (llvm::StringRef(Args[I]) == "--") {
      Kept.append(Args.begin() + I, Args.end());
      break;
    }
    if (I == 0 || !clang::tidy::vmap::flagValue(Args, I, "export-fixes"))
      Kept.push_back(Args[I]);
  }
  llvm::SmallString<128> Temp;
  if (std::error_code EC =
          fs::createTemporaryFile("vmap-tidy-export", "yaml", Temp))
    return llvm::createStringError(EC, "cannot create a temporary file: %s",
                                   EC.message().c_str());
  llvm::sys::RemoveFileOnSignal(Temp);
  Redirect.Temporary = std::string(Temp);
  Kept.insert(Kept.begin() + 1,
              Saver.save("--export-fixes=" + Redirect.Temporary).data());
  Args.assign(Kept.begin(), Kept.end());
  return Redirect;
}

/// Copies the redirected export to the user's file. clang-tidy writes no
/// export when nothing was found, and then neither does this.
llvm::Error finishExport(const ExportRedirect &Redirect) {
  if (Redirect.Temporary.empty())
    return llvm::Error::success();
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Redirect.Temporary);
  if (!Text || (*Text)->getBuffer().empty())
    return llvm::Error::success();
  return clang::tidy::vmap::writeOutputFile(Redirect.UserFile,
                                            (*Text)->getBuffer());
}

/// The permission bits of the inputs of a --fix run: clang-tidy's own
/// writer replaces a fixed file with one of the umask's mode.
std::vector<std::pair<std::string, fs::perms>>
inputModes(llvm::ArrayRef<const char *> Args) {
  std::vector<std::pair<std::string, fs::perms>> Modes;
  if (!isFixRun(Args))
    return Modes;
  for (const std::string &Input : inputFiles(Args))
    if (fs::file_status Status; !fs::status(Input, Status))
      Modes.emplace_back(Input, Status.permissions());
  return Modes;
}

void restoreModes(llvm::ArrayRef<std::pair<std::string, fs::perms>> Modes) {
  for (const auto &[Path, Mode] : Modes)
    if (fs::file_status Status;
        !fs::status(Path, Status) && Status.permissions() != Mode)
      fs::setPermissions(Path, Mode);
}

/// Serialises --fix runs on files of the same directories. clang-tidy reads
/// a file again when it applies the fixes of its lint, so a second run that
/// linted the file before the first wrote it would apply its fixes to the
/// fixed text at stale offsets. The lock is on each input's directory
/// itself (flock), so that it creates no file; the kernel drops it if the
/// process dies.
class FixLocks {
public:
  explicit FixLocks(llvm::ArrayRef<const char *> Args) {
    if (!isFixRun(Args))
      return;
    std::vector<std::string> Dirs;
    for (const std::string &Input : inputFiles(Args)) {
      llvm::SmallString<256> Dir(Input);
      fs::make_absolute(Dir);
      llvm::sys::path::remove_filename(Dir);
      Dirs.push_back(std::string(Dir));
    }
    // One order for every process, so that two runs never deadlock.
    llvm::sort(Dirs);
    Dirs.erase(std::unique(Dirs.begin(), Dirs.end()), Dirs.end());
    for (const std::string &Dir : Dirs) {
      int FD;
      if (fs::openFileForRead(Dir, FD))
        continue;
      // flock, not llvm's lockFile: a POSIX record lock needs a file open
      // for writing, and a directory cannot be.
      if (::flock(FD, LOCK_EX) != 0) {
        llvm::sys::Process::SafelyCloseFileDescriptor(FD);
        continue;
      }
      FDs.push_back(FD);
    }
  }
  ~FixLocks() {
    for (int FD : FDs)
      llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }

private:
  std::vector<int> FDs;
};

int runClangTidy(llvm::SmallVectorImpl<const char *> &Args) {
  int Exit = 1;
  llvm::thread Lint(std::optional<unsigned>(LintStackBytes), [&] {
    Exit =
        clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
  });
  Lint.join();
  return Exit;
}

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "vmap-tidy") << Message << "\n";
  return 1;
}

/// Exit code \p Exit, or 1 with one line when standard output could not be
/// written (a full disk, a closed pipe).
int checkStandardOutput(int Exit) {
  llvm::outs().flush();
  if (!llvm::outs().has_error())
    return Exit;
  std::error_code EC = llvm::outs().error();
  llvm::outs().clear_error();
  return fail("cannot write to standard output: " + EC.message());
}

} // namespace

int main(int argc, const char **argv) {
  clang::tidy::VmapTidyModuleAnchorSource = 1;
  llvm::cl::SetVersionPrinter(printVersion);
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]) == "--lsp")
      return clang::tidy::vmap::lsp::runLanguageServer(argc, argv);

  // Expand @response files first, so flags inside them count when deciding
  // the default checks; clang-tidy sees the expanded list.
  llvm::BumpPtrAllocator Alloc;
  llvm::SmallVector<const char *, 32> Args(argv, argv + argc);
  llvm::cl::ExpansionContext Expander(Alloc, llvm::cl::TokenizeGNUCommandLine);
  if (llvm::Error Err = Expander.expandResponseFiles(Args)) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy")
        << llvm::toString(std::move(Err)) << "\n";
    return 1;
  }
  clang::tidy::vmap::DriverFlags Flags;
  std::string FlagError;
  if (!clang::tidy::vmap::takeDriverFlags(Args, Flags, FlagError)) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy") << FlagError << "\n";
    return 1;
  }
  llvm::StringSaver Saver(Alloc);
  if (Flags.Verify) {
    // The verifier is built next to vmap-tidy.
    llvm::SmallString<256> Verifier(
        llvm::sys::path::parent_path(llvm::sys::fs::getMainExecutable(
            argv[0], reinterpret_cast<void *>(&main))));
    llvm::sys::path::append(Verifier, "vmap-tidy-verify");
    if (!llvm::sys::fs::can_execute(Verifier)) {
      llvm::WithColor::error(llvm::errs(), "vmap-tidy")
          << "--verify needs vmap-tidy-verify next to vmap-tidy: '" << Verifier
          << "' is missing\n";
      return 1;
    }
    clang::tidy::vmap::setFixVerifier(std::string(Verifier));
  }
  if (!Flags.BuildPreamble.empty())
    return clang::tidy::vmap::runPreambleBuild(Flags.BuildPreamble,
                                               Flags.PreambleCache);
  if (llvm::Error E = checkInputs(Args))
    return fail(llvm::toString(std::move(E)));
  llvm::Expected<ExportRedirect> Export = redirectExport(Args, Saver);
  if (!Export)
    return fail(llvm::toString(Export.takeError()));
  auto RemoveExport = llvm::make_scope_exit([&] {
    if (!Export->Temporary.empty())
      fs::remove(Export->Temporary);
  });
  clang::tidy::vmap::ReportRequest Report;
  if (!clang::tidy::vmap::takeReportFlags(Args, Saver, Report, FlagError)) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy") << FlagError << "\n";
    return 1;
  }
  if (!Flags.SummaryOut.empty())
    clang::tidy::vmap::setSummaryOutput(Flags.SummaryOut);
  else if (Flags.Project &&
           !clang::tidy::vmap::summariseProject(argv[0], Flags, Args, Saver))
    return 1;
  // The files of the compilation database, which project mode added.
  if (Flags.Project)
    if (llvm::Error E = checkInputs(Args))
      return fail(llvm::toString(std::move(E)));
  llvm::Expected<std::vector<std::string>> Enabled =
      clang::tidy::vmap::layerChecks(Args, Saver);
  if (!Enabled) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy")
        << llvm::toString(Enabled.takeError()) << "\n";
    return 1;
  }
  if (clang::tidy::vmap::listChecks(Args, *Enabled, llvm::outs()))
    return 0;
  if (Flags.Project)
    if (std::optional<int> Exit =
            clang::tidy::vmap::lintProjectInParallel(argv[0], Flags, Args))
      return *Exit;

  clang::tidy::vmap::PreambleCache Preambles(
      Flags.PreambleCache, llvm::sys::fs::getMainExecutable(
                               argv[0], reinterpret_cast<void *>(&main)));
  std::string PrivateDatabase =
      clang::tidy::vmap::usePreambleCache(Args, Preambles, Saver);
  llvm::Expected<clang::tidy::vmap::OwnedFixRequest> OwnedFixes =
      clang::tidy::vmap::takeForeignFixMode(Args, *Enabled, Saver);
  if (!OwnedFixes) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy")
        << llvm::toString(OwnedFixes.takeError()) << "\n";
    return 1;
  }
  clang::tidy::vmap::beginReport(Report);
  std::optional<FixLocks> Locks(std::in_place, Args);
  auto Modes = inputModes(Args);
  int Exit = runClangTidy(Args);
  restoreModes(Modes);
  Locks.reset();
  if (!PrivateDatabase.empty())
    llvm::sys::fs::remove_directories(PrivateDatabase);
  if (llvm::Error Err = clang::tidy::vmap::dropForeignExportedFixes(
          clang::tidy::vmap::exportedFixesFile(Args)))
    Exit = fail(llvm::toString(std::move(Err)));
  if (llvm::Error Err = finishExport(*Export))
    Exit = fail(llvm::toString(std::move(Err)));
  Exit = clang::tidy::vmap::applyOwnedFixes(*OwnedFixes, Exit);
  Exit = clang::tidy::vmap::finishReport(Report, Exit, argv[0]);
  return checkStandardOutput(Exit);
}
