//===--- LspTransportFuzzer.cpp - Bytes from the editor, as framed --------===//
//
// The input is everything a client writes to the language server's stdin:
// headers (bad, missing, huge Content-Length), bodies (truncated, not
// JSON). Every message that is read must survive being sent and read back.
//
//===----------------------------------------------------------------------===//

#include "checker/lsp/JsonRpc.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using clang::tidy::vmap::lsp::JsonRpcChannel;

namespace {

/// Sends \p Message and reads it back through a second channel.
void checkRoundTrip(const llvm::json::Value &Message) {
  char *Sent = nullptr;
  size_t SentSize = 0;
  std::FILE *Out = open_memstream(&Sent, &SentSize);
  JsonRpcChannel(nullptr, Out).send(Message);
  std::fclose(Out);
  std::FILE *In = fmemopen(Sent, SentSize, "rb");
  llvm::json::Value Back(nullptr);
  std::string Error;
  if (JsonRpcChannel(In, nullptr).read(Back, Error) !=
          JsonRpcChannel::ReadStatus::Message ||
      Back != Message) {
    std::fprintf(stderr, "a sent message does not read back: %s\n",
                 Error.c_str());
    std::abort();
  }
  std::fclose(In);
  std::free(Sent);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  std::FILE *In = fmemopen(const_cast<uint8_t *>(Data), Size, "rb");
  JsonRpcChannel Channel(In, nullptr);
  while (true) {
    llvm::json::Value Message(nullptr);
    std::string Error;
    JsonRpcChannel::ReadStatus Status = Channel.read(Message, Error);
    if (Status == JsonRpcChannel::ReadStatus::EndOfInput)
      break;
    if (Status == JsonRpcChannel::ReadStatus::Message)
      checkRoundTrip(Message);
  }
  std::fclose(In);
  return 0;
}
