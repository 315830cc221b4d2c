//===--- CheckOptionsFuzzer.cpp - The vmap checks' .clang-tidy options ----===//
//
// The input is a .clang-tidy file. Its options configure every vmap-*
// check, as a lint would create them (bad enum values, lists, numbers out
// of range are configuration diagnostics, never crashes), and the options
// the checks then store must configure them to the same options again.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "rules/VmapRules.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdio>
#include <cstdlib>

using namespace clang;
using namespace clang::tidy;

namespace {

/// The options the vmap checks store once configured with \p Options.
std::map<std::string, std::string>
storedOptions(const ClangTidyOptions &Options) {
  ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
      ClangTidyGlobalOptions(), Options));
  ClangTidyDiagnosticConsumer Consumer(Context);
  DiagnosticsEngine Diagnostics(llvm::makeIntrusiveRefCnt<DiagnosticIDs>(),
                                llvm::makeIntrusiveRefCnt<DiagnosticOptions>(),
                                &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Diagnostics);
  ClangTidyCheckFactories Factories;
  vmap::registerVmapRules(Factories);
  ClangTidyOptions::OptionMap Stored;
  for (const std::unique_ptr<ClangTidyCheck> &Check :
       Factories.createChecks(&Context))
    Check->storeOptions(Stored);
  std::map<std::string, std::string> Result;
  for (const auto &Entry : Stored)
    Result[Entry.getKey().str()] = Entry.getValue().Value;
  return Result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::ErrorOr<ClangTidyOptions> Parsed =
      parseConfiguration(llvm::MemoryBufferRef(Text, ".clang-tidy"));
  if (!Parsed)
    return 0;
  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.mergeWith(*Parsed, 1);
  Options.Checks = "-*,vmap-*";
  std::map<std::string, std::string> Stored = storedOptions(Options);

  ClangTidyOptions Again = ClangTidyOptions::getDefaults();
  Again.Checks = "-*,vmap-*";
  for (const auto &[Name, Value] : Stored)
    Again.CheckOptions[Name] = ClangTidyOptions::ClangTidyValue(Value);
  if (storedOptions(Again) != Stored) {
    std::fprintf(stderr, "stored options configure the checks otherwise\n");
    std::abort();
  }
  return 0;
}
