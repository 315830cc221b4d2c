//===--- FindingsByLocation.h - What a rule saw, grouped by where ---------===//
//
// A rule records its matches during the traversal and reports at the end of
// the translation unit. Code in a template is matched once per
// instantiation (and in a macro once per expansion of the same text): the
// records are grouped by the file location they are reported at, so each is
// reported once, and kept in source order.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_CHECKER_FINDINGSBYLOCATION_H
#define VMAP_TIDY_CHECKER_FINDINGSBYLOCATION_H

#include "clang/Basic/SourceManager.h"
#include <map>
#include <vector>

namespace clang::tidy::vmap {

template <typename Finding> class FindingsByLocation {
  using Groups = std::map<SourceLocation::UIntTy, std::vector<Finding>>;

public:
  /// Records \p F, seen at \p Loc (its file location groups it).
  void add(const SourceManager &SM, SourceLocation Loc, Finding F) {
    ByLocation[SM.getFileLoc(Loc).getRawEncoding()].push_back(std::move(F));
  }
  bool empty() const { return ByLocation.empty(); }
  void clear() { ByLocation.clear(); }
  /// (location, the findings seen there) pairs, in source order.
  typename Groups::iterator begin() { return ByLocation.begin(); }
  typename Groups::iterator end() { return ByLocation.end(); }

private:
  Groups ByLocation;
};

} // namespace clang::tidy::vmap

#endif
