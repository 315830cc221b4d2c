//===--- OverrideRecorder.cpp - Which methods override which --------------===//

#include "checker/OverrideRecorder.h"
#include "checker/CodeOwnership.h"
#include "checker/GraphKeys.h"

namespace clang::tidy::vmap {

void OverrideRecorder::method(const CXXMethodDecl *Method) {
  if (Method->isDependentContext() || !isUserCode(Method))
    return;
  for (const CXXMethodDecl *Overridden : Method->overridden_methods())
    Ctx.Graph.Overriders[graphKey(Overridden)].insert(graphKey(Method));
}

} // namespace clang::tidy::vmap
