//===--- PreamblePCHBuilder.cpp - Precompile a preamble -------------------===//

#include "PreamblePCHBuilder.h"
#include "checker/CodeOwnership.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::vmap {

int64_t modifiedSeconds(const llvm::sys::fs::basic_file_status &Status) {
  return llvm::sys::toTimeT(Status.getLastModificationTime());
}

namespace {

/// Asks the parser to skip the bodies of functions declared in library code
/// (system headers, and LibTorch however it is included; the checks never
/// walk them). Sema still parses constexpr functions and functions with a
/// deduced return type, whose bodies the rest of the code may need.
/// Templates keep their bodies: instantiating one from the user's code
/// instantiates what it calls, and without `std::make_shared`'s body a
/// module class template built only through it would never have its
/// constructor instantiated, nor its modules seen.
class LibraryBodySkipper : public ASTConsumer {
public:
  void Initialize(ASTContext &Context) override {
    SM = &Context.getSourceManager();
  }
  bool shouldSkipFunctionBody(Decl *D) override {
    return SM && !D->isTemplated() && !isa<FunctionTemplateDecl>(D) &&
           isLibraryCode(*SM, D->getLocation());
  }

private:
  const SourceManager *SM = nullptr;
};

class PreamblePCHAction : public GeneratePCHAction {
public:
  PreamblePCHAction(std::string Output, PreambleBuildResult &Result)
      : Output(std::move(Output)), Result(Result) {}

protected:
  bool BeginInvocation(CompilerInstance &CI) override {
    CI.getFrontendOpts().OutputFile = Output;
    CI.getFrontendOpts().SkipFunctionBodies = true;
    CI.getLangOpts().PCHInstantiateTemplates = true;
    return true;
  }

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &CI, llvm::StringRef InFile) override {
    std::unique_ptr<ASTConsumer> Writer =
        GeneratePCHAction::CreateASTConsumer(CI, InFile);
    if (!Writer)
      return nullptr;
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::move(Writer));
    Consumers.push_back(std::make_unique<LibraryBodySkipper>());
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

  void EndSourceFileAction() override {
    GeneratePCHAction::EndSourceFileAction();
    // The PCH records each input file's size and time as the file manager
    // saw them; record the same values so a later check agrees with clang.
    const SourceManager &SM = getCompilerInstance().getSourceManager();
    for (const auto &Entry :
         llvm::make_range(SM.fileinfo_begin(), SM.fileinfo_end())) {
      FileEntryRef File = Entry.first;
      llvm::SmallString<256> Path(File.getFileEntry().tryGetRealPathName());
      if (Path.empty()) {
        Path = File.getName();
        llvm::sys::fs::make_absolute(Path);
      }
      Result.Dependencies.push_back(
          {std::string(Path), static_cast<uint64_t>(File.getSize()),
           static_cast<int64_t>(File.getModificationTime())});
    }
  }

private:
  std::string Output;
  PreambleBuildResult &Result;
};

/// Keeps the first error of the build as its failure reason.
class FirstErrorConsumer : public DiagnosticConsumer {
public:
  explicit FirstErrorConsumer(std::string &Error) : Error(Error) {}
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !Error.empty())
      return;
    llvm::SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      PresumedLoc Loc =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (Loc.isValid())
        Error = (llvm::Twine(Loc.getFilename()) + ":" +
                 llvm::Twine(Loc.getLine()) + ": " + Message)
                    .str();
    }
    if (Error.empty())
      Error = std::string(Message);
  }

private:
  std::string &Error;
};

} // namespace

PreambleBuildResult buildPreamblePCH(const std::vector<std::string> &DriverArgs,
                                     llvm::StringRef Header, bool CPlusPlus,
                                     llvm::StringRef Output) {
  PreambleBuildResult Result;
  std::vector<std::string> Args(DriverArgs);
  Args.push_back("-fsyntax-only");
  Args.push_back(CPlusPlus ? "-xc++-header" : "-xc-header");
  Args.push_back(std::string(Header));
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions()));
  FirstErrorConsumer Errors(Result.Error);
  tooling::ToolInvocation Invocation(
      Args, std::make_unique<PreamblePCHAction>(std::string(Output), Result),
      Files.get());
  Invocation.setDiagnosticConsumer(&Errors);
  bool Ran = Invocation.run();
  Result.Succeeded = Ran && !Errors.getNumErrors();
  if (!Result.Succeeded && Result.Error.empty())
    Result.Error = "the compiler did not run";
  return Result;
}

} // namespace clang::tidy::vmap
