//===--- ProcessPool.cpp - Run child processes a few at a time ------------===//

#include "ProcessPool.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Program.h"
#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace clang::tidy::vmap {

std::vector<int>
runProcessPool(const std::string &Program,
               const std::vector<PooledCommand> &Commands, unsigned Jobs,
               llvm::function_ref<void(size_t Index, int Exit)> OnFinished) {
  constexpr int NotFinished = -2;
  std::vector<int> Exits(Commands.size(), NotFinished);
  std::vector<std::pair<size_t, llvm::sys::ProcessInfo>> Active;
  size_t Next = 0, Reported = 0;
  auto Report = [&] {
    for (; Reported < Exits.size() && Exits[Reported] != NotFinished;
         ++Reported)
      if (OnFinished)
        OnFinished(Reported, Exits[Reported]);
  };
  while (Reported < Commands.size()) {
    while (Next < Commands.size() && Active.size() < std::max(1u, Jobs)) {
      const PooledCommand &Command = Commands[Next];
      std::vector<llvm::StringRef> Argv(Command.Argv.begin(),
                                        Command.Argv.end());
      std::optional<llvm::StringRef> Redirects[] = {
          std::nullopt,
          Command.Stdout.empty()
              ? std::nullopt
              : std::optional<llvm::StringRef>(Command.Stdout),
          Command.Stderr.empty()
              ? std::nullopt
              : std::optional<llvm::StringRef>(Command.Stderr)};
      bool Failed = false;
      llvm::sys::ProcessInfo Process = llvm::sys::ExecuteNoWait(
          Program, Argv, std::nullopt, Redirects, 0, nullptr, &Failed);
      if (Failed)
        Exits[Next] = -1;
      else
        Active.emplace_back(Next, Process);
      ++Next;
    }
    bool Progress = false;
    for (auto It = Active.begin(); It != Active.end();) {
      llvm::sys::ProcessInfo Done =
          llvm::sys::Wait(It->second, std::optional<unsigned>(0));
      if (Done.Pid == It->second.Pid) {
        Exits[It->first] = Done.ReturnCode;
        It = Active.erase(It);
        Progress = true;
      } else {
        ++It;
      }
    }
    Report();
    if (!Progress && Reported < Commands.size())
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Exits;
}

} // namespace clang::tidy::vmap
