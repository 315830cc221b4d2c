//===--- CallSiteIndex.cpp - Where the user's functions are called --------===//

#include "checker/CallSiteIndex.h"
#include "checker/CodeOwnership.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::vmap {

struct CallSiteCollector : RecursiveASTVisitor<CallSiteCollector> {
  CallSiteIndex &Index;
  explicit CallSiteCollector(CallSiteIndex &Index) : Index(Index) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Namespaces hold both; anything else in library code is skipped whole.
    if (D && !isa<TranslationUnitDecl, NamespaceDecl, LinkageSpecDecl>(D) &&
        !isUserCode(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      Index.Calls[Callee->getCanonicalDecl()].push_back(Call);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    Index.Lambdas.try_emplace(Lambda->getLambdaClass(), Lambda);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    const CXXRecordDecl *Class =
        Var ? Var->getType().getNonReferenceType()->getAsCXXRecordDecl()
            : nullptr;
    if (Class && Class->isLambda() && Var->hasLocalStorage())
      Index.LambdaVariableUses[Var].push_back(Ref);
    return true;
  }
};

void CallSiteIndex::build() {
  if (Built)
    return;
  Built = true;
  CallSiteCollector(*this).TraverseDecl(Context.getTranslationUnitDecl());
}

llvm::ArrayRef<const CallExpr *> CallSiteIndex::callsOf(const FunctionDecl *F) {
  build();
  auto It = Calls.find(F->getCanonicalDecl());
  return It == Calls.end() ? llvm::ArrayRef<const CallExpr *>() : It->second;
}

const LambdaExpr *CallSiteIndex::lambdaOf(const CXXRecordDecl *Class) {
  build();
  return Lambdas.lookup(Class);
}

llvm::ArrayRef<const DeclRefExpr *>
CallSiteIndex::usesOfLambdaVariable(const VarDecl *Var) {
  build();
  auto It = LambdaVariableUses.find(Var);
  return It == LambdaVariableUses.end() ? llvm::ArrayRef<const DeclRefExpr *>()
                                        : It->second;
}

} // namespace clang::tidy::vmap
