//===--- ReplayMain.cpp - Run a fuzz target's inputs without libFuzzer ----===//
//
// The normal build links each fuzz target with this main instead of
// libFuzzer, so the test suite replays the seed corpora and the regression
// inputs (`<target>-replay DIR|FILE...`) with no fuzzing runtime.
//
//===----------------------------------------------------------------------===//

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *Argc,
                                                          char ***Argv);

namespace {

bool replay(const std::filesystem::path &Path) {
  std::ifstream File(Path, std::ios::binary);
  if (!File) {
    std::fprintf(stderr, "cannot read %s\n", Path.c_str());
    return false;
  }
  std::vector<char> Bytes((std::istreambuf_iterator<char>(File)),
                          std::istreambuf_iterator<char>());
  // A copy of exactly the input's size, so that reads past its end are
  // caught by a sanitizer build as they are under libFuzzer.
  std::vector<uint8_t> Input(Bytes.begin(), Bytes.end());
  LLVMFuzzerTestOneInput(Input.data(), Input.size());
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize(&Argc, &Argv);
  unsigned Inputs = 0;
  bool Ok = true;
  for (int I = 1; I < Argc; ++I) {
    std::filesystem::path Arg(Argv[I]);
    std::error_code EC;
    if (std::filesystem::is_directory(Arg, EC)) {
      std::vector<std::filesystem::path> Files;
      for (const auto &Entry :
           std::filesystem::recursive_directory_iterator(Arg, EC))
        if (Entry.is_regular_file())
          Files.push_back(Entry.path());
      std::sort(Files.begin(), Files.end());
      for (const auto &File : Files)
        Ok &= replay(File), ++Inputs;
    } else {
      Ok &= replay(Arg), ++Inputs;
    }
  }
  std::fprintf(stderr, "%s: replayed %u inputs\n", Argv[0], Inputs);
  return Ok ? 0 : 1;
}
