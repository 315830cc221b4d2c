//===--- LspServerFuzzer.cpp - A session of JSON-RPC messages -------------===//
//
// The input is one message body per line; each is framed and the whole
// session runs through `vmap-tidy --lsp` in this process: wrong types,
// requests before `initialize` or after `shutdown`, didChange with ranges
// out of the document, stale versions, code actions on any range.
//
// The server reads stdin and answers on stdout, so each input becomes
// stdin, and stdout goes to /dev/null. No lint may run: posix_spawn and
// fork, through which LLVM starts the server's lint children, are replaced
// below by ones that fail, so every lint ends at once as "cannot start".
//
//===----------------------------------------------------------------------===//

#include "checker/lsp/LanguageServer.h"
#include "llvm/ADT/StringRef.h"
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int posix_spawn(pid_t *, const char *,
                           const posix_spawn_file_actions_t *,
                           const posix_spawnattr_t *, char *const[],
                           char *const[]) {
  return ENOSYS;
}

extern "C" pid_t fork() {
  errno = EAGAIN;
  return -1;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  int Null = open("/dev/null", O_WRONLY);
  dup2(Null, STDOUT_FILENO);
  close(Null);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Rest(reinterpret_cast<const char *>(Data), Size);
  std::string Session;
  while (!Rest.empty()) {
    auto [Body, Next] = Rest.split('\n');
    Rest = Next;
    if (Body.trim().empty())
      continue;
    Session += "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n";
    Session += Body;
  }
  int Input = memfd_create("lsp-session", 0);
  if (Input < 0 || write(Input, Session.data(), Session.size()) !=
                       static_cast<ssize_t>(Session.size()))
    std::abort();
  dup2(Input, STDIN_FILENO);
  close(Input);
  // Drops what the last session left buffered and reads from the start.
  clearerr(stdin);
  std::fseek(stdin, 0, SEEK_SET);
  // The linter must be an executable; it is never started (posix_spawn).
  const char *Argv[] = {"vmap-tidy", "--lsp", "--log=/dev/null",
                        "--linter=/bin/true"};
  clang::tidy::vmap::lsp::runLanguageServer(4, Argv);
  return 0;
}
