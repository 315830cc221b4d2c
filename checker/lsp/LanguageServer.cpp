//===--- LanguageServer.cpp - vmap-tidy --lsp -----------------------------===//

#include "LanguageServer.h"
#include "JsonRpc.h"
#include "LintProcess.h"
#include "TextPositions.h"
#include "Version.h"
#include "checker/driver/ReportFlags.h"
#include "checker/driver/SarifReport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <condition_variable>
#include <map>
#include <thread>

namespace clang::tidy::vmap::lsp {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
namespace json = llvm::json;
using Clock = std::chrono::steady_clock;

namespace {

struct ServerOptions {
  std::string Self;
  std::string CompileCommandsDir;
  std::string RuleDocsUri;
  std::chrono::milliseconds Debounce{300};
};

/// The path of a file:// URI; nullopt for other schemes.
std::optional<std::string> pathOfUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() + 0 &&
        !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path += static_cast<char>(Byte);
      I += 2;
    } else {
      Path += Uri[I];
    }
  }
  return Path;
}

/// One open document.
struct Document {
  std::string Uri, Path, Text;
  int64_t Version = 0;
  /// A lint is due at this time.
  bool Pending = false;
  Clock::time_point Due;
  /// The last lint's input and result.
  std::string LintedText;
  int64_t LintedVersion = -1;
  std::vector<tooling::Diagnostic> Diagnostics;
};

class Server {
public:
  Server(JsonRpcChannel &Channel, ServerOptions Options, llvm::raw_ostream &Log)
      : Channel(Channel), Options(std::move(Options)), Log(Log) {}

  int run();

private:
  void handle(const json::Object &Message);
  void handleRequest(const json::Value &Id, llvm::StringRef Method,
                     const json::Object *Params);
  void handleNotification(llvm::StringRef Method, const json::Object *Params);
  json::Value initializeResult(const json::Object *Params);
  json::Value codeActions(const json::Object *Params);
  void schedule(Document &Doc, std::chrono::milliseconds Delay);
  void workerLoop();
  void publish(const Document &Doc, const std::string &Failure);
  json::Value toLsp(const Document &Doc, const tooling::Diagnostic &D);
  json::Value workspaceEdit(const Document &Doc,
                            const llvm::StringMap<tooling::Replacements> &Fix);
  std::string textOf(const Document &Doc, llvm::StringRef File);
  std::vector<std::string> compileFlagsFor(llvm::StringRef File);

  JsonRpcChannel &Channel;
  ServerOptions Options;
  llvm::raw_ostream &Log;
  bool Initialized = false, ShutdownRequested = false;

  std::mutex Lock;
  std::condition_variable Wake;
  bool Stopping = false;
  std::map<std::string, Document> Documents;
};

std::vector<std::string> Server::compileFlagsFor(llvm::StringRef File) {
  if (!Options.CompileCommandsDir.empty())
    return {"-p", Options.CompileCommandsDir};
  // The nearest compile_commands.json above the file, or in a build/
  // directory beside one of its ancestors.
  for (llvm::StringRef Dir = path::parent_path(File); !Dir.empty();
       Dir = path::parent_path(Dir)) {
    for (llvm::StringRef Sub : {"", "build"}) {
      llvm::SmallString<256> Candidate(Dir);
      path::append(Candidate, Sub, "compile_commands.json");
      if (fs::exists(Candidate))
        return {"-p", path::parent_path(Candidate).str()};
    }
  }
  Log << "no compile_commands.json above " << File
      << "; using -std=c++17 -isystem /usr/include/torch/csrc/api/include\n";
  Log.flush();
  return {"--", "-std=c++17", "-isystem",
          "/usr/include/torch/csrc/api/include"};
}

json::Value Server::initializeResult(const json::Object *Params) {
  if (Params)
    if (const json::Object *Init = Params->getObject("initializationOptions"))
      if (std::optional<int64_t> Ms = Init->getInteger("debounceMs");
          Ms && *Ms >= 0)
        Options.Debounce = std::chrono::milliseconds(*Ms);
  return json::Object{
      {"capabilities",
       json::Object{
           {"textDocumentSync",
            json::Object{{"openClose", true},
                         {"change", 2}, // Incremental.
                         {"save", json::Object{{"includeText", false}}}}},
           {"codeActionProvider",
            json::Object{{"codeActionKinds",
                          json::Array{"quickfix", "source.fixAll"}}}}}},
      {"serverInfo",
       json::Object{{"name", "vmap-tidy"}, {"version", VMAP_TIDY_VERSION}}}};
}

void Server::schedule(Document &Doc, std::chrono::milliseconds Delay) {
  Doc.Pending = true;
  Doc.Due = Clock::now() + Delay;
  Wake.notify_all();
}

void Server::handleNotification(llvm::StringRef Method,
                                const json::Object *Params) {
  if (!Initialized || !Params)
    return;
  const json::Object *TextDocument = Params->getObject("textDocument");
  std::optional<llvm::StringRef> Uri =
      TextDocument ? TextDocument->getString("uri") : std::nullopt;
  if (!Uri)
    return;
  std::lock_guard<std::mutex> Guard(Lock);
  if (Method == "textDocument/didOpen") {
    std::optional<std::string> Path = pathOfUri(*Uri);
    std::optional<llvm::StringRef> Text = TextDocument->getString("text");
    if (!Path || !Text)
      return;
    Document &Doc = Documents[Uri->str()];
    Doc.Uri = Uri->str();
    Doc.Path = *Path;
    Doc.Text = Text->str();
    Doc.Version = TextDocument->getInteger("version").value_or(0);
    schedule(Doc, std::chrono::milliseconds(0));
    return;
  }
  auto It = Documents.find(Uri->str());
  if (It == Documents.end())
    return;
  Document &Doc = It->second;
  if (Method == "textDocument/didChange") {
    if (const json::Array *Changes = Params->getArray("contentChanges"))
      for (const json::Value &Change : *Changes)
        if (const json::Object *C = Change.getAsObject();
            !C || !applyChange(Doc.Text, *C))
          Log << "ignored a malformed change of " << Doc.Uri << "\n";
    Doc.Version = TextDocument->getInteger("version").value_or(Doc.Version + 1);
    schedule(Doc, Options.Debounce);
  } else if (Method == "textDocument/didSave") {
    schedule(Doc, std::chrono::milliseconds(0));
  } else if (Method == "textDocument/didClose") {
    Channel.notify(
        "textDocument/publishDiagnostics",
        json::Object{{"uri", Doc.Uri}, {"diagnostics", json::Array{}}});
    Documents.erase(It);
    Wake.notify_all();
  }
}

void Server::handleRequest(const json::Value &Id, llvm::StringRef Method,
                           const json::Object *Params) {
  if (Method == "initialize") {
    Initialized = true;
    Channel.reply(Id, initializeResult(Params));
    return;
  }
  if (!Initialized) {
    Channel.replyError(Id, ServerNotInitialized,
                       "the server is not initialized");
    return;
  }
  if (ShutdownRequested) {
    Channel.replyError(Id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (Method == "shutdown") {
    ShutdownRequested = true;
    Channel.reply(Id, nullptr);
  } else if (Method == "textDocument/codeAction") {
    Channel.reply(Id, codeActions(Params));
  } else {
    Channel.replyError(Id, MethodNotFound,
                       ("method not found: " + Method).str());
  }
}

void Server::handle(const json::Object &Message) {
  std::optional<llvm::StringRef> Method = Message.getString("method");
  const json::Value *Id = Message.get("id");
  const json::Object *Params = Message.getObject("params");
  if (!Method) {
    if (Id) // A response to us, or junk: we send no requests.
      Channel.replyError(*Id, InvalidRequest, "a request needs a method");
    return;
  }
  if (Id)
    handleRequest(*Id, *Method, Params);
  else
    handleNotification(*Method, Params);
}

std::string Server::textOf(const Document &Doc, llvm::StringRef File) {
  if (File == Doc.Path)
    return Doc.LintedText;
  for (const auto &Entry : Documents)
    if (Entry.second.Path == File)
      return Entry.second.Text;
  if (auto Buffer = llvm::MemoryBuffer::getFile(File))
    return (*Buffer)->getBuffer().str();
  return "";
}

json::Value Server::toLsp(const Document &Doc, const tooling::Diagnostic &D) {
  llvm::StringRef Text = Doc.LintedText;
  size_t Begin = D.Message.FileOffset, End = Begin;
  for (const tooling::FileByteRange &R : D.Message.Ranges)
    if (R.FilePath == D.Message.FilePath && R.FileOffset == Begin)
      End = std::max<size_t>(End, R.FileOffset + R.Length);
  // Without a range, underline the token at the location.
  while (End < Text.size() && (llvm::isAlnum(Text[End]) || Text[End] == '_'))
    ++End;
  if (End == Begin && End < Text.size())
    ++End;
  json::Object Result{
      {"range", rangeOf(Text, Begin, End)},
      {"severity", D.DiagLevel == tooling::Diagnostic::Error ? 1 : 2},
      {"source", "vmap-tidy"},
      {"code", D.DiagnosticName},
      {"message", D.Message.Message}};
  if (!Options.RuleDocsUri.empty() &&
      llvm::StringRef(D.DiagnosticName).starts_with("vmap-"))
    Result["codeDescription"] =
        json::Object{{"href", Options.RuleDocsUri + D.DiagnosticName + ".md"}};
  json::Array Related;
  for (const tooling::DiagnosticMessage &Note : D.Notes) {
    std::string NoteText = textOf(Doc, Note.FilePath);
    Related.push_back(json::Object{
        {"location", json::Object{{"uri", fileUri(Note.FilePath)},
                                  {"range", rangeOf(NoteText, Note.FileOffset,
                                                    Note.FileOffset)}}},
        {"message", Note.Message}});
  }
  if (!Related.empty())
    Result["relatedInformation"] = std::move(Related);
  return Result;
}

void Server::publish(const Document &Doc, const std::string &Failure) {
  json::Array Diagnostics;
  if (!Failure.empty())
    Diagnostics.push_back(json::Object{
        {"range", rangeOf("", 0, 0)},
        {"severity", 1},
        {"source", "vmap-tidy"},
        {"message", "vmap-tidy could not lint this file: " + Failure}});
  for (const tooling::Diagnostic &D : Doc.Diagnostics)
    if (D.Message.FilePath == Doc.Path)
      Diagnostics.push_back(toLsp(Doc, D));
  Channel.notify("textDocument/publishDiagnostics",
                 json::Object{{"uri", Doc.Uri},
                              {"version", Doc.LintedVersion},
                              {"diagnostics", std::move(Diagnostics)}});
}

json::Value
Server::workspaceEdit(const Document &Doc,
                      const llvm::StringMap<tooling::Replacements> &Fix) {
  std::map<std::string, json::Array> Changes;
  for (const auto &Entry : Fix) {
    std::string Text = textOf(Doc, Entry.first());
    json::Array &Edits = Changes[fileUri(Entry.first())];
    for (const tooling::Replacement &R : Entry.second)
      Edits.push_back(
          json::Object{{"range", rangeOf(Text, R.getOffset(),
                                         R.getOffset() + R.getLength())},
                       {"newText", R.getReplacementText().str()}});
  }
  json::Object ByUri;
  for (auto &[Uri, Edits] : Changes)
    // An owned key: a StringRef key would dangle once Changes is gone.
    ByUri[json::ObjectKey(std::string(Uri))] = std::move(Edits);
  return json::Object{{"changes", std::move(ByUri)}};
}

json::Value Server::codeActions(const json::Object *Params) {
  const json::Object *TextDocument =
      Params ? Params->getObject("textDocument") : nullptr;
  std::optional<llvm::StringRef> Uri =
      TextDocument ? TextDocument->getString("uri") : std::nullopt;
  const json::Object *Range = Params ? Params->getObject("range") : nullptr;
  std::optional<Position> Start =
      Range ? positionFromJSON(Range->get("start")) : std::nullopt;
  std::optional<Position> End =
      Range ? positionFromJSON(Range->get("end")) : std::nullopt;
  json::Array Actions;
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Uri ? Documents.find(Uri->str()) : Documents.end();
  // Actions refer to the text that was linted; a stale result offers none.
  if (It == Documents.end() || !Start || !End ||
      It->second.LintedVersion != It->second.Version)
    return Actions;
  const Document &Doc = It->second;
  llvm::StringMap<tooling::Replacements> All;
  for (const tooling::Diagnostic &D : Doc.Diagnostics) {
    if (D.Message.FilePath != Doc.Path)
      continue;
    unsigned Line = positionOf(Doc.LintedText, D.Message.FileOffset).Line;
    json::Value Diagnostic = toLsp(Doc, D);
    if (!D.Message.Fix.empty()) {
      for (const auto &Entry : D.Message.Fix)
        for (const tooling::Replacement &R : Entry.second)
          // Overlapping fixes of another diagnostic are left out.
          if (llvm::Error Err = All[Entry.first()].add(R))
            llvm::consumeError(std::move(Err));
    }
    if (Line < Start->Line || Line > End->Line)
      continue;
    if (!D.Message.Fix.empty())
      Actions.push_back(json::Object{
          {"title", "Apply the vmap-tidy fix (" + D.DiagnosticName + ")"},
          {"kind", "quickfix"},
          {"isPreferred", true},
          {"diagnostics", json::Array{Diagnostic}},
          {"edit", workspaceEdit(Doc, D.Message.Fix)}});
    for (const tooling::DiagnosticMessage &Note : D.Notes) {
      if (Note.Fix.empty())
        continue;
      llvm::StringRef Title(Note.Message);
      Title.consume_front("alternatively, ");
      std::string Capitalised = Title.str();
      if (!Capitalised.empty())
        Capitalised[0] = llvm::toUpper(Capitalised[0]);
      Actions.push_back(json::Object{{"title", Capitalised},
                                     {"kind", "quickfix"},
                                     {"diagnostics", json::Array{Diagnostic}},
                                     {"edit", workspaceEdit(Doc, Note.Fix)}});
    }
  }
  if (!All.empty())
    Actions.push_back(
        json::Object{{"title", "Apply all vmap-tidy fixes in the file"},
                     {"kind", "source.fixAll"},
                     {"edit", workspaceEdit(Doc, All)}});
  return Actions;
}

void Server::workerLoop() {
  llvm::SmallString<128> Scratch;
  if (fs::createUniqueDirectory("vmap-tidy-lsp", Scratch)) {
    Log << "cannot create a scratch directory; not linting\n";
    return;
  }
  LintProcess Lint(Options.Self, std::string(Scratch));
  std::unique_lock<std::mutex> Guard(Lock);
  while (!Stopping) {
    // The document whose lint is due first.
    Document *Next = nullptr;
    for (auto &Entry : Documents)
      if (Entry.second.Pending && (!Next || Entry.second.Due < Next->Due))
        Next = &Entry.second;
    if (!Next) {
      Wake.wait(Guard);
      continue;
    }
    if (Next->Due > Clock::now()) {
      Wake.wait_until(Guard, Next->Due);
      continue;
    }
    Next->Pending = false;
    std::string Uri = Next->Uri, Path = Next->Path, Text = Next->Text;
    int64_t Version = Next->Version;
    Guard.unlock();
    std::string Error;
    std::optional<LintResult> Result;
    if (!Lint.start(Path, Text, compileFlagsFor(Path), Error))
      Result = LintResult{"cannot start vmap-tidy: " + Error, {}};
    while (!Result) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      Result = Lint.poll();
      std::lock_guard<std::mutex> Check(Lock);
      auto It = Documents.find(Uri);
      // A newer version or a closed file makes this run stale.
      if (Stopping || It == Documents.end() || It->second.Version != Version) {
        Lint.cancel();
        break;
      }
    }
    Guard.lock();
    auto It = Documents.find(Uri);
    if (!Result || It == Documents.end() || It->second.Version != Version)
      continue;
    Document &Doc = It->second;
    Doc.LintedText = std::move(Text);
    Doc.LintedVersion = Version;
    Doc.Diagnostics = std::move(Result->Diagnostics);
    publish(Doc, Result->Failure);
  }
  Guard.unlock();
  Lint.cancel();
  fs::remove_directories(Scratch);
}

int Server::run() {
  std::thread Worker([this] { workerLoop(); });
  int Exit = 1;
  while (true) {
    json::Value Message(nullptr);
    std::string Error;
    JsonRpcChannel::ReadStatus Status = Channel.read(Message, Error);
    if (Status == JsonRpcChannel::ReadStatus::EndOfInput)
      break;
    if (Status == JsonRpcChannel::ReadStatus::Malformed) {
      Log << "malformed message: " << Error << "\n";
      Channel.replyError(nullptr, ParseError, "malformed JSON: " + Error);
      continue;
    }
    const json::Object *Object = Message.getAsObject();
    if (!Object) {
      Channel.replyError(nullptr, InvalidRequest, "a message is an object");
      continue;
    }
    if (Object->getString("method") == "exit") {
      Exit = ShutdownRequested ? 0 : 1;
      break;
    }
    handle(*Object);
  }
  {
    std::lock_guard<std::mutex> Guard(Lock);
    Stopping = true;
    Wake.notify_all();
  }
  Worker.join();
  return Exit;
}

} // namespace

int runLanguageServer(int Argc, const char **Argv) {
  ServerOptions Options;
  Options.Self = fs::getMainExecutable(
      Argv[0], reinterpret_cast<void *>(&runLanguageServer));
  Options.RuleDocsUri = ruleDocsUri(Argv[0]);
  std::string LogPath;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg(Argv[I]);
    if (Arg == "--lsp")
      continue;
    if (Arg.consume_front("--compile-commands-dir="))
      Options.CompileCommandsDir = Arg.str();
    else if (Arg.consume_front("--log="))
      LogPath = Arg.str();
    else {
      llvm::errs() << "vmap-tidy: error: unknown language server flag '" << Arg
                   << "' (expected --compile-commands-dir=DIR, --log=FILE)\n";
      return 1;
    }
  }
  std::unique_ptr<llvm::raw_fd_ostream> LogFile;
  if (!LogPath.empty()) {
    std::error_code EC;
    LogFile =
        std::make_unique<llvm::raw_fd_ostream>(LogPath, EC, fs::OF_Append);
    if (EC) {
      llvm::errs() << "vmap-tidy: error: cannot open '" << LogPath
                   << "': " << EC.message() << "\n";
      return 1;
    }
  }
  llvm::raw_ostream &Log = LogFile ? *LogFile : llvm::errs();
  JsonRpcChannel Channel(stdin, stdout);
  Server S(Channel, std::move(Options), Log);
  return S.run();
}

} // namespace clang::tidy::vmap::lsp
