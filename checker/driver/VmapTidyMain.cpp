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
#include "LayeredChecks.h"
#include "OwnedFixApplication.h"
#include "PreambleCompileDatabase.h"
#include "ProjectMode.h"
#include "ReportFlags.h"
#include "Version.h"
#include "checker/FixVerification.h"
#include "checker/ProjectSummary.h"
#include "checker/lsp/LanguageServer.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
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
  int Exit =
      clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
  if (!PrivateDatabase.empty())
    llvm::sys::fs::remove_directories(PrivateDatabase);
  if (llvm::Error Err = clang::tidy::vmap::dropForeignExportedFixes(
          clang::tidy::vmap::exportedFixesFile(Args))) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy")
        << llvm::toString(std::move(Err)) << "\n";
    Exit = 1;
  }
  Exit = clang::tidy::vmap::applyOwnedFixes(*OwnedFixes, Exit);
  return clang::tidy::vmap::finishReport(Report, Exit, argv[0]);
}
