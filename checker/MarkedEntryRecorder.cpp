//===--- MarkedEntryRecorder.cpp - Functions marked as run under vmap -----===//

#include "checker/MarkedEntryRecorder.h"
#include "checker/GraphKeys.h"
#include "clang/AST/Attr.h"

namespace clang::tidy::vmap {

void MarkedEntryRecorder::function(const FunctionDecl *Function) {
  std::string Message, Marker;
  for (const auto *Annotation : Function->specific_attrs<AnnotateAttr>())
    if (Annotation->getAnnotation() == VmappedAnnotation) {
      Message = "'" + displayName(Function) + "' is marked as vmapped here";
      Marker = VmappedAnnotation;
    }
  if (Message.empty() && !Ctx.Options.VmappedFunctions.empty()) {
    std::string Qualified = Function->getQualifiedNameAsString();
    for (llvm::StringRef Name : Ctx.Options.VmappedFunctions) {
      Name.consume_front("::");
      if (Name == Qualified) {
        Message = "'" + displayName(Function) +
                  "' runs under vmap (option VmappedFunctions)";
        Marker = VmappedFunctionsOption;
      }
    }
  }
  if (Message.empty())
    return;
  VmapEntry Entry;
  Entry.Site = graphSite(Ctx.SM, Function->getLocation());
  Entry.Message = std::move(Message);
  Entry.VmapFunction = std::move(Marker);
  Entry.Roots.push_back({graphKey(Function), false, Entry.Site, ""});
  Ctx.Graph.Entries.push_back(std::move(Entry));
}

} // namespace clang::tidy::vmap
