//===--- FixVerification.cpp - Back a diagnostic with a LibTorch run ------===//

#include "checker/FixVerification.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

namespace clang::tidy::vmap {

static std::string &verifierStorage() {
  static std::string Path;
  return Path;
}

void setFixVerifier(std::string Path) { verifierStorage() = std::move(Path); }
const std::string &fixVerifier() { return verifierStorage(); }

/// A number as the verifier's command line takes it.
static std::string numberArgument(const llvm::json::Value &V) {
  std::string Text;
  llvm::raw_string_ostream(Text) << V;
  return Text;
}

std::optional<std::string>
verifyConfiguration(const llvm::json::Object &FixData) {
  std::optional<llvm::StringRef> Module = FixData.getString("module");
  std::optional<int64_t> Channels = FixData.getInteger("channels");
  if (fixVerifier().empty() || !Module || !Channels)
    return std::nullopt;
  std::vector<std::string> Args{fixVerifier(),
                                "--module",
                                Module->str(),
                                "--channels",
                                std::to_string(*Channels),
                                "--format",
                                "json"};
  for (const char *Name : {"eps", "momentum"})
    if (const llvm::json::Value *V = FixData.get(Name); V && V->getAsNumber())
      Args.insert(Args.end(), {std::string("--") + Name, numberArgument(*V)});
  if (std::optional<bool> Affine = FixData.getBoolean("affine"))
    Args.insert(Args.end(), {"--affine", *Affine ? "true" : "false"});
  if (std::optional<int64_t> Groups = FixData.getInteger("groups"))
    Args.insert(Args.end(), {"--groups", std::to_string(*Groups)});

  llvm::SmallString<128> Output;
  if (llvm::sys::fs::createTemporaryFile("vmap-tidy-verify", "json", Output))
    return "not verified: cannot create a temporary file";
  std::vector<llvm::StringRef> Refs(Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(Output), llvm::StringRef("")};
  std::string Error;
  int Status = llvm::sys::ExecuteAndWait(fixVerifier(), Refs, std::nullopt,
                                         Redirects, 0, 0, &Error);
  auto Buffer = llvm::MemoryBuffer::getFile(Output);
  llvm::sys::fs::remove(Output);
  if (Status < 0 || !Buffer)
    return "not verified: cannot run '" + fixVerifier() + "': " + Error;
  llvm::Expected<llvm::json::Value> Report =
      llvm::json::parse((*Buffer)->getBuffer());
  // Say why a verifier's answer cannot be used, never just drop it.
  if (!Report)
    return "not verified: vmap-tidy-verify exited with status " +
           std::to_string(Status) + " and its output is not JSON (" +
           llvm::toString(Report.takeError()) + ")";
  const llvm::json::Object *Root = Report->getAsObject();
  const llvm::json::Array *Configurations =
      Root ? Root->getArray("configurations") : nullptr;
  if (!Configurations || Configurations->empty())
    return "not verified: vmap-tidy-verify exited with status " +
           std::to_string(Status);
  std::string Device = Root->getString("device").value_or("?").str();
  const llvm::json::Object *Result = (*Configurations)[0].getAsObject();
  const llvm::json::Array *Claims =
      Result ? Result->getArray("claims") : nullptr;
  if (!Claims)
    return "not verified: unexpected output from vmap-tidy-verify";
  bool OriginalFails = false;
  std::vector<std::string> FixesRun;
  std::string Failed;
  for (const llvm::json::Value &ClaimValue : *Claims) {
    const llvm::json::Object *Claim = ClaimValue.getAsObject();
    if (!Claim)
      continue;
    llvm::StringRef Id = Claim->getString("id").value_or("");
    llvm::StringRef Title = Claim->getString("title").value_or("");
    llvm::StringRef Status = Claim->getString("status").value_or("");
    if (Status == "fail") {
      Failed += (Failed.empty() ? "" : "; ") + Title.str();
    } else if (Status == "pass" && Id == "original-fails-under-vmap") {
      OriginalFails = true;
    } else if (Status == "pass" && Id.starts_with("fix-")) {
      // GroupNorm is named with the groups it was checked with.
      FixesRun.push_back(
          Id == "fix-group-norm"
              ? Claim->getString("module").value_or(Title).str()
              : Title.drop_front(Title.find(':') + 1).trim().str());
    }
  }
  if (!Failed.empty())
    return "verification on " + Device + " failed: " + Failed +
           " (run vmap-tidy-verify --module " + Module->str() + " --channels " +
           std::to_string(*Channels) + " for details)";
  std::string Note = "verified on " + Device + " with LibTorch: ";
  if (OriginalFails)
    Note += "the module fails under vmap as reported; ";
  for (size_t I = 0; I < FixesRun.size(); ++I)
    Note += (I == 0                     ? ""
             : I + 1 == FixesRun.size() ? " and "
                                        : ", ") +
            FixesRun[I];
  Note += " run under vmap and match a per-member loop";
  return Note;
}

} // namespace clang::tidy::vmap
