//===--- StorageFlowTest.cpp - Where modules and callables are kept -------===//

#include "GraphTestFixture.h"

namespace clang::tidy::vmap::test {
namespace {

using StorageFlowTest = GraphTest;
using Strings = std::vector<std::string>;

TEST_F(StorageFlowTest, HolderCopiesAlias) {
  build(R"(
void f() {
  torch::nn::BatchNorm2d a(4);
  torch::nn::BatchNorm2d b = a;
  torch::nn::BatchNorm2d c = b;
}
)");
  EXPECT_EQ(storage(key("a")).Aliases, Strings{key("b")});
  EXPECT_EQ(storage(key("b")).Aliases, Strings{key("c")});
  EXPECT_EQ(storage(key("c")).Aliases, Strings{});
}

TEST_F(StorageFlowTest, ArgumentsFlowIntoParametersOfUserFunctions) {
  build(R"(
void use(torch::nn::BatchNorm2d m);
void f() {
  torch::nn::BatchNorm2d bn(3);
  use(bn);
  at::Tensor t;
}
)");
  EXPECT_EQ(storage(key("bn")).Aliases, Strings{paramKey("use", 0)});
}

TEST_F(StorageFlowTest, ResultsFlowOutOfFactories) {
  build(R"(
torch::nn::BatchNorm2d makeBn() { return /*@bn*/torch::nn::BatchNorm2d(4); }
void f() { auto bn = makeBn(); }
)");
  std::string Result = "ret@" + key("makeBn");
  EXPECT_EQ(Graph.Constructions.at(constructionAt("bn")).Storage,
            Strings{Result});
  EXPECT_EQ(storage(Result).Aliases, Strings{key("bn")});
}

TEST_F(StorageFlowTest, RegisterModuleKeepsTheModuleInTheField) {
  build(R"(
struct NetImpl : torch::nn::Module {
  NetImpl() : bn(register_module("bn", /*@bn*/torch::nn::BatchNorm2d(8))) {}
  at::Tensor forward(const at::Tensor &x) { return bn(x); }
  torch::nn::BatchNorm2d bn;
};
)");
  EXPECT_EQ(Graph.Constructions.at(constructionAt("bn")).Storage,
            Strings{key("NetImpl::bn")});
  EXPECT_EQ(Graph.Constructions.at(constructionAt("bn")).Function,
            Strings{key("NetImpl::NetImpl")});
}

TEST_F(StorageFlowTest, StoredCallablesAndUserModuleForwards) {
  build(R"(
void helper();
struct NetImpl : torch::nn::Module {
  at::Tensor forward(const at::Tensor &x);
};
TORCH_MODULE(Net);
void f() {
  std::function<void()> step = helper;
  std::function<void()> other = step;
  Net net;
}
)");
  EXPECT_EQ(storage(key("step")).Callables, Strings{key("helper")});
  EXPECT_EQ(storage(key("step")).Aliases, Strings{key("other")});
  const StorageFacts &Net = storage(key("net"));
  ASSERT_EQ(Net.Forwards.size(), 1u);
  EXPECT_EQ(Net.Forwards[0].first, key("NetImpl::forward"));
  EXPECT_EQ(Net.Forwards[0].second, "NetImpl");
}

TEST_F(StorageFlowTest, LambdasStoredInStdFunction) {
  build(R"(
void f() {
  std::function<int(int)> twice = /*@l*/[](int x) { return 2 * x; };
}
)");
  EXPECT_EQ(storage(key("twice")).Callables, Strings{lambdaKey("l")});
}

TEST_F(StorageFlowTest, ContainerInsertionsAndRangeLoops) {
  build(R"(
void f() {
  torch::nn::BatchNorm2d bn(2);
  std::vector<torch::nn::BatchNorm2d> all;
  all.push_back(bn);
  for (auto &each : all)
    (void)each;
}
)");
  EXPECT_EQ(storage(key("bn")).Aliases, Strings{key("all")});
  EXPECT_EQ(storage(key("all")).Aliases, Strings{key("each")});
}

} // namespace
} // namespace clang::tidy::vmap::test
