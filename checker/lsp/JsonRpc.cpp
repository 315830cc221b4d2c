//===--- JsonRpc.cpp - LSP base protocol ----------------------------------===//

#include "JsonRpc.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::vmap::lsp {

namespace {

/// Reads one header line without its line ending; false at end of input.
bool readLine(std::FILE *In, std::string &Line) {
  Line.clear();
  for (int C; (C = std::fgetc(In)) != EOF;) {
    if (C == '\n') {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      return true;
    }
    Line += static_cast<char>(C);
  }
  return !Line.empty();
}

} // namespace

JsonRpcChannel::ReadStatus JsonRpcChannel::read(llvm::json::Value &Message,
                                                std::string &Error) {
  // Headers up to an empty line; anything but Content-Length is ignored.
  std::optional<size_t> Length;
  std::string Line;
  while (true) {
    if (!readLine(In, Line))
      return ReadStatus::EndOfInput;
    if (Line.empty()) {
      if (Length)
        break;
      continue; // Stray blank lines between messages.
    }
    llvm::StringRef Header(Line);
    if (Header.consume_front_insensitive("Content-Length:")) {
      size_t Value;
      if (!Header.trim().getAsInteger(10, Value) && Value < (1u << 30))
        Length = Value;
    }
  }
  std::string Body(*Length, '\0');
  if (std::fread(Body.data(), 1, *Length, In) != *Length)
    return ReadStatus::EndOfInput;
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Body);
  if (!Parsed) {
    Error = llvm::toString(Parsed.takeError());
    return ReadStatus::Malformed;
  }
  Message = std::move(*Parsed);
  return ReadStatus::Message;
}

void JsonRpcChannel::send(llvm::json::Value Message) {
  std::string Body;
  llvm::raw_string_ostream(Body) << Message;
  std::lock_guard<std::mutex> Guard(WriteLock);
  std::fprintf(Out, "Content-Length: %zu\r\n\r\n", Body.size());
  std::fwrite(Body.data(), 1, Body.size(), Out);
  std::fflush(Out);
}

void JsonRpcChannel::reply(llvm::json::Value Id, llvm::json::Value Result) {
  send(llvm::json::Object{{"jsonrpc", "2.0"},
                          {"id", std::move(Id)},
                          {"result", std::move(Result)}});
}

void JsonRpcChannel::replyError(llvm::json::Value Id, int Code,
                                llvm::StringRef Message) {
  send(llvm::json::Object{
      {"jsonrpc", "2.0"},
      {"id", std::move(Id)},
      {"error", llvm::json::Object{{"code", Code}, {"message", Message}}}});
}

void JsonRpcChannel::notify(llvm::StringRef Method, llvm::json::Value Params) {
  send(llvm::json::Object{
      {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

} // namespace clang::tidy::vmap::lsp
