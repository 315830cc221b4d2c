//===--- DiagnosticConversion.cpp - clang-tidy results as LSP -------------===//

#include "DiagnosticConversion.h"
#include "Uri.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

namespace clang::tidy::vmap::lsp {

namespace json = llvm::json;

namespace {

bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// LSP DiagnosticSeverity.
int severityOf(tooling::Diagnostic::Level Level) {
  switch (Level) {
  case tooling::Diagnostic::Error:
    return 1;
  case tooling::Diagnostic::Warning:
    return 2;
  case tooling::Diagnostic::Remark:
    return 3;
  }
  return 2;
}

} // namespace

json::Value toJSON(const LspRange &R) {
  return json::Object{{"start", toJSON(R.Start)}, {"end", toJSON(R.End)}};
}

llvm::StringRef DiagnosticConverter::textOf(llvm::StringRef File) {
  if (isDocument(File))
    return Lint.Text;
  auto It = Files.find(File);
  if (It == Files.end()) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    It = Files.try_emplace(File, Buffer ? (*Buffer)->getBuffer().str() : "")
             .first;
  }
  return It->second;
}

std::string DiagnosticConverter::uriOf(llvm::StringRef File) const {
  return isDocument(File) ? Uri : uriOfPath(File);
}

LspRange
DiagnosticConverter::messageRange(const tooling::DiagnosticMessage &M) {
  llvm::StringRef Text = textOf(M.FilePath);
  size_t Begin = std::min<size_t>(M.FileOffset, Text.size()), End = Begin;
  // The highlighted source range that holds the location (the `^~~~` of
  // the command line).
  for (const tooling::FileByteRange &R : M.Ranges)
    if (R.FilePath == M.FilePath && R.FileOffset <= Begin &&
        Begin <= R.FileOffset + R.Length) {
      Begin = R.FileOffset;
      End = std::max<size_t>(End, R.FileOffset + R.Length);
    }
  End = std::min(End, Text.size());
  // Without one, the token at the location: an identifier, else one
  // character (never the line break).
  if (End == Begin) {
    while (End < Text.size() && isIdentifierChar(Text[End]))
      ++End;
    if (End == Begin && End < Text.size() && Text[End] != '\n' &&
        Text[End] != '\r')
      ++End;
  }
  return {positionOf(Text, Begin), positionOf(Text, End)};
}

bool DiagnosticConverter::shownHere(const tooling::Diagnostic &D) const {
  return isDocument(D.Message.FilePath) ||
         D.DiagLevel == tooling::Diagnostic::Error;
}

LspRange DiagnosticConverter::rangeOf(const tooling::Diagnostic &D) {
  if (isDocument(D.Message.FilePath))
    return messageRange(D.Message);
  return {}; // Line 1, column 1.
}

json::Value DiagnosticConverter::diagnostic(const tooling::Diagnostic &D) {
  std::string Message = D.Message.Message;
  if (!isDocument(D.Message.FilePath) && !D.Message.FilePath.empty()) {
    Position At = positionOf(textOf(D.Message.FilePath), D.Message.FileOffset);
    Message = "in included file " + D.Message.FilePath + ":" +
              std::to_string(At.Line + 1) + ":" +
              std::to_string(At.Character + 1) + ": " + Message;
  }
  json::Object Result{{"range", toJSON(rangeOf(D))},
                      {"severity", severityOf(D.DiagLevel)},
                      {"source", "vmap-tidy"},
                      {"code", D.DiagnosticName},
                      {"message", std::move(Message)}};
  if (std::optional<std::string> Url = Docs.urlOf(D.DiagnosticName))
    Result["codeDescription"] = json::Object{{"href", std::move(*Url)}};
  // The notes: the vmapped path (possibly through other files) and the
  // alternative fixes.
  json::Array Related;
  for (const tooling::DiagnosticMessage &Note : D.Notes) {
    if (Note.FilePath.empty())
      continue; // LSP related information needs a location.
    Related.push_back(json::Object{
        {"location", json::Object{{"uri", uriOf(Note.FilePath)},
                                  {"range", toJSON(messageRange(Note))}}},
        {"message", Note.Message}});
  }
  if (!Related.empty())
    Result["relatedInformation"] = std::move(Related);
  return Result;
}

json::Array DiagnosticConverter::diagnostics() {
  json::Array Result;
  if (!Lint.Failure.empty())
    Result.push_back(json::Object{
        {"range", toJSON(LspRange{})},
        {"severity", 1},
        {"source", "vmap-tidy"},
        {"message", "vmap-tidy could not lint this file: " + Lint.Failure}});
  for (const tooling::Diagnostic &D : Lint.Diagnostics)
    if (shownHere(D))
      Result.push_back(diagnostic(D));
  return Result;
}

} // namespace clang::tidy::vmap::lsp
