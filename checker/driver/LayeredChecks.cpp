//===--- LayeredChecks.cpp - vmap-* on unless the user turns them off -----===//

#include "LayeredChecks.h"
#include "FlagValue.h"
#include "ProjectMode.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include <memory>

namespace clang::tidy::vmap {

namespace {

struct CheckFlags {
  std::optional<std::string> Checks, Config, ConfigFile;
  std::vector<std::string> Inputs;
  /// Indices of the `--checks` arguments (and their separate values).
  std::vector<size_t> ChecksArgs;
};

CheckFlags readCheckFlags(llvm::ArrayRef<const char *> Args) {
  CheckFlags Flags;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg(Args[I]);
    if (Arg == "--")
      break;
    size_t First = I;
    if (std::optional<std::string> V = flagValue(Args, I, "checks")) {
      Flags.Checks = V;
      for (size_t J = First; J <= I; ++J)
        Flags.ChecksArgs.push_back(J);
    } else if (std::optional<std::string> V = flagValue(Args, I, "config-file"))
      Flags.ConfigFile = V;
    else if (std::optional<std::string> V = flagValue(Args, I, "config"))
      Flags.Config = V;
    else if (!Arg.starts_with("-") && llvm::sys::fs::is_regular_file(Arg))
      Flags.Inputs.push_back(Arg.str());
  }
  return Flags;
}

/// The provider clang-tidy's driver would build, over vmap-tidy's base;
/// null when the configuration does not parse.
std::unique_ptr<ClangTidyOptionsProvider> provider(const CheckFlags &Flags) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = BaseChecks.str();
  ClangTidyOptions Override;
  Override.Checks = Flags.Checks;
  std::optional<std::string> ConfigText = Flags.Config;
  if (Flags.ConfigFile) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
        llvm::MemoryBuffer::getFile(*Flags.ConfigFile);
    if (!Text)
      return nullptr;
    ConfigText = (*Text)->getBuffer().str();
  }
  if (ConfigText) {
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(llvm::MemoryBufferRef(*ConfigText, "config"));
    if (!Parsed)
      return nullptr;
    return std::make_unique<ConfigOptionsProvider>(
        ClangTidyGlobalOptions(), std::move(Defaults), std::move(*Parsed),
        std::move(Override));
  }
  return std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), std::move(Defaults), std::move(Override),
      llvm::vfs::getRealFileSystem());
}

/// Why the .clang-tidy file \p Path does not parse; success when it does,
/// with \p InheritsParent set from it. clang-tidy itself would print the
/// YAML error and go on with the defaults, the file silently ignored.
llvm::Error checkConfigFile(const std::string &Path, bool &InheritsParent) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return llvm::createStringError(Text.getError(), "cannot read '%s': %s",
                                   Path.c_str(),
                                   Text.getError().message().c_str());
  std::string Problem;
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      (*Text)->getMemBufferRef(), [&](const llvm::SMDiagnostic &D) {
        if (Problem.empty())
          Problem = (llvm::Twine(D.getLineNo()) + ":" +
                     llvm::Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
                        .str();
      });
  if (!Parsed)
    return llvm::createStringError(
        Parsed.getError(), "invalid configuration file '%s': %s", Path.c_str(),
        Problem.empty() ? Parsed.getError().message().c_str()
                        : Problem.c_str());
  InheritsParent = Parsed->InheritParentConfig.value_or(false);
  return llvm::Error::success();
}

/// Checks the .clang-tidy files clang-tidy would read for \p Input: the
/// nearest one, and its parents as long as each inherits.
llvm::Error checkConfigFilesFor(llvm::StringRef Input) {
  for (const std::string &Config : clangTidyConfigFilesAbove(Input)) {
    bool InheritsParent = false;
    if (llvm::Error E = checkConfigFile(Config, InheritsParent))
      return E;
    if (!InheritsParent)
      break;
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::vector<std::string>>
layerChecks(llvm::SmallVectorImpl<const char *> &Args,
            llvm::StringSaver &Saver) {
  CheckFlags Flags = readCheckFlags(Args);
  if (!Flags.Config && !Flags.ConfigFile)
    for (const std::string &Input : Flags.Inputs)
      if (llvm::Error E = checkConfigFilesFor(Input))
        return std::move(E);
  std::unique_ptr<ClangTidyOptionsProvider> Options = provider(Flags);
  if (!Options)
    return std::vector<std::string>();
  // Without inputs (--list-checks, --dump-config) clang-tidy configures for
  // a file in the working directory.
  if (Flags.Inputs.empty())
    Flags.Inputs.push_back("dummy");
  std::optional<std::string> Checks;
  std::vector<std::string> Enabled;
  std::string FirstInput;
  for (const std::string &Input : Flags.Inputs) {
    llvm::SmallString<256> Absolute(Input);
    llvm::sys::fs::make_absolute(Absolute);
    ClangTidyOptions These = Options->getOptions(Absolute);
    // Lists are compared by the checks they enable, not by their text.
    std::vector<std::string> TheseEnabled =
        getCheckNames(These, /*AllowEnablingAnalyzerChecks=*/true);
    if (!Checks) {
      Checks = These.Checks.value_or("");
      Enabled = std::move(TheseEnabled);
      FirstInput = Input;
    } else if (Enabled != TheseEnabled) {
      return llvm::createStringError(
          std::errc::invalid_argument,
          "'%s' and '%s' are configured with different checks ('%s', '%s'); "
          "lint them in separate runs, or choose the checks with --checks",
          FirstInput.c_str(), Input.c_str(), Checks->c_str(),
          These.Checks.value_or("").c_str());
    }
  }
  for (auto It = Flags.ChecksArgs.rbegin(); It != Flags.ChecksArgs.rend(); ++It)
    Args.erase(Args.begin() + *It);
  Args.insert(Args.begin() + 1, Saver.save("--checks=" + *Checks).data());
  return Enabled;
}

} // namespace clang::tidy::vmap
