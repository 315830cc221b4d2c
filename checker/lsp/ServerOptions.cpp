//===--- ServerOptions.cpp - The flags of vmap-tidy --lsp -----------------===//

#include "ServerOptions.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

namespace clang::tidy::vmap::lsp {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

bool parseServerFlags(int Argc, const char **Argv, ServerOptions &Options,
                      std::string &LogPath) {
  auto Fail = [](const llvm::Twine &Message) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy") << Message << "\n";
    return false;
  };
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg(Argv[I]);
    if (Arg == "--lsp")
      continue;
    if (Arg.consume_front("--compile-commands-dir=")) {
      llvm::SmallString<256> Dir(Arg);
      fs::make_absolute(Dir);
      llvm::SmallString<256> Database(Dir);
      path::append(Database, "compile_commands.json");
      // Checked now: clang-tidy would fail every lint, one by one.
      if (!fs::exists(Database))
        return Fail("--compile-commands-dir: no compile_commands.json in '" +
                    Arg + "'");
      Options.CompileCommandsDir = std::string(Dir);
    } else if (Arg.consume_front("--log=")) {
      LogPath = Arg.str();
    } else if (Arg.consume_front("--lint-timeout=")) {
      unsigned Seconds;
      if (Arg.getAsInteger(10, Seconds) || Seconds == 0)
        return Fail("--lint-timeout: '" + Arg +
                    "' is not a positive number of seconds");
      Options.LintTimeout = std::chrono::seconds(Seconds);
    } else if (Arg.consume_front("--linter=")) {
      if (!fs::can_execute(Arg))
        return Fail("--linter: '" + Arg + "' is not an executable");
      Options.Linter = Arg.str();
    } else {
      return Fail("unknown language server flag '" + Arg +
                  "' (expected --compile-commands-dir=DIR, --log=FILE, "
                  "--lint-timeout=SECONDS, --linter=PROGRAM)");
    }
  }
  return true;
}

} // namespace clang::tidy::vmap::lsp
