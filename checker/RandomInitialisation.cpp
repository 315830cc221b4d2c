//===--- RandomInitialisation.cpp - Does building this module draw? -------===//

#include "checker/RandomInitialisation.h"
#include "checker/ModuleTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::vmap {

using namespace ast_matchers;

/// LibTorch's modules whose reset() initialises parameters randomly.
static bool isRandomlyInitialisedTorchModule(const CXXRecordDecl *Impl) {
  if (!Impl->getIdentifier() || !isDeclaredInTorchNN(Impl))
    return false;
  return llvm::StringSwitch<bool>(Impl->getName())
      .Cases("LinearImpl", "BilinearImpl", "Conv1dImpl", "Conv2dImpl",
             "Conv3dImpl", true)
      .Cases("ConvTranspose1dImpl", "ConvTranspose2dImpl",
             "ConvTranspose3dImpl", true)
      .Cases("EmbeddingImpl", "EmbeddingBagImpl", true)
      .Cases("RNNImpl", "LSTMImpl", "GRUImpl", "RNNCellImpl", "LSTMCellImpl",
             "GRUCellImpl", true)
      .Cases("MultiheadAttentionImpl", "TransformerImpl",
             "TransformerEncoderLayerImpl", "TransformerDecoderLayerImpl", true)
      .Default(false);
}

bool RandomInitialisation::drawsOnConstruction(const CXXRecordDecl *Impl) {
  return Impl && decide(Impl->getCanonicalDecl(), 0);
}

bool RandomInitialisation::decide(const CXXRecordDecl *Impl, unsigned Depth) {
  if (isRandomlyInitialisedTorchModule(Impl))
    return true;
  if (isDeclaredInTorchNN(Impl) || Depth > 8 || !Impl->hasDefinition())
    return false;
  auto [It, Inserted] = Decided.try_emplace(Impl, false);
  if (!Inserted)
    return It->second;
  bool Draws = false;
  // The modules the user class builds: in its constructors' bodies and
  // member initialisers, and in its fields' default initialisers.
  auto Built = [&](const Stmt *S) {
    for (const BoundNodes &Nodes : match(
             findAll(
                 expr(anyOf(
                          cxxConstructExpr(
                              unless(hasDeclaration(cxxConstructorDecl(anyOf(
                                  isCopyConstructor(), isMoveConstructor()))))),
                          cxxNewExpr(),
                          callExpr(callee(functionDecl(hasAnyName(
                              "::std::make_shared", "::std::make_unique"))))))
                     .bind("e")),
             *S, Context)) {
      const auto *E = Nodes.getNodeAs<Expr>("e");
      // A holder given nullptr or an existing module wraps, it does not
      // build.
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
          Construct && Construct->getNumArgs() > 0) {
        QualType First = Construct->getArg(0)->IgnoreImplicit()->getType();
        if (First->isNullPtrType() || moduleImplOf(First))
          continue;
      }
      const CXXRecordDecl *Module = moduleImplOf(E->getType());
      if (Module && Module->getCanonicalDecl() != Impl &&
          decide(Module->getCanonicalDecl(), Depth + 1))
        return true;
    }
    return false;
  };
  const CXXRecordDecl *Definition = Impl->getDefinition();
  for (const CXXConstructorDecl *Ctor : Definition->ctors()) {
    if (const Stmt *Body = Ctor->getBody(); Body && Built(Body)) {
      Draws = true;
      break;
    }
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getInit() && Built(Init->getInit())) {
        Draws = true;
        break;
      }
    if (Draws)
      break;
  }
  for (const FieldDecl *Field : Definition->fields())
    if (!Draws && Field->hasInClassInitializer() &&
        Field->getInClassInitializer() && Built(Field->getInClassInitializer()))
      Draws = true;
  Decided[Impl] = Draws;
  return Draws;
}

} // namespace clang::tidy::vmap
