//===--- OverrideRecorder.h - Which methods override which ----------------===//
//
// A virtual call runs whichever override the object has: records, for each
// user method, the methods it overrides.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_OVERRIDERECORDER_H
#define VMAP_TIDY_CHECKER_OVERRIDERECORDER_H

#include "checker/GraphBuildContext.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::vmap {

class OverrideRecorder {
public:
  explicit OverrideRecorder(GraphBuildContext &Ctx) : Ctx(Ctx) {}

  void method(const CXXMethodDecl *Method);

private:
  GraphBuildContext &Ctx;
};

} // namespace clang::tidy::vmap

#endif
