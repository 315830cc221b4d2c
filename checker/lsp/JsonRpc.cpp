//===--- JsonRpc.cpp - LSP base protocol ----------------------------------===//

#include "JsonRpc.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

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

/// Reads \p Length bytes into \p Into, or drops them when it is null; false
/// at end of input. The body grows as bytes arrive, so a Content-Length
/// that the client never sends does not cost its size in memory.
bool readBytes(std::FILE *In, size_t Length, std::string *Into) {
  char Chunk[4096];
  while (Length) {
    size_t Got = std::fread(Chunk, 1, std::min(Length, sizeof(Chunk)), In);
    if (!Got)
      return false;
    if (Into)
      Into->append(Chunk, Got);
    Length -= Got;
  }
  return true;
}

} // namespace

JsonRpcChannel::ReadStatus JsonRpcChannel::read(llvm::json::Value &Message,
                                                std::string &Error) {
  // Headers up to an empty line; anything but Content-Length is ignored.
  std::optional<size_t> Length;
  bool SawHeader = false;
  std::string BadLength, Line;
  while (true) {
    if (!readLine(In, Line))
      return ReadStatus::EndOfInput;
    if (Line.empty()) {
      if (Length)
        break;
      if (!SawHeader)
        continue; // Stray blank lines between messages.
      Error = BadLength.empty() ? "a message without a Content-Length header"
                                : "invalid Content-Length '" + BadLength + "'";
      return ReadStatus::Malformed;
    }
    SawHeader = true;
    // The header is searched for anywhere in the line: after a body that
    // was not framed, the next header follows it on the same line, and this
    // finds the next message again.
    llvm::StringRef Header(Line);
    constexpr llvm::StringLiteral Name("content-length:");
    size_t At = Header.find_insensitive(Name);
    if (At == llvm::StringRef::npos)
      continue;
    Header = Header.drop_front(At + Name.size()).trim();
    size_t Value;
    if (Header.getAsInteger(10, Value)) {
      BadLength = Header.str();
      Length.reset();
    } else {
      Length = Value;
    }
  }
  if (*Length > MaxMessageBytes) {
    if (!readBytes(In, *Length, nullptr))
      return ReadStatus::EndOfInput;
    Error = "a message of " + std::to_string(*Length) +
            " bytes is larger than the limit of " +
            std::to_string(MaxMessageBytes) + " bytes";
    return ReadStatus::Malformed;
  }
  std::string Body;
  if (!readBytes(In, *Length, &Body))
    return ReadStatus::EndOfInput;
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Body);
  if (!Parsed) {
    Error = "malformed JSON: " + llvm::toString(Parsed.takeError());
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
