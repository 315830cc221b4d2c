//===--- ExportedFixOwnership.cpp - No exported edit of library files -----===//

#include "ExportedFixOwnership.h"
#include "ExportedDiagnostics.h"
#include "FlagValue.h"
#include "checker/AtomicFile.h"
#include "checker/CodeOwnership.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

namespace clang::tidy::vmap {

std::string exportedFixesFile(llvm::ArrayRef<const char *> Args) {
  std::string File;
  for (size_t I = 1; I < Args.size(); ++I) {
    if (llvm::StringRef(Args[I]) == "--")
      break;
    if (std::optional<std::string> Value = flagValue(Args, I, "export-fixes"))
      File = *Value;
  }
  return File;
}

namespace {

/// Drops the edits of \p Message's fix to files \p MainFile's user does not
/// own; true when any went.
bool dropForeignEdits(tooling::DiagnosticMessage &Message,
                      const tooling::Diagnostic &Owner,
                      llvm::StringRef MainFile) {
  bool Dropped = false;
  for (auto It = Message.Fix.begin(); It != Message.Fix.end();) {
    std::string File = exportedFileAbsolute(It->first(), Owner.BuildDirectory);
    std::optional<std::string> Why = editRefusal(File, MainFile);
    if (!Why) {
      ++It;
      continue;
    }
    llvm::WithColor::note(llvm::errs(), "vmap-tidy")
        << "dropped a fix of " << Owner.DiagnosticName << " that would edit "
        << File << " (" << *Why << ")\n";
    Message.Fix.erase(It++);
    Dropped = true;
  }
  return Dropped;
}

} // namespace

llvm::Error dropForeignExportedFixes(llvm::StringRef YamlFile) {
  if (YamlFile.empty() || !llvm::sys::fs::exists(YamlFile))
    return llvm::Error::success();
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(YamlFile);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   YamlFile.str().c_str(),
                                   Buffer.getError().message().c_str());
  // clang-tidy writes nothing into a run's export when nothing was found.
  if ((*Buffer)->getBuffer().trim().empty())
    return llvm::Error::success();
  tooling::TranslationUnitDiagnostics Unit;
  llvm::yaml::Input YAML((*Buffer)->getBuffer());
  YAML >> Unit;
  if (YAML.error())
    return llvm::createStringError(YAML.error(), "cannot parse '%s'",
                                   YamlFile.str().c_str());
  bool Dropped = false;
  for (tooling::Diagnostic &D : Unit.Diagnostics) {
    std::string MainFile =
        exportedFileAbsolute(Unit.MainSourceFile, D.BuildDirectory);
    Dropped |= dropForeignEdits(D.Message, D, MainFile);
    for (tooling::DiagnosticMessage &Note : D.Notes)
      Dropped |= dropForeignEdits(Note, D, MainFile);
  }
  if (!Dropped)
    return llvm::Error::success();
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::yaml::Output Out(OS);
  Out << Unit;
  return writeOutputFile(YamlFile, OS.str());
}

} // namespace clang::tidy::vmap
