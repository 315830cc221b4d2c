//===--- ConstructionRecorder.cpp - Where modules are built ---------------===//

#include "checker/ConstructionRecorder.h"
#include "checker/GraphKeys.h"
#include "checker/ModuleTypes.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::vmap {

void ConstructionRecorder::recordConstruction(const Expr *Site) {
  ConstructionFacts &Facts =
      Ctx.Graph.Constructions[constructionKey(Ctx.SM, Site)];
  if (const FunctionDecl *F = Ctx.current();
      F && !llvm::is_contained(Facts.Function, graphKey(F)))
    Facts.Function.push_back(graphKey(F));
}

void ConstructionRecorder::construct(const CXXConstructExpr *Construct) {
  if (!Construct->getConstructor()->isCopyOrMoveConstructor() &&
      moduleImplOf(Construct->getType()))
    recordConstruction(Construct);
}

void ConstructionRecorder::newExpr(const CXXNewExpr *New) {
  if (moduleImplOf(New->getAllocatedType()))
    recordConstruction(New);
}

void ConstructionRecorder::call(const CallExpr *Call,
                                const FunctionDecl *Callee) {
  if (!Callee || !Callee->getIdentifier())
    return;
  llvm::StringRef Name = Callee->getName();
  if (Callee->isInStdNamespace() &&
      (Name == "make_shared" || Name == "make_unique" ||
       Name == "allocate_shared") &&
      moduleImplOf(Call->getType())) {
    recordConstruction(Call);
    return;
  }
  // `modules.emplace_back(8)` builds the module inside the container.
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Member || !Name.starts_with("emplace") ||
      !cast<Decl>(Callee->getParent())->isInStdNamespace())
    return;
  const auto *Spec =
      dyn_cast<ClassTemplateSpecializationDecl>(Member->getRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      !moduleImplOf(Spec->getTemplateArgs()[0].getAsType()))
    return;
  recordConstruction(Call);
  std::string Container =
      storageKey(storageReferencedBy(Member->getImplicitObjectArgument()));
  if (!Container.empty())
    Ctx.Graph.Constructions[constructionKey(Ctx.SM, Call)].Storage.push_back(
        Container);
}

} // namespace clang::tidy::vmap
