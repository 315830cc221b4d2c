//===--- LanguageServer.cpp - vmap-tidy --lsp -----------------------------===//

#include "LanguageServer.h"
#include "CodeActions.h"
#include "CompileFlags.h"
#include "DiagnosticConversion.h"
#include "DocumentStore.h"
#include "JsonRpc.h"
#include "LintProcess.h"
#include "LintScheduler.h"
#include "Logger.h"
#include "ServerOptions.h"
#include "Uri.h"
#include "Version.h"
#include "checker/driver/PreambleBounds.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include <thread>

namespace clang::tidy::vmap::lsp {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
namespace json = llvm::json;

namespace {

/// At most this many lint children run at once (one per document).
constexpr unsigned MaxConcurrentLints = 2;
/// How often a running lint is checked for its end or its cancellation.
constexpr std::chrono::milliseconds PollInterval(20);

class Server {
public:
  Server(JsonRpcChannel &Channel, ServerOptions Options, RuleDocs Docs,
         Logger &Log, std::string Scratch)
      : Channel(Channel), Options(std::move(Options)), Docs(std::move(Docs)),
        Log(Log), Scratch(std::move(Scratch)),
        Scheduler(MaxConcurrentLints,
                  [this](const std::string &Uri, unsigned Worker,
                         const LintScheduler::CancelCheck &Cancelled) {
                    lint(Uri, Worker, Cancelled);
                  }) {}

  /// Serves until `exit` or the end of input; returns the exit code.
  int run();

private:
  enum class State { Uninitialized, Running, ShuttingDown };

  // The message loop.
  void handle(const json::Object &Message);
  void handleRequest(const json::Value &Id, llvm::StringRef Method,
                     const json::Object *Params);
  void handleNotification(llvm::StringRef Method, const json::Object *Params);
  json::Value initialize(const json::Object *Params);
  std::optional<json::Value> codeAction(const json::Object *Params);
  void didOpen(const json::Object &Params);
  void didChange(const json::Object &Params);
  void didClose(const json::Object &Params);

  // The lint workers.
  void lint(const std::string &Uri, unsigned Worker,
            const LintScheduler::CancelCheck &Cancelled);
  void publish(const std::string &Uri, const std::string &Path,
               std::shared_ptr<const LintSnapshot> Lint);
  void logCompileFlags(const std::string &Path, const CompileFlags &Flags);

  JsonRpcChannel &Channel;
  ServerOptions Options;
  const RuleDocs Docs;
  Logger &Log;
  const std::string Scratch;
  State Lifecycle = State::Uninitialized;
  /// The client applies versioned `documentChanges`.
  bool ClientDocumentChanges = false;
  DocumentStore Store;
  /// Makes "is this result current, then send it" one step, so a late
  /// result never follows the clearing of a closed document.
  std::mutex PublishLock;
  /// The database last logged for each open file (logged when it changes).
  std::mutex FlagsLogLock;
  llvm::StringMap<std::string> LoggedDatabase;
  /// Last: its workers stop before the members they use are destroyed.
  LintScheduler Scheduler;
};

/// What decides the precompiled preamble \p Text needs: its preamble's
/// directives (empty without one).
std::string preambleKey(const std::string &Text) {
  std::optional<unsigned> Size = cacheablePreambleSize(Text);
  if (!Size)
    return "";
  // A copy: clang's lexer needs a NUL after the end of its buffer.
  return preambleDirectives(Text.substr(0, *Size));
}

/// `textDocument.uri` of \p Params.
std::optional<llvm::StringRef> documentUri(const json::Object &Params) {
  const json::Object *TextDocument = Params.getObject("textDocument");
  return TextDocument ? TextDocument->getString("uri") : std::nullopt;
}

json::Value Server::initialize(const json::Object *Params) {
  const json::Object *Init =
      Params ? Params->getObject("initializationOptions") : nullptr;
  if (Init) {
    // Up to a minute: a larger delay is a mistake, and one near INT64_MAX
    // overflows the scheduler's clock arithmetic.
    if (std::optional<int64_t> Ms = Init->getInteger("debounceMs");
        Ms && *Ms >= 0 && *Ms <= 60'000)
      Options.Debounce = std::chrono::milliseconds(*Ms);
    if (std::optional<llvm::StringRef> Dir =
            Init->getString("compileCommandsDir");
        Dir && Options.CompileCommandsDir.empty())
      Options.CompileCommandsDir = Dir->str();
  }
  if (const json::Object *Capabilities =
          Params ? Params->getObject("capabilities") : nullptr)
    if (const json::Object *Workspace = Capabilities->getObject("workspace"))
      if (const json::Object *Edit = Workspace->getObject("workspaceEdit"))
        ClientDocumentChanges =
            Edit->getBoolean("documentChanges").value_or(false);
  return json::Object{
      {"capabilities",
       json::Object{
           {"positionEncoding", "utf-16"},
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

void Server::didOpen(const json::Object &Params) {
  const json::Object *TextDocument = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Uri = documentUri(Params);
  std::optional<llvm::StringRef> Text =
      TextDocument ? TextDocument->getString("text") : std::nullopt;
  if (!Uri || !Text) {
    Log.log("ignored a didOpen without textDocument.uri and .text");
    return;
  }
  std::optional<std::string> Path = pathOfFileUri(*Uri);
  if (!Path) {
    Log.log("not linting " + *Uri + ": only local file: URIs are linted");
    return;
  }
  Store.open(Uri->str(), *Path, Text->str(),
             TextDocument->getInteger("version").value_or(0));
  Scheduler.changed(Uri->str(), std::chrono::milliseconds(0));
}

void Server::didChange(const json::Object &Params) {
  std::optional<llvm::StringRef> Uri = documentUri(Params);
  const json::Array *Changes = Params.getArray("contentChanges");
  if (!Uri || !Changes) {
    Log.log("ignored a didChange without textDocument.uri and "
            "contentChanges");
    return;
  }
  std::optional<int64_t> Version =
      Params.getObject("textDocument")->getInteger("version");
  switch (Store.change(*Uri, Version, *Changes)) {
  case DocumentStore::ChangeResult::NotOpen:
    Log.log("ignored a change of " + *Uri + ", which is not open");
    return;
  case DocumentStore::ChangeResult::Malformed:
    Log.log("ignored a malformed change of " + *Uri);
    break;
  case DocumentStore::ChangeResult::Applied:
    break;
  }
  Scheduler.changed(Uri->str(), Options.Debounce);
}

void Server::didClose(const json::Object &Params) {
  std::optional<llvm::StringRef> Uri = documentUri(Params);
  if (!Uri)
    return;
  std::lock_guard<std::mutex> Guard(PublishLock);
  std::optional<Document> Doc = Store.get(*Uri);
  if (!Doc)
    return;
  Store.close(*Uri);
  Scheduler.forget(Uri->str());
  {
    std::lock_guard<std::mutex> Flags(FlagsLogLock);
    LoggedDatabase.erase(Doc->Path);
  }
  Channel.notify("textDocument/publishDiagnostics",
                 json::Object{{"uri", *Uri}, {"diagnostics", json::Array{}}});
}

void Server::handleNotification(llvm::StringRef Method,
                                const json::Object *Params) {
  // Before initialize and after shutdown, notifications are dropped.
  if (Lifecycle != State::Running)
    return;
  // $/cancelRequest needs nothing: every request is answered at once, in
  // order, so none is ever pending. Unknown notifications are ignored.
  if (!Params)
    return;
  if (Method == "textDocument/didOpen")
    didOpen(*Params);
  else if (Method == "textDocument/didChange")
    didChange(*Params);
  else if (Method == "textDocument/didSave") {
    if (std::optional<llvm::StringRef> Uri = documentUri(*Params);
        Uri && Store.get(*Uri))
      Scheduler.lintNow(Uri->str());
  } else if (Method == "textDocument/didClose")
    didClose(*Params);
}

std::optional<json::Value> Server::codeAction(const json::Object *Params) {
  std::optional<llvm::StringRef> Uri =
      Params ? documentUri(*Params) : std::nullopt;
  const json::Object *Range = Params ? Params->getObject("range") : nullptr;
  std::optional<Position> Start =
      Range ? positionFromJSON(Range->get("start")) : std::nullopt;
  std::optional<Position> End =
      Range ? positionFromJSON(Range->get("end")) : std::nullopt;
  if (!Uri || !Start || !End)
    return std::nullopt;
  CodeActionQuery Query;
  Query.Start = *Start;
  Query.End = *End;
  Query.DocumentChanges = ClientDocumentChanges;
  if (const json::Object *Context = Params->getObject("context")) {
    if (const json::Array *Only = Context->getArray("only"))
      for (const json::Value &Kind : *Only)
        if (std::optional<llvm::StringRef> K = Kind.getAsString())
          Query.Only.push_back(K->str());
    if (const json::Array *Diagnostics = Context->getArray("diagnostics"))
      for (const json::Value &D : *Diagnostics)
        if (const json::Object *O = D.getAsObject())
          if (const json::Object *R = O->getObject("range"))
            if (auto S = positionFromJSON(R->get("start")),
                E = positionFromJSON(R->get("end"));
                S && E)
              Query.ContextRanges.push_back({*S, *E});
  }
  std::optional<Document> Doc = Store.get(*Uri);
  // Actions refer to the text that was linted: while the document's
  // current text is not linted yet there are none (the client asks again
  // when new diagnostics arrive).
  std::shared_ptr<const LintSnapshot> Lint = Store.currentLint(*Uri);
  if (!Doc || !Lint)
    return json::Array{};
  DiagnosticConverter Converter(*Lint, Doc->Uri, Doc->Path, Docs);
  return codeActions(Converter, Query, [this](llvm::StringRef Path) {
    return Store.textOfPath(Path);
  });
}

void Server::handleRequest(const json::Value &Id, llvm::StringRef Method,
                           const json::Object *Params) {
  if (Method == "initialize") {
    if (Lifecycle != State::Uninitialized) {
      Channel.replyError(Id, InvalidRequest, "initialize was already received");
      return;
    }
    Lifecycle = State::Running;
    Channel.reply(Id, initialize(Params));
    return;
  }
  if (Lifecycle == State::Uninitialized) {
    Channel.replyError(Id, ServerNotInitialized,
                       "the server is not initialized");
    return;
  }
  if (Lifecycle == State::ShuttingDown) {
    Channel.replyError(Id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (Method == "shutdown") {
    Lifecycle = State::ShuttingDown;
    Channel.reply(Id, nullptr);
  } else if (Method == "textDocument/codeAction") {
    if (std::optional<json::Value> Actions = codeAction(Params))
      Channel.reply(Id, std::move(*Actions));
    else
      Channel.replyError(Id, InvalidParams,
                         "textDocument/codeAction needs textDocument.uri and "
                         "a range");
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
    // A response: the server sends no requests, so there is nothing to
    // match it with.
    if (Message.get("result") || Message.get("error"))
      Log.log("ignored a response from the client");
    else
      Channel.replyError(Id ? *Id : json::Value(nullptr), InvalidRequest,
                         "a message without a method");
    return;
  }
  if (Id)
    handleRequest(*Id, *Method, Params);
  else
    handleNotification(*Method, Params);
}

void Server::logCompileFlags(const std::string &Path,
                             const CompileFlags &Flags) {
  std::lock_guard<std::mutex> Guard(FlagsLogLock);
  auto [It, Inserted] = LoggedDatabase.try_emplace(Path, Flags.DatabaseDir);
  if (!Inserted && It->second == Flags.DatabaseDir)
    return;
  It->second = Flags.DatabaseDir;
  if (!Flags.DatabaseDir.empty()) {
    Log.log(Path + ": compile commands from " + Flags.DatabaseDir);
    return;
  }
  std::string Defaults;
  for (const char *Flag : DefaultCompileFlags)
    Defaults += (Defaults.empty() ? "" : " ") + std::string(Flag);
  Log.log("warning: no compile_commands.json above " + Path + "; using " +
          Defaults);
}

void Server::lint(const std::string &Uri, unsigned Worker,
                  const LintScheduler::CancelCheck &Cancelled) {
  std::optional<Document> Doc = Store.get(Uri);
  if (!Doc)
    return;
  CompileFlags Flags = findCompileFlags(Doc->Path, Options.CompileCommandsDir);
  logCompileFlags(Doc->Path, Flags);
  llvm::SmallString<256> WorkerDir(Scratch);
  path::append(WorkerDir, "worker" + std::to_string(Worker));
  fs::create_directories(WorkerDir);
  LintProcess Process(Options.Linter, std::string(WorkerDir),
                      Options.LintTimeout);
  auto Started = std::chrono::steady_clock::now();
  std::optional<LintResult> Result;
  std::string Error;
  if (!Process.start(Doc->Path, Doc->Text, Flags.Arguments, Error))
    Result = LintResult{"cannot start " + Options.Linter + ": " + Error, {}};
  const std::string LintedPreamble = preambleKey(Doc->Text);
  while (!Result) {
    if (Cancelled()) {
      // An edit of the preamble makes the build of the old one useless:
      // stopped with the lint, rapid edits of the #include block cannot
      // pile up builders (each as big as a full parse). After other edits
      // the build goes on and the next lint uses it.
      std::optional<Document> Now = Store.get(Uri);
      bool PreambleChanged = Now && preambleKey(Now->Text) != LintedPreamble;
      Process.cancel(PreambleChanged ? LintProcess::StopScope::WithChildren
                                     : LintProcess::StopScope::LintOnly);
      Log.log("cancelled the lint of " + Doc->Path + " (version " +
              llvm::Twine(Doc->Version) + "): it changed or closed" +
              (PreambleChanged ? ", with the build of its old preamble" : ""));
      return;
    }
    std::this_thread::sleep_for(PollInterval);
    Result = Process.poll();
  }
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Started)
          .count();
  Log.log(llvm::formatv("linted {0} (version {1}) in {2:f2} s: ", Doc->Path,
                        Doc->Version, Seconds)
              .str() +
          (Result->Failure.empty()
               ? std::to_string(Result->Diagnostics.size()) + " diagnostics"
               : "failed: " + Result->Failure));
  auto Lint = std::make_shared<LintSnapshot>();
  Lint->Version = Doc->Version;
  Lint->Text = std::move(Doc->Text);
  Lint->Diagnostics = std::move(Result->Diagnostics);
  Lint->Failure = std::move(Result->Failure);
  publish(Uri, Doc->Path, std::move(Lint));
}

void Server::publish(const std::string &Uri, const std::string &Path,
                     std::shared_ptr<const LintSnapshot> Lint) {
  // Converted before taking the lock: it may read other files.
  DiagnosticConverter Converter(*Lint, Uri, Path, Docs);
  json::Array Diagnostics = Converter.diagnostics();
  int64_t Version = Lint->Version;
  std::lock_guard<std::mutex> Guard(PublishLock);
  if (!Store.storeLint(Uri, std::move(Lint))) {
    Log.log("dropped the stale result of " + Path + " (version " +
            llvm::Twine(Version) + ")");
    return;
  }
  Channel.notify("textDocument/publishDiagnostics",
                 json::Object{{"uri", Uri},
                              {"version", Version},
                              {"diagnostics", std::move(Diagnostics)}});
}

int Server::run() {
  int Exit = 1;
  while (true) {
    json::Value Message(nullptr);
    std::string Error;
    JsonRpcChannel::ReadStatus Status = Channel.read(Message, Error);
    if (Status == JsonRpcChannel::ReadStatus::EndOfInput) {
      Log.log("the client closed the connection without exit");
      break;
    }
    if (Status == JsonRpcChannel::ReadStatus::Malformed) {
      Log.log("malformed message: " + Error);
      Channel.replyError(nullptr, ParseError, Error);
      continue;
    }
    const json::Object *Object = Message.getAsObject();
    if (!Object) {
      Channel.replyError(nullptr, InvalidRequest, "a message is an object");
      continue;
    }
    if (Object->getString("method") == "exit") {
      Exit = Lifecycle == State::ShuttingDown ? 0 : 1;
      break;
    }
    handle(*Object);
  }
  Scheduler.stop();
  return Exit;
}

} // namespace

int runLanguageServer(int Argc, const char **Argv) {
  std::string Self = fs::getMainExecutable(
      Argv[0], reinterpret_cast<void *>(&runLanguageServer));
  ServerOptions Options;
  Options.Linter = Self;
  std::string LogPath;
  if (!parseServerFlags(Argc, Argv, Options, LogPath))
    return 1;
  std::unique_ptr<llvm::raw_fd_ostream> LogFile;
  if (!LogPath.empty()) {
    std::error_code EC;
    LogFile =
        std::make_unique<llvm::raw_fd_ostream>(LogPath, EC, fs::OF_Append);
    if (EC) {
      llvm::WithColor::error(llvm::errs(), "vmap-tidy")
          << "cannot open the log '" << LogPath << "': " << EC.message()
          << "\n";
      return 1;
    }
  }
  Logger Log(LogFile ? *LogFile : llvm::errs());
  llvm::SmallString<128> Scratch;
  if (std::error_code EC =
          fs::createUniqueDirectory("vmap-tidy-lsp", Scratch)) {
    llvm::WithColor::error(llvm::errs(), "vmap-tidy")
        << "cannot create a temporary directory: " << EC.message() << "\n";
    return 1;
  }
  int Exit;
  {
    JsonRpcChannel Channel(stdin, stdout);
    Server S(Channel, std::move(Options), RuleDocs(Self), Log,
             std::string(Scratch));
    Exit = S.run();
  }
  fs::remove_directories(Scratch);
  return Exit;
}

} // namespace clang::tidy::vmap::lsp
