//===--- GraphTestFixture.h - Build a VmapGraph from a snippet ------------===//
//
// Each test builds the graph of a small translation unit that includes the
// LibTorch stand-in (Inputs/torch_stub.h) and names the places it checks
// with markers: `/*@name*/` stands for the token that follows it.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_TEST_CHECKER_ANALYSIS_GRAPHTESTFIXTURE_H
#define VMAP_TIDY_TEST_CHECKER_ANALYSIS_GRAPHTESTFIXTURE_H

#include "checker/VmapGraph.h"
#include "checker/VmapGraphBuilder.h"
#include "clang/Frontend/ASTUnit.h"
#include "gtest/gtest.h"
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace clang::tidy::vmap {

// Readable gtest failures.
void PrintTo(const GraphSite &Site, std::ostream *OS);
void PrintTo(EntryMode Mode, std::ostream *OS);
void PrintTo(RandomnessMode Mode, std::ostream *OS);

namespace test {

/// "target [storage] @file:line:col 'message'": one line per edge, so that
/// lists of edges compare (and print) as lists of strings.
std::string describe(const CallEdge &E);
std::string describe(const UseEdge &E);
std::vector<std::string> describe(const std::vector<CallEdge> &Edges);
std::vector<std::string> describe(const std::vector<UseEdge> &Edges);
/// "file:line:col message" per step.
std::vector<std::string> describe(const VmapPath &Path);

/// A user module `Net` that runs a BatchNorm2d `bn` built in its
/// constructor, for snippets to start with.
inline constexpr llvm::StringLiteral NetModule = R"(
struct NetImpl : torch::nn::Module {
  NetImpl() : bn(register_module("bn", /*@bn*/torch::nn::BatchNorm2d(8))) {}
  at::Tensor forward(const at::Tensor &x) { return /*@forward*/bn(x); }
  torch::nn::BatchNorm2d bn;
};
TORCH_MODULE(Net);
)";

class GraphTest : public ::testing::Test {
protected:
  /// Builds the graph of `#include <torch_stub.h>` followed by \p Code;
  /// fails the test when it does not compile.
  const VmapGraph &build(const llvm::Twine &Code,
                         const VmapGraphOptions &Options = {});

  /// The place of the token after the marker `/*@Name*/`.
  GraphSite at(llvm::StringRef Name) const;
  /// The graph key of the function, variable, field or class named
  /// \p QualifiedName; for a function, its definition (or an instantiation
  /// of it).
  std::string key(llvm::StringRef QualifiedName) const;
  /// The graph key of parameter \p Index of \p Function.
  std::string paramKey(llvm::StringRef Function, unsigned Index) const;
  /// The graph key of the call operator of the lambda at marker \p Name.
  std::string lambdaKey(llvm::StringRef Name) const;
  /// The graph key of the module construction at marker \p Name.
  std::string constructionAt(llvm::StringRef Name) const {
    return at(Name).str();
  }

  /// The entry that starts at marker \p Name; fails the test if none.
  const VmapEntry &entryAt(llvm::StringRef Name) const;
  const FunctionFacts &function(llvm::StringRef QualifiedName) const;
  const StorageFacts &storage(const std::string &Key) const;

  std::unique_ptr<ASTUnit> AST;
  VmapGraph Graph;
  std::string Code;
};

} // namespace test
} // namespace clang::tidy::vmap

#endif
