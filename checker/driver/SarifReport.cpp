//===--- SarifReport.cpp - Diagnostics as SARIF 2.1.0 ---------------------===//

#include "SarifReport.h"
#include "ExportedDiagnostics.h"
#include "Version.h"
#include "checker/RuleInfo.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include <map>

namespace clang::tidy::vmap {

namespace json = llvm::json;

namespace {

struct RuleText {
  llvm::StringRef Short, Full;
};

/// What each vmap rule finds and how to fix it (its RuleInfo); other checks
/// (compiler diagnostics, other clang-tidy modules) get a generic
/// description.
RuleText describe(llvm::StringRef Check) {
  if (const RuleInfo *Rule = findVmapRule(Check))
    return {Rule->Summary, Rule->Description};
  if (Check.starts_with("clang-diagnostic-"))
    return {"Compiler diagnostic",
            "A diagnostic of the compiler that parses the file for the "
            "checks; an error means the file was not analysed completely."};
  return {"clang-tidy check", "A finding of the clang-tidy check of this "
                              "name."};
}

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

class SarifWriter {
public:
  explicit SarifWriter(const SarifRun &Run) : Run(Run), Root(Run.SourceRoot) {}

  json::Value write() {
    json::Array Results;
    for (const tooling::Diagnostic &D : Run.Diagnostics)
      Results.push_back(result(D));
    json::Array Rules;
    for (const std::string &Check : RuleOrder)
      Rules.push_back(rule(Check));
    json::Object Driver{{"name", "vmap-tidy"},
                        {"version", VMAP_TIDY_VERSION},
                        {"semanticVersion", VMAP_TIDY_VERSION},
                        {"rules", std::move(Rules)}};
    // The documentation's front page, next to the rule pages.
    if (llvm::StringRef Docs(Run.RuleDocsUri); Docs.ends_with("rules/"))
      Driver["informationUri"] = Docs.drop_back(6).str() + "index.md";
    json::Object RunObject{
        {"tool", json::Object{{"driver", std::move(Driver)}}},
        {"columnKind", "unicodeCodePoints"},
        {"results", std::move(Results)},
        {"invocations",
         json::Array{json::Object{{"executionSuccessful", Run.ExitCode == 0},
                                  {"exitCode", Run.ExitCode}}}}};
    if (!Root.prefix().empty())
      RunObject["originalUriBaseIds"] = json::Object{
          {"SRCROOT", json::Object{{"uri", fileUri(Root.prefix())}}}};
    return json::Object{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", json::Array{std::move(RunObject)}}};
  }

private:
  /// Rules appear in the order of their first result, so ruleIndex is
  /// known while results are written; sorted results make it stable.
  unsigned ruleIndex(llvm::StringRef Check) {
    auto [It, Inserted] = RuleIndex.try_emplace(Check.str(), RuleOrder.size());
    if (Inserted)
      RuleOrder.push_back(Check.str());
    return It->second;
  }

  json::Object rule(llvm::StringRef Check) const {
    RuleText Text = describe(Check);
    json::Object Rule{
        {"id", Check},
        {"shortDescription", json::Object{{"text", Text.Short}}},
        {"fullDescription", json::Object{{"text", Text.Full}}},
        {"help", json::Object{{"text", Text.Full},
                              {"markdown", "**" + Text.Short.str() + "**\n\n" +
                                               Text.Full.str()}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}}};
    if (!Run.RuleDocsUri.empty() && findVmapRule(Check))
      Rule["helpUri"] = Run.RuleDocsUri + Check.str() + ".md";
    return Rule;
  }

  json::Object artifact(llvm::StringRef File) const {
    if (std::optional<llvm::StringRef> Relative = Root.relative(File))
      return json::Object{{"uri", percentEncode(*Relative)},
                          {"uriBaseId", "SRCROOT"}};
    return json::Object{{"uri", fileUri(File)}};
  }

  json::Object location(const tooling::DiagnosticMessage &M) {
    json::Object Physical{{"artifactLocation", artifact(M.FilePath)}};
    if (std::optional<TextPosition> P =
            Positions.resolve(M.FilePath, M.FileOffset))
      Physical["region"] = json::Object{{"startLine", P->Line},
                                        {"startColumn", P->Column},
                                        {"byteOffset", M.FileOffset}};
    json::Object Location{{"physicalLocation", std::move(Physical)}};
    return Location;
  }

  json::Object fix(llvm::StringRef Description,
                   const llvm::StringMap<tooling::Replacements> &Edits) const {
    // Files in a fixed order for a deterministic log.
    std::map<std::string, const tooling::Replacements *> Sorted;
    for (const auto &Entry : Edits)
      Sorted[Entry.first().str()] = &Entry.second;
    json::Array Changes;
    for (const auto &[File, Replacements] : Sorted) {
      json::Array Edits;
      for (const tooling::Replacement &R : *Replacements)
        Edits.push_back(json::Object{
            {"deletedRegion", json::Object{{"byteOffset", R.getOffset()},
                                           {"byteLength", R.getLength()}}},
            {"insertedContent",
             json::Object{{"text", R.getReplacementText().str()}}}});
      Changes.push_back(json::Object{{"artifactLocation", artifact(File)},
                                     {"replacements", std::move(Edits)}});
    }
    return json::Object{{"description", json::Object{{"text", Description}}},
                        {"artifactChanges", std::move(Changes)}};
  }

  json::Object result(const tooling::Diagnostic &D) {
    bool Error = D.DiagLevel == tooling::Diagnostic::Error ||
                 (Run.TreatAsError && Run.TreatAsError(D.DiagnosticName));
    json::Object Result{{"ruleId", D.DiagnosticName},
                        {"ruleIndex", ruleIndex(D.DiagnosticName)},
                        {"level", Error ? "error"
                                  : D.DiagLevel == tooling::Diagnostic::Remark
                                      ? "note"
                                      : "warning"},
                        {"message", json::Object{{"text", D.Message.Message}}},
                        {"locations", json::Array{location(D.Message)}}};
    // Code scanning tracks a finding across commits by these; the key is
    // versioned in case the identity ever has to change.
    Result["partialFingerprints"] =
        json::Object{{"vmapTidyFinding/v1",
                      Fingerprints.next(D, Root.relative(D.Message.FilePath)
                                               .value_or(D.Message.FilePath))}};
    json::Array Related, Flow, Fixes;
    if (!D.Message.Fix.empty())
      Fixes.push_back(
          fix("the fix of this diagnostic (applied by --fix)", D.Message.Fix));
    for (size_t I = 0; I < D.Notes.size(); ++I) {
      const tooling::DiagnosticMessage &Note = D.Notes[I];
      json::Object Located = location(Note);
      Located["message"] = json::Object{{"text", Note.Message}};
      // The vmapped path: "vmapped here" (or "'f' is marked as vmapped
      // here"), then "which calls ..." and "which runs ... under vmap".
      llvm::StringRef Text(Note.Message);
      if (Text.ends_with("vmapped here") || Text.starts_with("which "))
        Flow.push_back(json::Object{{"location", json::Object(Located)}});
      Located["id"] = static_cast<int64_t>(I + 1);
      Related.push_back(std::move(Located));
      if (!Note.Fix.empty())
        Fixes.push_back(fix(Note.Message, Note.Fix));
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!Flow.empty())
      Result["codeFlows"] = json::Array{json::Object{
          {"threadFlows",
           json::Array{json::Object{{"locations", std::move(Flow)}}}}}};
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    return Result;
  }

  const SarifRun &Run;
  SourceRoot Root;
  PositionResolver Positions;
  FindingFingerprints Fingerprints;
  std::map<std::string, unsigned> RuleIndex;
  std::vector<std::string> RuleOrder;
};

} // namespace

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncode(AbsolutePath);
}

void writeSarif(const SarifRun &Run, llvm::raw_ostream &OS) {
  SarifWriter Writer(Run);
  OS << llvm::formatv("{0:2}", Writer.write()) << "\n";
}

} // namespace clang::tidy::vmap
