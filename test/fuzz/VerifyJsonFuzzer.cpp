//===--- VerifyJsonFuzzer.cpp - vmap-tidy-verify's JSON readers -----------===//
//
// The input is a fix-data file or a result-cache record. It goes through
// the strict parser (whose values must write and parse back to themselves),
// the fix-data reader and the cache record reader, as vmap-tidy-verify
// reads them. Cache records are looked up under the key "fuzz-key".
//
//===----------------------------------------------------------------------===//

#include "FixData.h"
#include "Json.h"
#include "ResultCache.h"
#include "ResultJson.h"
#include "UsageError.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

using namespace vmap_tidy::verify;

namespace {

std::filesystem::path Scratch, Record;
const std::string Key = "fuzz-key";

void checkWritesBack(const Json &Value) {
  for (int Indent : {0, 2}) {
    std::string Text = write_json(Value, Indent);
    try {
      if (parse_json(Text) == Value)
        continue;
    } catch (const JsonSyntaxError &) {
    }
    std::fprintf(stderr, "a value does not write back: %s\n", Text.c_str());
    std::abort();
  }
}

void checkResultWritesBack(const ConfigurationResult &Result) {
  Json Written = to_json(Result);
  std::optional<ConfigurationResult> Back =
      configuration_result_from_json(Written);
  if (!Back || to_json(*Back) != Written) {
    std::fprintf(stderr, "a cached result does not read back\n");
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  char Template[] = "/tmp/vmap-tidy-fuzz-verify-XXXXXX";
  if (!mkdtemp(Template))
    std::abort();
  Scratch = Template;
  std::atexit([] { std::filesystem::remove_all(Scratch); });
  // A stored record shows where the cache keeps the key's.
  ResultCache Cache(Scratch.string());
  if (Cache.store(Key, ConfigurationResult{}))
    std::abort();
  for (const auto &Entry : std::filesystem::directory_iterator(Scratch))
    Record = Entry.path();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  try {
    Json Value = parse_json(Text);
    checkWritesBack(Value);
    if (std::optional<ConfigurationResult> Result =
            configuration_result_from_json(Value))
      checkResultWritesBack(*Result);
  } catch (const JsonSyntaxError &) {
  }
  try {
    parse_fix_data(Text, "fuzz.json");
  } catch (const UsageError &) {
  }
  std::ofstream(Record, std::ios::binary | std::ios::trunc)
      .write(Text.data(), Text.size());
  if (std::optional<ConfigurationResult> Result =
          ResultCache(Scratch.string()).lookup(Key))
    checkResultWritesBack(*Result);
  return 0;
}
