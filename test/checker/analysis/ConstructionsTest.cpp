//===--- ConstructionsTest.cpp - Where modules are built ------------------===//

#include "GraphTestFixture.h"

namespace clang::tidy::vmap::test {
namespace {

using ConstructionsTest = GraphTest;
using Strings = std::vector<std::string>;

TEST_F(ConstructionsTest, EachWayToBuildAModule) {
  build(R"(
void f() {
  torch::nn::BatchNorm2d /*@held*/held(4);
  auto shared = /*@shared*/std::make_shared<torch::nn::BatchNorm2dImpl>(4);
  auto *raw = /*@raw*/new /*@impl*/torch::nn::BatchNorm2dImpl(4);
  std::vector<torch::nn::BatchNorm2d> all;
  /*@emplaced*/all.emplace_back(4);
  torch::nn::BatchNorm2d copy = held;
  at::Tensor notAModule;
}
)");
  std::string F = key("f");
  std::map<std::string, ConstructionFacts> Expected{
      // `held(4)`: the construction starts at the variable's name.
      {constructionAt("held"), {{key("held")}, {F}}},
      {constructionAt("shared"), {{key("shared")}, {F}}},
      {constructionAt("raw"), {{key("raw")}, {F}}},
      // The Impl's construction inside `new`, kept nowhere itself.
      {constructionAt("impl"), {{}, {F}}},
      {constructionAt("emplaced"), {{key("all")}, {F}}},
  };
  ASSERT_EQ(Graph.Constructions.size(), Expected.size());
  for (const auto &[Site, Facts] : Expected) {
    ASSERT_EQ(Graph.Constructions.count(Site), 1u) << Site;
    EXPECT_EQ(Graph.Constructions.at(Site).Storage, Facts.Storage) << Site;
    EXPECT_EQ(Graph.Constructions.at(Site).Function, Facts.Function) << Site;
  }
}

TEST_F(ConstructionsTest, OneFunctionPerTemplateInstantiation) {
  build(R"(
template <int N> torch::nn::BatchNorm2d make() {
  return /*@bn*/torch::nn::BatchNorm2d(N);
}
void f() { make<1>(); make<2>(); }
)");
  const ConstructionFacts &Facts = Graph.Constructions.at(constructionAt("bn"));
  EXPECT_EQ(Facts.Function.size(), 2u);
  EXPECT_EQ(Facts.Storage.size(), 2u);
}

TEST_F(ConstructionsTest, NamespaceScopeConstructionHasNoFunction) {
  build(R"(
torch::nn::BatchNorm2d global = /*@bn*/torch::nn::BatchNorm2d(4);
)");
  const ConstructionFacts &Facts = Graph.Constructions.at(constructionAt("bn"));
  EXPECT_EQ(Facts.Function, Strings{});
  EXPECT_EQ(Facts.Storage, Strings{key("global")});
}

} // namespace
} // namespace clang::tidy::vmap::test
