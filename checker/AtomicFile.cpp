//===--- AtomicFile.cpp - Replace a file's contents all at once -----------===//

#include "checker/AtomicFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::vmap {

namespace fs = llvm::sys::fs;

static llvm::Error cannotWrite(llvm::StringRef Path, std::error_code EC) {
  return llvm::createStringError(EC, "cannot write '%s': %s",
                                 Path.str().c_str(), EC.message().c_str());
}

static llvm::Error cannotWrite(llvm::StringRef Path, llvm::StringRef Why) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 "cannot write '%s': %s", Path.str().c_str(),
                                 Why.str().c_str());
}

/// Writes \p Contents to the open \p FD; the stream's error, if any.
static std::error_code writeAll(int FD, llvm::StringRef Contents) {
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/false);
  OS << Contents;
  OS.flush();
  std::error_code EC = OS.error();
  OS.clear_error();
  return EC;
}

llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::StringRef Contents) {
  fs::file_status Existing;
  bool Exists = !fs::status(Path, Existing);
  if (Exists && fs::is_directory(Existing))
    return cannotWrite(Path, "it is a directory");
  if (Exists && !fs::is_regular_file(Existing))
    return cannotWrite(Path, "it is not a regular file");
  llvm::SmallString<256> Dir(Path);
  llvm::sys::path::remove_filename(Dir);
  if (!Dir.empty())
    if (std::error_code EC = fs::create_directories(Dir))
      return llvm::createStringError(EC, "cannot create '%s': %s", Dir.c_str(),
                                     EC.message().c_str());
  llvm::Expected<fs::TempFile> Temp =
      fs::TempFile::create(Path + ".tmp-%%%%%%%%");
  if (!Temp)
    return cannotWrite(Path, llvm::errorToErrorCode(Temp.takeError()));
  std::error_code WriteError = writeAll(Temp->FD, Contents);
  // A fixed source keeps its mode (an executable script, a private file).
  if (!WriteError && Exists)
    WriteError = fs::setPermissions(Temp->FD, Existing.permissions());
  if (WriteError) {
    llvm::consumeError(Temp->discard());
    return cannotWrite(Path, WriteError);
  }
  if (llvm::Error E = Temp->keep(Path)) {
    std::error_code EC = llvm::errorToErrorCode(std::move(E));
    llvm::consumeError(Temp->discard());
    return cannotWrite(Path, EC);
  }
  return llvm::Error::success();
}

llvm::Error writeOutputFile(llvm::StringRef Path, llvm::StringRef Contents) {
  fs::file_status Existing;
  if (fs::status(Path, Existing) ||
      (Existing.type() != fs::file_type::character_file &&
       Existing.type() != fs::file_type::fifo_file))
    return writeFileAtomically(Path, Contents);
  int FD;
  if (std::error_code EC =
          fs::openFileForWrite(Path, FD, fs::CD_OpenExisting, fs::OF_None))
    return cannotWrite(Path, EC);
  std::error_code WriteError = writeAll(FD, Contents);
  std::error_code CloseError =
      llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  if (WriteError || CloseError)
    return cannotWrite(Path, WriteError ? WriteError : CloseError);
  return llvm::Error::success();
}

} // namespace clang::tidy::vmap
