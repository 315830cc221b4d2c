//===--- RunningStatsEvaluator.h - What track_running_stats a module gets -===//
//
// Evaluates, at compile time, the `track_running_stats` value that the
// options reaching a norm module's constructor carry. It follows setter
// chains (`BatchNorm2dOptions(8).eps(1e-3).track_running_stats(false)`),
// evaluates constant flags (`constexpr bool kTrack = false`), and follows
// options held in local variables through the control-flow graph of the
// enclosing function, so `auto o = BatchNorm2dOptions(4);
// o.track_running_stats(false);` is known to be off at every later use.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_RUNNINGSTATSEVALUATOR_H
#define VMAP_TIDY_CHECKER_RUNNINGSTATSEVALUATOR_H

#include "checker/NormModuleKind.h"
#include "checker/StorageRef.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

namespace clang::tidy::vmap {

class FunctionCfg;

struct RunningStatsVerdict {
  enum KindTy {
    /// Running statistics are off: safe under vmap.
    Disabled,
    /// Running statistics are on on every path.
    Enabled,
    /// On along some control-flow paths, off along others.
    MaybeEnabled,
    /// The value cannot be known at compile time.
    Unknown,
    /// The value depends on a template argument; decided per instantiation.
    TemplateDependent,
  };
  KindTy Kind = Unknown;
  /// The expression that decided the value: the flag passed to
  /// `track_running_stats(...)`, or the options object whose default applies
  /// (null when the module is constructed from a plain channel count).
  const Expr *Origin = nullptr;
  /// For Unknown: why the value cannot be known, as a sentence fragment
  /// ("'flag' is not a compile-time constant").
  std::string Reason;
  /// True when no `track_running_stats(...)` call decided the value: the
  /// options' default applies.
  bool FromDefault = false;
  /// For Unknown: the parameter of the enclosing function whose value the
  /// verdict waits for; each caller's argument decides it.
  const ParmVarDecl *Parameter = nullptr;

  bool keepsRunningStats() const {
    return Kind == Enabled || Kind == MaybeEnabled;
  }
};

/// A statement that sets `track_running_stats` on an options object:
/// `o.track_running_stats(v)`, `o.track_running_stats() = v`, or
/// `o.track_running_stats_ = v`.
struct RunningStatsSetting {
  /// The options object the setting applies to, after walking back through
  /// chained setters (`o.eps(1).track_running_stats(v)` gives `o`).
  const Expr *Object;
  /// The value assigned.
  const Expr *Value;
};
std::optional<RunningStatsSetting> matchRunningStatsSetting(const Stmt *S);

/// Values given to a function's parameters: a call's arguments, so that a
/// construction inside the function is evaluated as that call runs it.
using ParameterBindings = llvm::DenseMap<const ParmVarDecl *, const Expr *>;

class RunningStatsEvaluator {
public:
  /// \p Bindings: the parameters whose values are known (the arguments of
  /// one call); every other parameter is unknown.
  explicit RunningStatsEvaluator(
      ASTContext &Context, ParameterBindings Bindings = ParameterBindings());
  ~RunningStatsEvaluator();

  /// The verdict for a module of \p Kind constructed from \p Args (the
  /// arguments as written, forwarded to the implementation's constructor).
  RunningStatsVerdict evaluateConstruction(llvm::ArrayRef<const Expr *> Args,
                                           NormModuleKind Kind);

  /// The verdict for the flag expression passed to `track_running_stats`.
  RunningStatsVerdict evaluateFlag(const Expr *Flag);

private:
  RunningStatsVerdict evaluateOptions(const Expr *E, bool Default,
                                      unsigned Depth);
  RunningStatsVerdict evaluateVariableAt(const VarDecl *Var,
                                         const DeclRefExpr *Use, bool Default,
                                         unsigned Depth);
  RunningStatsVerdict computeVariableAt(const VarDecl *Var,
                                        const DeclRefExpr *Use, bool Default,
                                        unsigned Depth);
  RunningStatsVerdict evaluateReturnedOptions(const FunctionDecl *Callee,
                                              bool Default, unsigned Depth);
  const FunctionCfg *flowFor(const Stmt *S);
  std::string sourceText(const Expr *E) const;

  ASTContext &Context;
  const ParameterBindings Bindings;
  /// CFGs of the functions analysed so far, keyed by body.
  llvm::DenseMap<const Stmt *, std::unique_ptr<FunctionCfg>> Flows;
  /// Verdicts of options variables at their uses, computed so far.
  std::map<std::tuple<const VarDecl *, const DeclRefExpr *, bool>,
           RunningStatsVerdict>
      VariableVerdicts;
};

} // namespace clang::tidy::vmap

#endif
