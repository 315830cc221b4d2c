//===--- CodeActions.cpp - Quick fixes from a lint's fixes ----------------===//

#include "CodeActions.h"
#include "checker/CodeOwnership.h"
#include "llvm/ADT/StringExtras.h"
#include <map>
#include <tuple>

namespace clang::tidy::vmap::lsp {

namespace json = llvm::json;
using FileEdits = llvm::StringMap<tooling::Replacements>;

namespace {

bool before(Position A, Position B) {
  return std::tie(A.Line, A.Character) < std::tie(B.Line, B.Character);
}

/// The kind is wanted when `only` names it or a kind it refines
/// (`source` covers `source.fixAll`).
bool wanted(llvm::StringRef Kind, const std::vector<std::string> &Only) {
  if (Only.empty())
    return true;
  for (llvm::StringRef O : Only)
    if (Kind == O || Kind.starts_with((O + ".").str()))
      return true;
  return false;
}

/// A note's text as an action title: "alternatively, replace it with
/// GroupNorm(4, 4)" becomes "Replace it with GroupNorm(4, 4)".
std::string titleOf(llvm::StringRef Note) {
  Note.consume_front("alternatively, ");
  std::string Title = Note.str();
  if (!Title.empty())
    Title[0] = llvm::toUpper(Title[0]);
  return Title;
}

class EditBuilder {
public:
  EditBuilder(DiagnosticConverter &Converter, const CodeActionQuery &Query,
              const OpenBufferLookup &OpenBuffer)
      : Converter(Converter), Query(Query), OpenBuffer(OpenBuffer) {}

  /// Why \p Fix must not be offered: it edits library code or a file
  /// outside the document's project (CodeOwnership.h); nullopt when it may.
  std::optional<std::string> refusal(const FileEdits &Fix) const {
    for (const auto &Entry : Fix)
      if (std::optional<std::string> Why =
              editRefusal(Entry.first(), Converter.path()))
        return "it would edit " + Entry.first().str() + ", " + *Why;
    return std::nullopt;
  }

  /// The WorkspaceEdit of \p Fix; nullopt when it cannot be given
  /// correctly.
  std::optional<json::Value> edit(const FileEdits &Fix) {
    if (refusal(Fix))
      return std::nullopt;
    // Files in a fixed order, for a deterministic reply.
    std::map<std::string, const tooling::Replacements *> Sorted;
    for (const auto &Entry : Fix)
      Sorted[Entry.first().str()] = &Entry.second;
    json::Object Changes;
    json::Array DocumentChanges;
    for (const auto &[File, Replacements] : Sorted) {
      llvm::StringRef Text = Converter.textOf(File);
      if (!Converter.isDocument(File))
        if (std::optional<std::string> Open = OpenBuffer(File);
            Open && *Open != Text)
          return std::nullopt;
      json::Array Edits;
      for (const tooling::Replacement &R : *Replacements) {
        if (R.getOffset() + R.getLength() > Text.size())
          return std::nullopt; // The file changed on disk since.
        Edits.push_back(json::Object{
            {"range",
             toJSON(LspRange{positionOf(Text, R.getOffset()),
                             positionOf(Text, R.getOffset() + R.getLength())})},
            {"newText", R.getReplacementText().str()}});
      }
      std::string Uri = Converter.uriOf(File);
      if (Query.DocumentChanges) {
        // The document's edits are of the version that was linted; a
        // client drops them if the buffer moved on. Other files are
        // edited as they are on disk (version null).
        json::Value Version = nullptr;
        if (Converter.isDocument(File))
          Version = Converter.lint().Version;
        DocumentChanges.push_back(json::Object{
            {"textDocument",
             json::Object{{"uri", Uri}, {"version", std::move(Version)}}},
            {"edits", std::move(Edits)}});
      } else {
        Changes[json::ObjectKey(Uri)] = std::move(Edits);
      }
    }
    if (Query.DocumentChanges)
      return json::Object{{"documentChanges", std::move(DocumentChanges)}};
    return json::Object{{"changes", std::move(Changes)}};
  }

private:
  DiagnosticConverter &Converter;
  const CodeActionQuery &Query;
  const OpenBufferLookup &OpenBuffer;
};

/// Whether the diagnostic at \p R is one the request is about: on one of
/// the requested lines (editors ask for the cursor's position, and show the
/// diagnostics of its line), or in the request's context.
bool requested(const LspRange &R, const CodeActionQuery &Query) {
  if (R.Start.Line <= Query.End.Line && Query.Start.Line <= R.End.Line)
    return true;
  for (const LspRange &C : Query.ContextRanges)
    if (!before(C.End, R.Start) && !before(R.End, C.Start))
      return true;
  return false;
}

/// Adds all of \p Fix to \p All, or nothing of it when a part overlaps
/// what \p All has.
void addWhole(FileEdits &All, const FileEdits &Fix) {
  FileEdits Merged = All;
  for (const auto &Entry : Fix)
    for (const tooling::Replacement &R : Entry.second)
      if (llvm::Error Err = Merged[Entry.first()].add(R)) {
        llvm::consumeError(std::move(Err));
        return;
      }
  All = std::move(Merged);
}

} // namespace

json::Array codeActions(DiagnosticConverter &Converter,
                        const CodeActionQuery &Query,
                        const OpenBufferLookup &OpenBuffer) {
  EditBuilder Builder(Converter, Query, OpenBuffer);
  json::Array Actions;
  FileEdits All;
  for (const tooling::Diagnostic &D : Converter.lint().Diagnostics) {
    if (!Converter.isDocument(D.Message.FilePath))
      continue;
    if (!Builder.refusal(D.Message.Fix))
      addWhole(All, D.Message.Fix);
    if (!wanted("quickfix", Query.Only) ||
        !requested(Converter.rangeOf(D), Query))
      continue;
    json::Value Diagnostic = Converter.diagnostic(D);
    auto Add = [&](std::string Title, const FileEdits &Fix, bool Preferred) {
      // A refused fix is shown disabled, with the reason, and without an
      // edit, so no client can apply it.
      if (std::optional<std::string> Why = Builder.refusal(Fix)) {
        Actions.push_back(json::Object{
            {"title", std::move(Title)},
            {"kind", "quickfix"},
            {"diagnostics", json::Array{Diagnostic}},
            {"disabled", json::Object{{"reason", "not offered: " + *Why}}}});
        return;
      }
      std::optional<json::Value> Edit = Builder.edit(Fix);
      if (!Edit)
        return;
      json::Object Action{{"title", std::move(Title)},
                          {"kind", "quickfix"},
                          {"diagnostics", json::Array{Diagnostic}},
                          {"edit", std::move(*Edit)}};
      if (Preferred)
        Action["isPreferred"] = true;
      Actions.push_back(std::move(Action));
    };
    if (!D.Message.Fix.empty())
      Add("Apply the vmap-tidy fix (" + D.DiagnosticName + ")", D.Message.Fix,
          true);
    for (const tooling::DiagnosticMessage &Note : D.Notes)
      if (!Note.Fix.empty())
        Add(titleOf(Note.Message), Note.Fix, false);
  }
  if (!All.empty() && wanted("source.fixAll", Query.Only))
    if (std::optional<json::Value> Edit = Builder.edit(All))
      Actions.push_back(
          json::Object{{"title", "Apply all vmap-tidy fixes in file"},
                       {"kind", "source.fixAll"},
                       {"edit", std::move(*Edit)}});
  return Actions;
}

} // namespace clang::tidy::vmap::lsp
