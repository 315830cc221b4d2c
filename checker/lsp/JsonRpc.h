//===--- JsonRpc.h - LSP base protocol over a pair of streams -------------===//
//
// Messages are JSON bodies behind a `Content-Length` header. Reading blocks
// and is done by one thread; writing is serialised, so any thread may send.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_LSP_JSONRPC_H
#define VMAP_TIDY_CHECKER_LSP_JSONRPC_H

#include "llvm/Support/JSON.h"
#include <cstdio>
#include <mutex>
#include <string>

namespace clang::tidy::vmap::lsp {

class JsonRpcChannel {
public:
  JsonRpcChannel(std::FILE *In, std::FILE *Out) : In(In), Out(Out) {}

  enum class ReadStatus { Message, Malformed, EndOfInput };
  /// Reads the next message. Malformed means a frame whose header or body
  /// is broken (\p Error says why); the stream stays usable.
  ReadStatus read(llvm::json::Value &Message, std::string &Error);

  void send(llvm::json::Value Message);
  void reply(llvm::json::Value Id, llvm::json::Value Result);
  void replyError(llvm::json::Value Id, int Code, llvm::StringRef Message);
  void notify(llvm::StringRef Method, llvm::json::Value Params);

private:
  std::FILE *In, *Out;
  std::mutex WriteLock;
};

/// The largest message body read; a larger one is skipped. Editors send
/// whole files, so this is far above any source file.
constexpr size_t MaxMessageBytes = 64u << 20;

/// JSON-RPC and LSP error codes.
enum ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
};

} // namespace clang::tidy::vmap::lsp

#endif
