//===--- GraphBuildContext.cpp - What the vmap graph's recorders share ----===//

#include "checker/GraphBuildContext.h"
#include "checker/AstNames.h"
#include "checker/GraphKeys.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::vmap {

GraphSite GraphBuildContext::site(const Stmt *S) const {
  return graphSite(SM, S->getBeginLoc());
}

GraphBuildContext::FunctionRecord &
GraphBuildContext::record(const FunctionDecl *F) {
  auto [It, Inserted] = Records.try_emplace(F);
  if (Inserted) {
    It->second.Function = F;
    Order.push_back(F);
  }
  return It->second;
}

void GraphBuildContext::addCall(const Expr *At, CallEdge Edge,
                                bool ViaParameter) {
  record(current()).Calls.push_back(
      {At->getBeginLoc(), std::move(Edge), ViaParameter});
}

void GraphBuildContext::addUse(const Expr *At, const StorageRef &Ref) {
  record(current()).Uses.push_back(
      {At->getBeginLoc(),
       {graphKey(Ref.Decl), site(At), Ref.Decl->getNameAsString()},
       Ref});
}

void GraphBuildContext::writeFunctions() {
  for (const FunctionDecl *F : Order) {
    const FunctionRecord &Record = Records[F];
    FunctionFacts &Facts = Graph.Functions[graphKey(F)];
    Facts.Name = displayName(F);
    for (const RawCall &Call : Record.Calls)
      if (llvm::none_of(Facts.Calls, [&](const CallEdge &E) {
            return E.Target == Call.Edge.Target &&
                   E.ThroughStorage == Call.Edge.ThroughStorage;
          }))
        Facts.Calls.push_back(Call.Edge);
    for (const RawUse &Use : Record.Uses)
      if (llvm::none_of(Facts.Uses, [&](const UseEdge &E) {
            return E.Storage == Use.Edge.Storage;
          }))
        Facts.Uses.push_back(Use.Edge);
  }
}

bool GraphBuildContext::isVmapFunction(const FunctionDecl *F) const {
  if (isNamed(F, "vmap"))
    return true;
  if (Options.VmapFunctions.empty())
    return false;
  std::string Qualified = F->getQualifiedNameAsString();
  for (llvm::StringRef Name : Options.VmapFunctions) {
    Name.consume_front("::");
    if (Name.contains("::") ? Name == Qualified : isNamed(F, Name))
      return true;
  }
  return false;
}

} // namespace clang::tidy::vmap
