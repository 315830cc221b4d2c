//===--- StorageFlowRecorder.h - Where modules and callables are kept -----===//
//
// Records the flow of modules and callables into storage (variables,
// fields, parameters, function results): initialisers, assignments,
// returns, arguments of user functions, insertions into containers, and the
// values a holder, container or std::function is built from. Copies alias:
// a holder shares the module it points to. A module construction that flows
// into storage is recorded as kept there.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_STORAGEFLOWRECORDER_H
#define VMAP_TIDY_CHECKER_STORAGEFLOWRECORDER_H

#include "checker/GraphBuildContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::vmap {

class StorageFlowRecorder {
public:
  explicit StorageFlowRecorder(GraphBuildContext &Ctx) : Ctx(Ctx) {}

  // Each takes non-dependent code only.
  void memberInitializer(const CXXCtorInitializer *Init);
  void variable(const VarDecl *Var);
  void field(const FieldDecl *Field);
  void returnStmt(const ReturnStmt *Return);
  void assignment(const BinaryOperator *Assign);
  void forRange(const CXXForRangeStmt *For);
  /// Arguments flow into the parameters of user functions, and into the
  /// object of a library container's insertion (`seq->push_back(bn)`).
  void callArguments(const CallExpr *Call, const FunctionDecl *Callee);

private:
  /// Records that the value of \p E (and any module or callable it is built
  /// from) is kept in the storage \p Sink.
  void flowInto(const Expr *E, const std::string &Sink);
  void alias(const std::string &From, const std::string &To);
  /// A module built by \p Site is kept in \p Sink; a user module's forward
  /// runs when that storage is run.
  void keepConstruction(const Expr *Site, QualType Type,
                        const std::string &Sink);

  GraphBuildContext &Ctx;
};

} // namespace clang::tidy::vmap

#endif
