//===--- TrainingModeAnalysis.h - Is a module in training mode here? ------===//
//
// Decides, at a vmap call, whether the modules the vmapped code runs are in
// training mode. A forward data-flow over the CFG of the function that holds
// the call tracks each module's mode: `m->eval()` / `m->train(false)` set
// eval, `m->train()` sets training, and paths merge to the less safe mode,
// so eval on one branch only is still training. A module created in that
// function starts in training mode (LibTorch's default). One that comes from
// the caller's frame starts in the mode it has there: a lambda's capture the
// mode where the lambda runs (its calls, or where it is written when it is
// not stored), a parameter the mode of the argument at every call in the
// translation unit (unknown where callers disagree, saying which). Anything
// else (a field, `this`, a global, a function without callers) starts
// unknown.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_TRAININGMODEANALYSIS_H
#define VMAP_TIDY_CHECKER_TRAININGMODEANALYSIS_H

#include "checker/CallSiteIndex.h"
#include "checker/StorageRef.h"
#include "checker/VmapGraph.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::vmap {

class FunctionCfg;

class TrainingModeAnalysis {
public:
  explicit TrainingModeAnalysis(ASTContext &Context);
  ~TrainingModeAnalysis();

  struct Result {
    EntryMode Mode = EntryMode::Training;
    /// The least safe module's name, when the mode is not Eval.
    std::string Subject;
    StorageRef SubjectRef;
    /// For Unknown from the callers' frames: why ("training in the call
    /// from 'f', eval in the call from 'g'"); empty otherwise.
    std::string Reason;
  };

  /// The mode, just before \p At in \p Function, of the modules
  /// \p Subjects: the least safe of theirs (Training, then Unknown, then
  /// Eval). No subjects means Training.
  Result modeAt(const FunctionDecl *Function, const Stmt *At,
                llvm::ArrayRef<StorageRef> Subjects);

private:
  struct Inherited {
    EntryMode Mode = EntryMode::Unknown;
    std::string Reason;
  };
  Result modeAt(const FunctionDecl *Function, const Stmt *At,
                llvm::ArrayRef<StorageRef> Subjects, unsigned Depth);
  /// The mode \p Subject has when \p Function starts, from the frames that
  /// run it.
  Inherited modeOnEntry(const FunctionDecl *Function, const StorageRef &Subject,
                        unsigned Depth);
  const FunctionCfg *cfgOf(const FunctionDecl *Function);

  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionCfg>> CFGs;
  CallSiteIndex Calls;
};

} // namespace clang::tidy::vmap

#endif
