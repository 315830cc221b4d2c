//===--- TrainingModeAnalysis.h - Is a module in training mode here? ------===//
//
// Decides, at a vmap call, whether the modules the vmapped code runs are in
// training mode. A forward data-flow over the CFG of the function that holds
// the call tracks each module's mode: `m->eval()` / `m->train(false)` set
// eval, `m->train()` sets training, and paths merge to the less safe mode,
// so eval on one branch only is still training. A module created in that
// function starts in training mode (LibTorch's default); one that comes from
// elsewhere (a parameter, a field, `this`) starts unknown.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_TRAININGMODEANALYSIS_H
#define VMAP_TIDY_CHECKER_TRAININGMODEANALYSIS_H

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
  };

  /// The mode, just before \p At in \p Function, of the modules
  /// \p Subjects: the least safe of theirs (Training, then Unknown, then
  /// Eval). No subjects means Training.
  Result modeAt(const FunctionDecl *Function, const Stmt *At,
                llvm::ArrayRef<StorageRef> Subjects);

private:
  const FunctionCfg *cfgOf(const FunctionDecl *Function);

  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionCfg>> CFGs;
};

} // namespace clang::tidy::vmap

#endif
