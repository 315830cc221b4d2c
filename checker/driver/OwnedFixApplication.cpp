//===--- OwnedFixApplication.cpp - --fix that never edits library files ---===//

#include "OwnedFixApplication.h"
#include "ExportedDiagnostics.h"
#include "FlagValue.h"
#include "checker/AtomicFile.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

namespace clang::tidy::vmap {

llvm::Expected<OwnedFixRequest>
takeForeignFixMode(llvm::SmallVectorImpl<const char *> &Args,
                   llvm::ArrayRef<std::string> EnabledChecks,
                   llvm::StringSaver &Saver) {
  OwnedFixRequest Request;
  bool Fix = false;
  llvm::SmallVector<size_t, 4> FixArgs;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = llvm::StringRef(Args[I]).ltrim('-');
    if (llvm::StringRef(Args[I]) == "--")
      break;
    if (Arg == "fix" || Arg == "fix-errors" || Arg == "fix-notes") {
      Fix = true;
      Request.FixErrors |= Arg == "fix-errors";
      Request.FixNotes |= Arg == "fix-notes";
      FixArgs.push_back(I);
    } else if (std::optional<std::string> File =
                   flagValue(Args, I, "export-fixes")) {
      Request.ExportFile = *File;
    }
  }
  // Compiler fix-its are applied under --fix-errors only.
  bool Foreign = Request.FixErrors ||
                 llvm::any_of(EnabledChecks, [](llvm::StringRef Check) {
                   return !Check.starts_with("vmap-");
                 });
  if (!Fix || !Foreign)
    return OwnedFixRequest();
  Request.Apply = true;
  for (auto It = FixArgs.rbegin(); It != FixArgs.rend(); ++It)
    Args.erase(Args.begin() + *It);
  if (Request.ExportFile.empty()) {
    llvm::Expected<std::string> Temp =
        exportToTemporaryFile(Args, Saver, "vmap-tidy-fixes");
    if (!Temp)
      return Temp.takeError();
    Request.ExportFile = std::move(*Temp);
    Request.TemporaryExport = true;
  }
  return Request;
}

namespace {

/// The fix clang-tidy's --fix would apply for \p D: its own, or with
/// --fix-notes the fix of its only note that has one.
const llvm::StringMap<tooling::Replacements> *
fixOf(const tooling::Diagnostic &D, bool FixNotes) {
  if (!D.Message.Fix.empty())
    return &D.Message.Fix;
  if (!FixNotes)
    return nullptr;
  const llvm::StringMap<tooling::Replacements> *Found = nullptr;
  for (const tooling::DiagnosticMessage &Note : D.Notes) {
    if (Note.Fix.empty())
      continue;
    if (Found)
      return nullptr;
    Found = &Note.Fix;
  }
  return Found;
}

} // namespace

int applyOwnedFixes(const OwnedFixRequest &Request, int Exit) {
  if (!Request.Apply)
    return Exit;
  auto Fail = [](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy") << Message << "\n";
    return 1;
  };
  llvm::Expected<std::vector<tooling::Diagnostic>> Diagnostics =
      takeExportedDiagnostics(Request.ExportFile, Request.TemporaryExport);
  if (!Diagnostics)
    return Fail(llvm::toString(Diagnostics.takeError()));
  if (!Request.FixErrors &&
      llvm::any_of(*Diagnostics, [](const tooling::Diagnostic &D) {
        return D.DiagnosticName == "clang-diagnostic-error";
      })) {
    llvm::errs() << "Found compiler errors, but -fix-errors was not "
                    "specified.\nFixes have NOT been applied.\n\n";
    return Exit;
  }
  // Fixes are applied whole or not at all, in the order of the export.
  llvm::StringMap<tooling::Replacements> Files;
  unsigned Suggested = 0, Applied = 0;
  for (const tooling::Diagnostic &D : *Diagnostics) {
    const auto *Fix = fixOf(D, Request.FixNotes);
    if (!Fix)
      continue;
    ++Suggested;
    llvm::StringMap<tooling::Replacements> Merged = Files;
    bool Fits = true;
    for (const auto &Entry : *Fix)
      for (const tooling::Replacement &R : Entry.second)
        if (llvm::Error Err = Merged[Entry.first()].add(R)) {
          llvm::consumeError(std::move(Err));
          Fits = false;
        }
    if (Fits) {
      Files = std::move(Merged);
      ++Applied;
    }
  }
  int Result = Exit;
  for (const auto &Entry : Files) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Code =
        llvm::MemoryBuffer::getFile(Entry.first());
    if (!Code) {
      Result = Fail("cannot read '" + Entry.first() +
                    "': " + Code.getError().message());
      continue;
    }
    // As clang-tidy does: tidy around the edits (empty lines, commas).
    llvm::Expected<tooling::Replacements> Cleaned =
        format::cleanupAroundReplacements((*Code)->getBuffer(), Entry.second,
                                          format::getNoStyle());
    llvm::Expected<std::string> Fixed =
        Cleaned ? tooling::applyAllReplacements((*Code)->getBuffer(), *Cleaned)
                : Cleaned.takeError();
    if (!Fixed) {
      Result = Fail("cannot apply the fixes of '" + Entry.first() +
                    "': " + llvm::toString(Fixed.takeError()));
      continue;
    }
    if (llvm::Error E = writeFileAtomically(Entry.first(), *Fixed))
      Result = Fail(llvm::toString(std::move(E)));
  }
  if (Suggested)
    llvm::errs() << "vmap-tidy applied " << Applied << " of " << Suggested
                 << " suggested fixes.\n";
  return Result;
}

} // namespace clang::tidy::vmap
