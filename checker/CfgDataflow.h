//===--- CfgDataflow.h - Forward data-flow over one function's CFG --------===//
//
// The CFG of one function body, built once with the block of each statement,
// and a forward data-flow over it run to a fixed point: a state at each
// block's entry, the analysis' join where paths meet and its transfer over
// each statement element. The training-mode analysis and the
// running-statistics evaluator are both such analyses.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_CFGDATAFLOW_H
#define VMAP_TIDY_CHECKER_CFGDATAFLOW_H

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/CFGStmtMap.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/PostOrderIterator.h"
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace clang::tidy::vmap {

/// A program point: just before element \c Index of \c Block.
struct CfgPoint {
  const CFGBlock *Block;
  unsigned Index;
};

class FunctionCfg {
public:
  FunctionCfg(const Decl *Owner, const Stmt *Body, ASTContext &Context,
              const CFG::BuildOptions &Options)
      : Graph(
            CFG::buildCFG(Owner, const_cast<Stmt *>(Body), &Context, Options)) {
    if (!Graph)
      return;
    // CFGStmtMap looks up the parents of statements that are no element.
    Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
    Blocks.reset(CFGStmtMap::Build(Graph.get(), Parents.get()));
    // CFGBlockSet skips the null successors of pruned edges.
    PostOrderCFGView::CFGBlockSet Visited(Graph.get());
    PostOrder.resize(Graph->getNumBlockIDs());
    unsigned Number = 0;
    for (const CFGBlock *Block :
         llvm::make_range(llvm::po_ext_begin(Graph.get(), Visited),
                          llvm::po_ext_end(Graph.get(), Visited)))
      PostOrder[Block->getBlockID()] = ++Number;
  }

  /// The point where \p S is evaluated, when \p S is an element of the CFG
  /// (none when clang cannot build one).
  std::optional<CfgPoint> pointOf(const Stmt *S) const {
    // For a statement that is no element, CFGStmtMap answers the block of
    // an enclosing one; only an element of that block is a point.
    const CFGBlock *Block = Blocks ? Blocks->getBlock(S) : nullptr;
    for (unsigned I = 0; Block && I < Block->size(); ++I)
      if (auto Element = (*Block)[I].getAs<CFGStmt>();
          Element && Element->getStmt() == S)
        return CfgPoint{Block, I};
    return std::nullopt;
  }

  /// The state just before \p At of a forward data-flow run to its fixed
  /// point: \p Initial at the entry, `Join(Into, From)` merging paths (true
  /// when \c Into changed), `Transfer(State, S)` for each statement. A point
  /// in unreached code starts from \p Unreached. \p At comes from pointOf.
  template <typename State, typename JoinFn, typename TransferFn>
  State stateBefore(CfgPoint At, State Initial, const State &Unreached,
                    JoinFn Join, TransferFn Transfer) const {
    auto Run = [&](const CFGBlock &Block, State S, unsigned Limit) {
      for (unsigned I = 0; I < Limit; ++I)
        if (auto Element = Block[I].getAs<CFGStmt>())
          Transfer(S, Element->getStmt());
      return S;
    };
    std::vector<std::optional<State>> In(Graph->getNumBlockIDs());
    std::vector<unsigned> Pass(Graph->getNumBlockIDs());
    DataflowWorklistBase<PassOrder, 20> Worklist(*Graph,
                                                 PassOrder{&PostOrder, &Pass});
    In[Graph->getEntry().getBlockID()] = std::move(Initial);
    Worklist.enqueueBlock(&Graph->getEntry());
    while (const CFGBlock *Block = Worklist.dequeue()) {
      State Out = Run(*Block, *In[Block->getBlockID()], Block->size());
      for (const CFGBlock *Succ : Block->succs()) {
        if (!Succ)
          continue;
        std::optional<State> &SuccIn = In[Succ->getBlockID()];
        if (!SuccIn)
          SuccIn = Out;
        else if (!Join(*SuccIn, Out))
          continue;
        // A block at or before this one in the order waits for the next
        // pass. (If it is queued already, it is for that same pass.)
        Pass[Succ->getBlockID()] =
            Pass[Block->getBlockID()] +
            (PostOrder[Succ->getBlockID()] >= PostOrder[Block->getBlockID()]);
        Worklist.enqueueBlock(Succ);
      }
    }
    const std::optional<State> &AtIn = In[At.Block->getBlockID()];
    return Run(*At.Block, AtIn ? *AtIn : Unreached, At.Index);
  }

private:
  /// Dequeues blocks in the order of passes over the reverse post-order
  /// (successors as the CFG lists them): by pass, then by that order. A join
  /// may keep the first of several facts that agree (which flag set the
  /// running statistics), so the order is part of the result; a plain
  /// ForwardDataflowWorklist (loop bodies first, no passes) changes it.
  struct PassOrder {
    const std::vector<unsigned> *PostOrder, *Pass;
    bool operator()(const CFGBlock *L, const CFGBlock *R) const {
      unsigned LI = L->getBlockID(), RI = R->getBlockID();
      return std::make_pair((*Pass)[RI], (*PostOrder)[LI]) <
             std::make_pair((*Pass)[LI], (*PostOrder)[RI]);
    }
  };

  std::unique_ptr<CFG> Graph;
  std::unique_ptr<ParentMap> Parents;
  std::unique_ptr<CFGStmtMap> Blocks;
  /// Each block's post-order number, by block ID.
  std::vector<unsigned> PostOrder;
};

} // namespace clang::tidy::vmap

#endif
