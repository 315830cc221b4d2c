//===--- VmapGraph.cpp - The program facts the vmapped-path search uses ---===//

#include "checker/VmapGraph.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include <deque>

namespace clang::tidy::vmap {

std::string GraphSite::str() const {
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

template <typename T>
static void appendUnique(std::vector<T> &To, const std::vector<T> &From) {
  for (const T &Item : From)
    if (!llvm::is_contained(To, Item))
      To.push_back(Item);
}

static bool sameCall(const CallEdge &A, const CallEdge &B) {
  return A.Target == B.Target && A.ThroughStorage == B.ThroughStorage &&
         A.Site == B.Site;
}

void VmapGraph::merge(const VmapGraph &Other) {
  for (const auto &[Key, Facts] : Other.Functions) {
    FunctionFacts &Mine = Functions[Key];
    if (Mine.Name.empty())
      Mine.Name = Facts.Name;
    // A function defined in a header is seen by every file that includes
    // it; keep one copy of each edge.
    for (const CallEdge &Call : Facts.Calls)
      if (llvm::none_of(Mine.Calls,
                        [&](const CallEdge &C) { return sameCall(C, Call); }))
        Mine.Calls.push_back(Call);
    for (const UseEdge &Use : Facts.Uses)
      if (llvm::none_of(Mine.Uses, [&](const UseEdge &U) {
            return U.Storage == Use.Storage && U.Site == Use.Site;
          }))
        Mine.Uses.push_back(Use);
  }
  for (const auto &[Key, Facts] : Other.Storage) {
    StorageFacts &Mine = Storage[Key];
    appendUnique(Mine.Aliases, Facts.Aliases);
    appendUnique(Mine.Callables, Facts.Callables);
    appendUnique(Mine.Forwards, Facts.Forwards);
  }
  for (const auto &[Key, Facts] : Other.Constructions) {
    ConstructionFacts &Mine = Constructions[Key];
    appendUnique(Mine.Storage, Facts.Storage);
    appendUnique(Mine.Function, Facts.Function);
  }
  for (const auto &[Key, Set] : Other.Overriders)
    Overriders[Key].insert(Set.begin(), Set.end());
  VmapLikeFunctions.insert(Other.VmapLikeFunctions.begin(),
                           Other.VmapLikeFunctions.end());
  for (const auto &[Key, Mode] : Other.HelperRandomness)
    addHelperRandomness(Key, Mode);
  for (const VmapEntry &Entry : Other.Entries)
    if (llvm::none_of(Entries, [&](const VmapEntry &E) {
          return E.Site == Entry.Site && E.Message == Entry.Message;
        }))
      Entries.push_back(Entry);
  // Entries are searched in order; keep it independent of merge order.
  llvm::stable_sort(Entries, [](const VmapEntry &A, const VmapEntry &B) {
    return A.Site < B.Site;
  });
  resolveHelperRandomness();
}

void VmapGraph::addHelperRandomness(const std::string &Helper,
                                    RandomnessMode Mode) {
  auto [It, Inserted] = HelperRandomness.try_emplace(Helper, Mode);
  if (!Inserted && It->second != Mode)
    It->second = RandomnessMode::Unknown;
}

void VmapGraph::resolveHelperRandomness() {
  for (VmapEntry &E : Entries) {
    if (E.RandomnessFrom.empty() || E.Randomness != RandomnessMode::Unknown)
      continue;
    auto Helper = HelperRandomness.find(E.RandomnessFrom);
    if (Helper != HelperRandomness.end())
      E.Randomness = Helper->second;
  }
}

//===----------------------------------------------------------------------===//
// JSON form, for per-file summaries.
//===----------------------------------------------------------------------===//

static llvm::json::Value siteToJSON(const GraphSite &S) {
  return llvm::json::Array{S.File, S.Line, S.Column};
}

static llvm::json::Value callToJSON(const CallEdge &C) {
  return llvm::json::Object{{"target", C.Target},
                            {"storage", C.ThroughStorage},
                            {"site", siteToJSON(C.Site)},
                            {"message", C.Message}};
}

static llvm::json::Value useToJSON(const UseEdge &U) {
  return llvm::json::Object{
      {"storage", U.Storage}, {"site", siteToJSON(U.Site)}, {"name", U.Name}};
}

template <typename T, typename F>
static llvm::json::Array arrayOf(const std::vector<T> &Items, F Convert) {
  llvm::json::Array Array;
  for (const T &Item : Items)
    Array.push_back(Convert(Item));
  return Array;
}

static llvm::json::Value stringToJSON(const std::string &S) { return S; }

static constexpr llvm::StringLiteral RandomnessNames[] = {
    "error", "same", "different", "unknown"};

llvm::json::Value VmapGraph::toJSON() const {
  llvm::json::Object Functions, Storage, Constructions, Overriders;
  for (const auto &[Key, F] : this->Functions)
    Functions[Key] = llvm::json::Object{{"name", F.Name},
                                        {"calls", arrayOf(F.Calls, callToJSON)},
                                        {"uses", arrayOf(F.Uses, useToJSON)}};
  for (const auto &[Key, S] : this->Storage) {
    llvm::json::Array Forwards;
    for (const auto &[Function, Class] : S.Forwards)
      Forwards.push_back(llvm::json::Array{Function, Class});
    Storage[Key] =
        llvm::json::Object{{"aliases", arrayOf(S.Aliases, stringToJSON)},
                           {"callables", arrayOf(S.Callables, stringToJSON)},
                           {"forwards", std::move(Forwards)}};
  }
  for (const auto &[Key, C] : this->Constructions)
    Constructions[Key] =
        llvm::json::Object{{"storage", arrayOf(C.Storage, stringToJSON)},
                           {"function", arrayOf(C.Function, stringToJSON)}};
  for (const auto &[Key, Set] : this->Overriders)
    Overriders[Key] = llvm::json::Array(Set);
  llvm::json::Array Entries;
  for (const VmapEntry &E : this->Entries)
    Entries.push_back(llvm::json::Object{
        {"site", siteToJSON(E.Site)},
        {"message", E.Message},
        {"vmapFunction", E.VmapFunction},
        {"randomness", RandomnessNames[static_cast<int>(E.Randomness)]},
        {"roots", arrayOf(E.Roots, callToJSON)},
        {"uses", arrayOf(E.Uses, useToJSON)},
        {"mode", static_cast<int>(E.Mode)},
        {"modeSubject", E.ModeSubject},
        {"modeReason", E.ModeReason},
        {"callEnd", siteToJSON(E.Fix.CallEnd)},
        {"evalModule", E.Fix.EvalModule},
        {"returnsVoid", E.Fix.ReturnsVoid},
        {"includeAt", siteToJSON(E.Fix.IncludeAt)},
        {"regionEnd", siteToJSON(E.RegionEnd)},
        {"requiresVmapLike", E.RequiresVmapLikeCallee},
        {"randomnessFrom", E.RandomnessFrom}});
  llvm::json::Object HelperRandomness;
  for (const auto &[Key, Mode] : this->HelperRandomness)
    HelperRandomness[Key] = RandomnessNames[static_cast<int>(Mode)];
  return llvm::json::Object{{"functions", std::move(Functions)},
                            {"storage", std::move(Storage)},
                            {"constructions", std::move(Constructions)},
                            {"overriders", std::move(Overriders)},
                            {"vmapLike", llvm::json::Array(VmapLikeFunctions)},
                            {"helperRandomness", std::move(HelperRandomness)},
                            {"entries", std::move(Entries)}};
}

namespace {
/// Reads the JSON form back, recording the first mismatch.
class GraphReader {
public:
  std::string Error;

  bool fail(llvm::StringRef What) {
    if (Error.empty())
      Error = What.str();
    return false;
  }
  bool read(const llvm::json::Value *V, std::string &Out) {
    auto S = V ? V->getAsString() : std::nullopt;
    if (!S)
      return fail("expected a string");
    Out = S->str();
    return true;
  }
  bool read(const llvm::json::Value *V, unsigned &Out) {
    auto N = V ? V->getAsInteger() : std::nullopt;
    if (!N || *N < 0)
      return fail("expected a non-negative integer");
    Out = static_cast<unsigned>(*N);
    return true;
  }
  bool read(const llvm::json::Value *V, RandomnessMode &Out) {
    std::string Name;
    if (!read(V, Name))
      return false;
    const auto *Known = llvm::find(RandomnessNames, Name);
    if (Known == std::end(RandomnessNames))
      return fail("unknown randomness '" + Name + "'");
    Out = static_cast<RandomnessMode>(Known - std::begin(RandomnessNames));
    return true;
  }
  bool read(const llvm::json::Value *V, bool &Out) {
    auto B = V ? V->getAsBoolean() : std::nullopt;
    if (!B)
      return fail("expected a boolean");
    Out = *B;
    return true;
  }
  bool read(const llvm::json::Value *V, GraphSite &Out) {
    const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
    if (!A || A->size() != 3)
      return fail("expected a [file, line, column] site");
    return read(&(*A)[0], Out.File) && read(&(*A)[1], Out.Line) &&
           read(&(*A)[2], Out.Column);
  }
  bool read(const llvm::json::Value *V, CallEdge &Out) {
    const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
    if (!O)
      return fail("expected a call object");
    return read(O->get("target"), Out.Target) &&
           read(O->get("storage"), Out.ThroughStorage) &&
           read(O->get("site"), Out.Site) &&
           read(O->get("message"), Out.Message);
  }
  bool read(const llvm::json::Value *V, UseEdge &Out) {
    const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
    if (!O)
      return fail("expected a use object");
    return read(O->get("storage"), Out.Storage) &&
           read(O->get("site"), Out.Site) && read(O->get("name"), Out.Name);
  }
  bool read(const llvm::json::Value *V,
            std::pair<std::string, std::string> &Out) {
    const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
    if (!A || A->size() != 2)
      return fail("expected a pair");
    return read(&(*A)[0], Out.first) && read(&(*A)[1], Out.second);
  }
  template <typename T>
  bool read(const llvm::json::Value *V, std::vector<T> &Out) {
    const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
    if (!A)
      return fail("expected an array");
    for (const llvm::json::Value &Item : *A) {
      T Value;
      if (!read(&Item, Value))
        return false;
      Out.push_back(std::move(Value));
    }
    return true;
  }
  template <typename T>
  bool read(const llvm::json::Value *V, std::set<T> &Out) {
    std::vector<T> Items;
    if (!read(V, Items))
      return false;
    Out.insert(Items.begin(), Items.end());
    return true;
  }
  /// Reads each member of an object with \p ReadOne.
  template <typename F> bool readObject(const llvm::json::Value *V, F ReadOne) {
    const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
    if (!O)
      return fail("expected an object");
    for (const auto &[Key, Value] : *O) {
      const llvm::json::Object *Item = Value.getAsObject();
      if (!ReadOne(Key.str(), Value, Item))
        return false;
    }
    return true;
  }
};
} // namespace

std::optional<VmapGraph> VmapGraph::fromJSON(const llvm::json::Value &V,
                                             std::string &Error) {
  GraphReader R;
  VmapGraph G;
  const llvm::json::Object *Root = V.getAsObject();
  bool Ok =
      Root &&
      R.readObject(Root->get("functions"),
                   [&](const std::string &Key, const llvm::json::Value &,
                       const llvm::json::Object *O) {
                     FunctionFacts &F = G.Functions[Key];
                     return O && R.read(O->get("name"), F.Name) &&
                            R.read(O->get("calls"), F.Calls) &&
                            R.read(O->get("uses"), F.Uses);
                   }) &&
      R.readObject(Root->get("storage"),
                   [&](const std::string &Key, const llvm::json::Value &,
                       const llvm::json::Object *O) {
                     StorageFacts &S = G.Storage[Key];
                     return O && R.read(O->get("aliases"), S.Aliases) &&
                            R.read(O->get("callables"), S.Callables) &&
                            R.read(O->get("forwards"), S.Forwards);
                   }) &&
      R.readObject(Root->get("constructions"),
                   [&](const std::string &Key, const llvm::json::Value &,
                       const llvm::json::Object *O) {
                     ConstructionFacts &C = G.Constructions[Key];
                     return O && R.read(O->get("storage"), C.Storage) &&
                            R.read(O->get("function"), C.Function);
                   }) &&
      R.readObject(Root->get("overriders"),
                   [&](const std::string &Key, const llvm::json::Value &Value,
                       const llvm::json::Object *) {
                     return R.read(&Value, G.Overriders[Key]);
                   }) &&
      R.read(Root->get("vmapLike"), G.VmapLikeFunctions) &&
      (!Root->get("helperRandomness") ||
       R.readObject(Root->get("helperRandomness"),
                    [&](const std::string &Key, const llvm::json::Value &Value,
                        const llvm::json::Object *) {
                      return R.read(&Value, G.HelperRandomness[Key]);
                    }));
  const llvm::json::Array *Entries = Root ? Root->getArray("entries") : nullptr;
  Ok = Ok && Entries;
  for (size_t I = 0; Ok && I < Entries->size(); ++I) {
    const llvm::json::Object *O = (*Entries)[I].getAsObject();
    VmapEntry E;
    unsigned Mode = 0;
    Ok = O && R.read(O->get("site"), E.Site) &&
         R.read(O->get("message"), E.Message) &&
         R.read(O->get("roots"), E.Roots) && R.read(O->get("uses"), E.Uses) &&
         R.read(O->get("mode"), Mode) && Mode <= 2 &&
         R.read(O->get("modeSubject"), E.ModeSubject) &&
         R.read(O->get("callEnd"), E.Fix.CallEnd) &&
         R.read(O->get("evalModule"), E.Fix.EvalModule) &&
         R.read(O->get("returnsVoid"), E.Fix.ReturnsVoid) &&
         R.read(O->get("includeAt"), E.Fix.IncludeAt) &&
         R.read(O->get("requiresVmapLike"), E.RequiresVmapLikeCallee);
    E.Mode = static_cast<EntryMode>(Mode);
    // Summaries written before these fields existed lack them.
    if (Ok && O->get("vmapFunction"))
      Ok = R.read(O->get("vmapFunction"), E.VmapFunction);
    if (Ok && O->get("regionEnd"))
      Ok = R.read(O->get("regionEnd"), E.RegionEnd);
    if (Ok && O->get("modeReason"))
      Ok = R.read(O->get("modeReason"), E.ModeReason);
    if (Ok && O->get("randomnessFrom"))
      Ok = R.read(O->get("randomnessFrom"), E.RandomnessFrom);
    if (Ok && O->get("randomness"))
      Ok = R.read(O->get("randomness"), E.Randomness);
    G.Entries.push_back(std::move(E));
  }
  if (!Ok) {
    Error = R.Error.empty() ? "malformed program summary" : R.Error;
    return std::nullopt;
  }
  return G;
}

//===----------------------------------------------------------------------===//
// The search.
//===----------------------------------------------------------------------===//

std::string VmapReachability::aliasClass(const std::string &Storage) const {
  auto It = ClassOf.find(Storage);
  return It == ClassOf.end() ? Storage : It->second;
}

VmapReachability::VmapReachability(const VmapGraph &Graph,
                                   const ReachOptions &Options)
    : Graph(Graph), Options(Options) {
  // Alias classes by union-find over the (undirected) alias edges.
  std::map<std::string, std::string> Parent;
  std::function<std::string(const std::string &)> Find =
      [&](const std::string &X) -> std::string {
    auto It = Parent.find(X);
    if (It == Parent.end() || It->second == X)
      return X;
    std::string Root = Find(It->second);
    Parent[X] = Root;
    return Root;
  };
  for (const auto &[Key, Facts] : Graph.Storage)
    for (const std::string &Alias : Facts.Aliases) {
      std::string A = Find(Key), B = Find(Alias);
      if (A != B)
        Parent[std::max(A, B)] = std::min(A, B);
    }
  std::map<std::string, std::vector<const StorageFacts *>> Members;
  for (const auto &[Key, Facts] : Graph.Storage) {
    ClassOf[Key] = Find(Key);
    Members[ClassOf[Key]].push_back(&Facts);
  }
  std::deque<std::string> Queue;
  auto Enter = [&](const std::string &Node, Visit V) {
    if (Reached.emplace(Node, std::move(V)).second)
      Queue.push_back(Node);
  };
  auto Call = [&](const std::string &From, const CallEdge &Edge) {
    if (Edge.ThroughStorage) {
      for (const StorageFacts *S : Members[aliasClass(Edge.Target)])
        for (const std::string &Callable : S->Callables)
          Enter("f:" + Callable, {From, {Edge.Site, Edge.Message}});
      return;
    }
    Enter("f:" + Edge.Target, {From, {Edge.Site, Edge.Message}});
    // A virtual call runs whichever override the object has.
    std::vector<std::string> Work{Edge.Target};
    std::set<std::string> Seen{Edge.Target};
    while (!Work.empty()) {
      std::string Method = Work.back();
      Work.pop_back();
      auto It = Graph.Overriders.find(Method);
      if (It == Graph.Overriders.end())
        continue;
      for (const std::string &Override : It->second) {
        if (!Seen.insert(Override).second)
          continue;
        Work.push_back(Override);
        auto F = Graph.Functions.find(Override);
        std::string Message =
            Edge.Message.empty() || F == Graph.Functions.end()
                ? Edge.Message
                : "which calls '" + F->second.Name + "' (a virtual call)";
        Enter("f:" + Override, {From, {Edge.Site, Message}});
      }
    }
  };
  auto Use = [&](const std::string &From, const UseEdge &Edge) {
    Enter("s:" + aliasClass(Edge.Storage),
          {From, {Edge.Site, "which runs '" + Edge.Name + "' under vmap"}});
  };

  for (unsigned I = 0; I < Graph.Entries.size(); ++I) {
    const VmapEntry &E = Graph.Entries[I];
    if (!E.RequiresVmapLikeCallee.empty() &&
        !Graph.VmapLikeFunctions.count(E.RequiresVmapLikeCallee))
      continue;
    if (!accepts(E))
      continue;
    std::string Node = "e:" + std::to_string(I);
    Reached[Node] = {"", {E.Site, E.Message}, I};
    for (const CallEdge &Root : E.Roots)
      Call(Node, Root);
    for (const UseEdge &U : E.Uses)
      Use(Node, U);
    // Entries are searched before anything they reach: a construction
    // reachable from several entries is explained from the first.
    while (!Queue.empty()) {
      std::string Current = Queue.front();
      Queue.pop_front();
      if (Current[0] == 'f') {
        auto F = Graph.Functions.find(Current.substr(2));
        if (F == Graph.Functions.end())
          continue;
        for (const CallEdge &Edge : F->second.Calls)
          Call(Current, Edge);
        for (const UseEdge &Edge : F->second.Uses)
          Use(Current, Edge);
        continue;
      }
      // Running a stored module runs the forward of each user module kept
      // in its alias class (a Sequential's children, an AnyModule's module).
      const GraphSite &At = Reached[Current].Step.Site;
      for (const StorageFacts *S : Members[Current.substr(2)])
        for (const auto &[Forward, Class] : S->Forwards)
          Enter("f:" + Forward,
                {Current, {At, "which runs '" + Class + "::forward'"}});
    }
  }
}

VmapPath VmapReachability::explain(const std::string &Node) const {
  // Walk back to the entry, collecting the steps last-first.
  std::vector<PathStep> Backwards;
  const Visit *V = &Reached.at(Node);
  for (; !V->From.empty(); V = &Reached.at(V->From))
    if (!V->Step.Message.empty())
      Backwards.push_back(V->Step);
  const VmapEntry &E = Graph.Entries[V->Entry];
  std::vector<PathStep> Steps{{E.Site, E.Message}};
  if (E.Mode == EntryMode::Unknown && Options.Modes == ModePolicy::TrainingOnly)
    Steps.push_back(
        {E.Site, "the training mode of '" + E.ModeSubject +
                     "' is not known here" +
                     (E.ModeReason.empty() ? "" : " (" + E.ModeReason + ")") +
                     "; assuming training mode (option AssumeTraining)"});
  Steps.insert(Steps.end(), Backwards.rbegin(), Backwards.rend());
  return {&E, std::move(Steps)};
}

std::optional<VmapPath>
VmapReachability::pathToStorage(const std::string &StorageKey) const {
  std::string Node = "s:" + aliasClass(StorageKey);
  if (!Reached.count(Node))
    return std::nullopt;
  return explain(Node);
}

bool VmapReachability::accepts(const VmapEntry &E) const {
  if (Options.Modes == ModePolicy::TrainingOnly &&
      (E.Mode == EntryMode::Eval ||
       (E.Mode == EntryMode::Unknown && !Options.AssumeTraining)))
    return false;
  switch (Options.Randomness) {
  case RandomnessPolicy::Any:
    return true;
  case RandomnessPolicy::FailsOnRandom:
    return E.Randomness != RandomnessMode::Same &&
           E.Randomness != RandomnessMode::Different;
  case RandomnessPolicy::FailsUnlessSame:
    return E.Randomness != RandomnessMode::Same;
  case RandomnessPolicy::FailsUnlessDifferent:
    return E.Randomness != RandomnessMode::Different;
  }
  llvm_unreachable("unknown randomness policy");
}

std::optional<VmapPath>
VmapReachability::pathToRegionCode(const GraphSite &Site) const {
  for (unsigned I = 0; I < Graph.Entries.size(); ++I) {
    const VmapEntry &E = Graph.Entries[I];
    if (E.RegionEnd.valid() && E.Site.File == Site.File && E.Site < Site &&
        Site < E.RegionEnd && Reached.count("e:" + std::to_string(I)))
      return explain("e:" + std::to_string(I));
  }
  return std::nullopt;
}

std::optional<VmapPath>
VmapReachability::pathToFunction(const std::string &FunctionKey) const {
  std::string Node = "f:" + FunctionKey;
  if (!Reached.count(Node))
    return std::nullopt;
  return explain(Node);
}

std::optional<VmapPath>
VmapReachability::pathToConstruction(const std::string &SiteKey) const {
  auto It = Graph.Constructions.find(SiteKey);
  if (It == Graph.Constructions.end())
    return std::nullopt;
  // The shortest explanation wins; at equal length, the module's use (the
  // storage) says more than the function that builds it.
  std::optional<VmapPath> Best;
  auto Consider = [&](std::optional<VmapPath> Path) {
    if (Path && (!Best || Path->Steps.size() < Best->Steps.size()))
      Best = std::move(Path);
  };
  for (const std::string &Storage : It->second.Storage)
    Consider(pathToStorage(Storage));
  for (const std::string &Function : It->second.Function)
    if (Reached.count("f:" + Function))
      Consider(explain("f:" + Function));
  return Best;
}

} // namespace clang::tidy::vmap
