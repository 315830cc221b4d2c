//===--- Logger.h - The language server's log -----------------------------===//
//
// Standard output carries the protocol, so the server logs to --log=FILE or
// to standard error (which editors show in their LSP log). Several threads
// log; each line is written whole.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_LOGGER_H
#define VMAP_TIDY_CHECKER_LSP_LOGGER_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>

namespace clang::tidy::vmap::lsp {

class Logger {
public:
  explicit Logger(llvm::raw_ostream &OS) : OS(OS) {}

  /// Writes \p Line and a newline, and flushes.
  void log(const llvm::Twine &Line) {
    std::lock_guard<std::mutex> Guard(Lock);
    OS << Line << "\n";
    OS.flush();
  }

private:
  std::mutex Lock;
  llvm::raw_ostream &OS;
};

} // namespace clang::tidy::vmap::lsp

#endif
