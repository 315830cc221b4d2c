//===--- VmapGraph.h - The program facts the vmapped-path search uses -----===//
//
// A translation-unit-independent picture of a program: functions (what they
// call and which stored values they touch), storage (variables, fields,
// parameters, function results) with the values that flow into it, and the
// places where vmap starts. Nodes are keyed by USR, so graphs built from
// several translation units merge into one program, and sites are
// file:line:column, so a path can be shown from any file.
//
// The search is a breadth-first walk from every vmap entry: it visits each
// function and each storage alias class once, so it is linear in the size of
// the graph, and it keeps the first (shortest) way each node was reached.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_VMAPGRAPH_H
#define VMAP_TIDY_CHECKER_VMAPGRAPH_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang::tidy::vmap {

/// A place in a source file, as written (expansion location).
struct GraphSite {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool valid() const { return !File.empty(); }
  std::string str() const;
  bool operator<(const GraphSite &O) const {
    return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
  }
  bool operator==(const GraphSite &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

/// One step of an explained path: a note at \c Site.
struct PathStep {
  GraphSite Site;
  std::string Message;
};

/// A function call inside a function body.
struct CallEdge {
  /// The called function, or the storage whose callables are called.
  std::string Target;
  bool ThroughStorage = false;
  GraphSite Site;
  /// What the note says, e.g. "which calls 'Net::forward'"; empty for a step
  /// not worth a note (the lambda passed to vmap itself).
  std::string Message;
};

/// A read of a stored value inside a function body.
struct UseEdge {
  std::string Storage;
  GraphSite Site;
  /// How the value is named in notes, e.g. "bn1".
  std::string Name;
};

struct FunctionFacts {
  std::string Name;
  std::vector<CallEdge> Calls;
  std::vector<UseEdge> Uses;
};

struct StorageFacts {
  /// Storage this value is copied to or from; holders share their module,
  /// so copies alias.
  std::vector<std::string> Aliases;
  /// Callables (function keys) stored here.
  std::vector<std::string> Callables;
  /// The `forward` methods of user module classes stored here, with the
  /// class name for notes.
  std::vector<std::pair<std::string, std::string>> Forwards;
};

/// A module construction the rules may report.
struct ConstructionFacts {
  /// The storage the new module is kept in (one per template instantiation
  /// of the code that builds it); none when it is used in place.
  std::vector<std::string> Storage;
  /// The functions the construction is written in (one per instantiation);
  /// none at namespace or class scope.
  std::vector<std::string> Function;
};

/// Whether the module tree a vmap call runs is in training mode there.
enum class EntryMode { Training, Eval, Unknown };

/// How random operations behave under a vmap (functorch's `randomness`).
enum class RandomnessMode { Error, Same, Different, Unknown };

/// What the eval-mode fix needs to wrap a vmap call: set for vmap calls
/// whose vmapped module is known, empty otherwise.
struct EvalModeFixFacts {
  /// Where the call ends.
  GraphSite CallEnd;
  /// The module to put in eval mode: an expression of type
  /// `torch::nn::Module &`, such as `*net`; empty when none is known.
  std::string EvalModule;
  bool ReturnsVoid = false;
  /// The line after the last #include of the call's file.
  GraphSite IncludeAt;
};

/// Where vmap starts.
struct VmapEntry {
  GraphSite Site;
  std::string Message;
  /// Which vmap starts here: the qualified name of the called vmap-like
  /// function, `at::functorch::initAndPushDynamicLayer` for a raw region,
  /// or, for a function marked as vmapped, the annotation
  /// (`vmap_tidy::vmapped`) or the option (`VmappedFunctions`).
  std::string VmapFunction;
  /// The randomness the vmap runs with, where it is visible.
  RandomnessMode Randomness = RandomnessMode::Unknown;
  /// What vmap runs: calls from the entry site (silent or not).
  std::vector<CallEdge> Roots;
  /// Reads of stored values in a raw functorch region.
  std::vector<UseEdge> Uses;
  EntryMode Mode = EntryMode::Training;
  /// For Unknown: the module whose mode is unknown, and why, when its
  /// callers disagree.
  std::string ModeSubject;
  std::string ModeReason;
  EvalModeFixFacts Fix;
  /// For a raw functorch region: where it ends (its pop, or the end of the
  /// scope); what is written between Site and RegionEnd runs under vmap.
  GraphSite RegionEnd;
  /// For calls of a helper that is vmap-like only if its definition says so
  /// (it holds a functorch region): the helper's key. Empty for entries that
  /// are known to vmap.
  std::string RequiresVmapLikeCallee;
  /// For a call of a user's vmap helper that passes no randomness: the
  /// helper's key. Where the helper's own region pushes a constant mode
  /// (VmapGraph::HelperRandomness), that is this entry's Randomness.
  std::string RandomnessFrom;
};

/// The program facts. Building fills it; merge() joins two; reach() walks it.
class VmapGraph {
public:
  std::map<std::string, FunctionFacts> Functions;
  std::map<std::string, StorageFacts> Storage;
  std::map<std::string, ConstructionFacts> Constructions;
  /// Virtual method key -> keys of its overriders.
  std::map<std::string, std::set<std::string>> Overriders;
  /// Functions whose body holds a functorch vmap region over a callable
  /// parameter: calling them is calling vmap.
  std::set<std::string> VmapLikeFunctions;
  /// The randomness of the region in which a vmap helper runs its callable
  /// parameter, by the helper's key: Unknown where it is not a constant or
  /// the helper's regions disagree.
  std::map<std::string, RandomnessMode> HelperRandomness;
  std::vector<VmapEntry> Entries;

  void merge(const VmapGraph &Other);
  /// Gives entries whose randomness their helper decides (RandomnessFrom)
  /// the helper's mode, once the helper's facts are in the graph.
  void resolveHelperRandomness();
  /// Records that \p Helper runs its callable under \p Mode.
  void addHelperRandomness(const std::string &Helper, RandomnessMode Mode);
  llvm::json::Value toJSON() const;
  static std::optional<VmapGraph> fromJSON(const llvm::json::Value &V,
                                           std::string &Error);
};

/// Which vmap entries a question is about: a trap that only fails in
/// training mode (running statistics, dropout) asks about entries that run
/// in training mode; one that fails in any mode (`.item()`) about all.
enum class ModePolicy { TrainingOnly, AnyMode };

/// Which vmap entries a question about random operations is about, by the
/// randomness modes the operation fails under. `error` (vmap's default) and
/// an unknown mode fail every random operation; `same` and `different` each
/// fail one kind more.
enum class RandomnessPolicy {
  Any,
  /// Only `error`: factories, dropout.
  FailsOnRandom,
  /// Also `different`: sampling in place into a tensor that is not batched
  /// (a module's fresh parameters), 'Cannot ask for different inplace
  /// randomness on an unbatched tensor'.
  FailsUnlessSame,
  /// Also `same`: sampling from batched parameters (`bernoulli(p)`), 'Vmap
  /// does not currently support same randomness with a batched tensor
  /// input'.
  FailsUnlessDifferent,
};

/// Which entries the search starts from.
struct ReachOptions {
  ModePolicy Modes = ModePolicy::TrainingOnly;
  /// Under TrainingOnly: start from entries whose training mode cannot be
  /// known.
  bool AssumeTraining = true;
  RandomnessPolicy Randomness = RandomnessPolicy::Any;
};

/// How vmap reaches something: the entry, and the notes from it.
struct VmapPath {
  const VmapEntry *Entry = nullptr;
  std::vector<PathStep> Steps;
};

/// The result of the search: the shortest explained path to each reached
/// construction.
class VmapReachability {
public:
  VmapReachability(const VmapGraph &Graph, const ReachOptions &Options);

  /// The notes that explain how vmap reaches the construction at \p Site
  /// ("file:line:col"), from the vmap entry to the module's use; nothing
  /// when vmap does not reach it.
  std::optional<VmapPath> pathToConstruction(const std::string &SiteKey) const;
  /// Same, for a stored module (by storage key).
  std::optional<VmapPath> pathToStorage(const std::string &StorageKey) const;
  /// Same, for a function (by graph key): vmap runs its body.
  std::optional<VmapPath> pathToFunction(const std::string &FunctionKey) const;
  /// Same, for code written at \p Site inside a raw functorch region.
  std::optional<VmapPath> pathToRegionCode(const GraphSite &Site) const;

private:
  struct Visit {
    /// The node this one was reached from; empty for an entry.
    std::string From;
    PathStep Step;
    /// Index of the entry when From is empty.
    unsigned Entry = 0;
  };
  std::string aliasClass(const std::string &Storage) const;
  /// Whether the search starts from \p E under the options.
  bool accepts(const VmapEntry &E) const;
  VmapPath explain(const std::string &Node) const;

  const VmapGraph &Graph;
  const ReachOptions Options;
  /// Storage key -> representative of its alias class.
  std::map<std::string, std::string> ClassOf;
  /// Reached nodes: "f:<function key>" and "s:<class representative>".
  std::map<std::string, Visit> Reached;
};

} // namespace clang::tidy::vmap

#endif
