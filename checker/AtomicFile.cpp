//===--- AtomicFile.cpp - Replace a file's contents all at once -----------===//

#include "checker/AtomicFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::vmap {

static llvm::Error cannotWrite(llvm::StringRef Path, std::error_code EC) {
  return llvm::createStringError(EC, "cannot write '%s': %s",
                                 Path.str().c_str(), EC.message().c_str());
}

llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::StringRef Contents) {
  llvm::SmallString<256> Dir(Path);
  llvm::sys::path::remove_filename(Dir);
  if (!Dir.empty())
    if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
      return llvm::createStringError(EC, "cannot create '%s': %s", Dir.c_str(),
                                     EC.message().c_str());
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".tmp-%%%%%%%%");
  if (!Temp)
    return cannotWrite(Path, llvm::errorToErrorCode(Temp.takeError()));
  std::error_code WriteError;
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << Contents;
    OS.flush();
    if (OS.has_error()) {
      WriteError = OS.error();
      OS.clear_error();
    }
  }
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

} // namespace clang::tidy::vmap
