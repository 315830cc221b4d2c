//===--- ExportedDiagnostics.cpp - clang-tidy's exported diagnostics ------===//

#include "ExportedDiagnostics.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MD5.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include <tuple>

namespace clang::tidy::vmap {

std::string exportedFileAbsolute(llvm::StringRef Path,
                                 llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Result;
  if (llvm::sys::path::is_relative(Path) && !BuildDirectory.empty())
    Result = BuildDirectory;
  llvm::sys::path::append(Result, Path);
  llvm::sys::fs::make_absolute(Result);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

namespace {

auto identity(const tooling::Diagnostic &D) {
  return std::tie(D.Message.FilePath, D.Message.FileOffset, D.DiagnosticName,
                  D.Message.Message);
}

void makeAbsolute(tooling::DiagnosticMessage &M, llvm::StringRef BuildDir) {
  if (!M.FilePath.empty())
    M.FilePath = exportedFileAbsolute(M.FilePath, BuildDir);
  for (tooling::FileByteRange &R : M.Ranges)
    R.FilePath = exportedFileAbsolute(R.FilePath, BuildDir);
  llvm::StringMap<tooling::Replacements> Fix;
  for (const auto &Entry : M.Fix) {
    std::string File = exportedFileAbsolute(Entry.first(), BuildDir);
    for (const tooling::Replacement &R : Entry.second)
      if (llvm::Error Err = Fix[File].add(tooling::Replacement(
              File, R.getOffset(), R.getLength(), R.getReplacementText())))
        llvm::consumeError(std::move(Err));
  }
  M.Fix = std::move(Fix);
}

} // namespace

llvm::Expected<std::vector<tooling::Diagnostic>>
readExportedDiagnostics(llvm::ArrayRef<std::string> Paths) {
  std::vector<tooling::Diagnostic> All;
  for (const std::string &Path : Paths) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    // clang-tidy writes nothing when it found nothing: the file is missing,
    // or still the empty temporary file the driver created for it.
    if (!Buffer || (*Buffer)->getBuffer().trim().empty())
      continue;
    tooling::TranslationUnitDiagnostics Unit;
    llvm::yaml::Input YAML((*Buffer)->getBuffer());
    YAML >> Unit;
    if (YAML.error())
      return llvm::createStringError(YAML.error(), "cannot read '%s'",
                                     Path.c_str());
    for (tooling::Diagnostic &D : Unit.Diagnostics) {
      makeAbsolute(D.Message, D.BuildDirectory);
      for (tooling::DiagnosticMessage &Note : D.Notes)
        makeAbsolute(Note, D.BuildDirectory);
      All.push_back(std::move(D));
    }
  }
  // A header's diagnostic may come from several translation units.
  llvm::stable_sort(
      All, [](const tooling::Diagnostic &A, const tooling::Diagnostic &B) {
        return identity(A) < identity(B);
      });
  All.erase(std::unique(
                All.begin(), All.end(),
                [](const tooling::Diagnostic &A, const tooling::Diagnostic &B) {
                  return identity(A) == identity(B);
                }),
            All.end());
  return All;
}

SourceRoot::SourceRoot(llvm::StringRef Directory) : Prefix(Directory) {
  if (!Prefix.empty() && !llvm::StringRef(Prefix).ends_with("/"))
    Prefix += "/";
}

std::optional<llvm::StringRef>
SourceRoot::relative(llvm::StringRef File) const {
  if (Prefix.empty() || !File.starts_with(Prefix))
    return std::nullopt;
  return File.drop_front(Prefix.size());
}

std::optional<TextPosition> PositionResolver::resolve(llvm::StringRef File,
                                                      unsigned Offset) {
  auto It = Files.find(File);
  if (It == Files.end()) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    It = Files.try_emplace(File, Buffer ? std::move(*Buffer) : nullptr).first;
  }
  if (!It->second || Offset > It->second->getBufferSize())
    return std::nullopt;
  llvm::StringRef Before = It->second->getBuffer().take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  TextPosition Position;
  Position.Line = 1 + Before.count('\n');
  // UTF-8 continuation bytes do not start a code point.
  Position.Column =
      1 + llvm::count_if(Before.drop_front(LineStart),
                         [](char C) { return (C & 0xC0) != 0x80; });
  return Position;
}

llvm::Expected<std::vector<tooling::Diagnostic>>
takeExportedDiagnostics(llvm::StringRef File, bool Temporary) {
  llvm::Expected<std::vector<tooling::Diagnostic>> Diagnostics =
      readExportedDiagnostics({File.str()});
  if (Temporary)
    llvm::sys::fs::remove(File);
  return Diagnostics;
}

llvm::Expected<std::string>
exportToTemporaryFile(llvm::SmallVectorImpl<const char *> &Args,
                      llvm::StringSaver &Saver, llvm::StringRef Prefix) {
  llvm::SmallString<128> Temp;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile(Prefix, "yaml", Temp))
    return llvm::createStringError(EC, "cannot create a temporary file: %s",
                                   EC.message().c_str());
  llvm::sys::RemoveFileOnSignal(Temp);
  Args.insert(Args.begin() + 1,
              Saver.save("--export-fixes=" + Temp.str()).data());
  return std::string(Temp);
}

std::string FindingFingerprints::next(const tooling::Diagnostic &D,
                                      llvm::StringRef ReportPath) {
  std::string Identity =
      (llvm::Twine(D.DiagnosticName) + llvm::StringRef("\0", 1) + ReportPath +
       llvm::StringRef("\0", 1) + D.Message.Message)
          .str();
  unsigned Repeat = Seen[Identity]++;
  if (Repeat != 0)
    Identity += '\0' + std::to_string(Repeat);
  llvm::MD5 Hash;
  Hash.update(Identity);
  return std::string(Hash.final().digest());
}

} // namespace clang::tidy::vmap
