//===--- CompileFlags.cpp - How a document is compiled --------------------===//

#include "CompileFlags.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::vmap::lsp {

namespace path = llvm::sys::path;

CompileFlags findCompileFlags(llvm::StringRef File,
                              llvm::StringRef CompileCommandsDir) {
  if (!CompileCommandsDir.empty())
    return {CompileCommandsDir.str(), {"-p", CompileCommandsDir.str()}};
  for (llvm::StringRef Dir = path::parent_path(File); !Dir.empty();
       Dir = path::parent_path(Dir))
    for (llvm::StringRef Sub : {"", "build"}) {
      llvm::SmallString<256> Candidate(Dir);
      path::append(Candidate, Sub, "compile_commands.json");
      if (llvm::sys::fs::exists(Candidate)) {
        std::string Found = path::parent_path(Candidate).str();
        return {Found, {"-p", Found}};
      }
    }
  CompileFlags Defaults;
  Defaults.Arguments.push_back("--");
  for (const char *Flag : DefaultCompileFlags)
    Defaults.Arguments.push_back(Flag);
  return Defaults;
}

} // namespace clang::tidy::vmap::lsp
