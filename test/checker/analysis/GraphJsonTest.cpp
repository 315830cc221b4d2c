//===--- GraphJsonTest.cpp - Project summaries: a graph as JSON -----------===//

#include "GraphTestFixture.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::vmap::test {
namespace {

using GraphJsonTest = GraphTest;

std::optional<VmapGraph> roundTrip(const VmapGraph &G, std::string &Error) {
  std::string Text;
  llvm::raw_string_ostream(Text) << G.toJSON();
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed) {
    Error = llvm::toString(Parsed.takeError());
    return std::nullopt;
  }
  return VmapGraph::fromJSON(*Parsed, Error);
}

TEST_F(GraphJsonTest, BuiltGraphRoundTrips) {
  build(NetModule + R"(
at::Tensor train(const at::Tensor &x) {
  Net net;
  auto y = /*@call*/vmap_tidy::vmap(net, {0}, {0},
                                    vmap_tidy::Randomness::Different)(x);
  at::functorch::initAndPushDynamicLayer(at::functorch::TransformType::Vmap);
  net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return y;
}
)");
  ASSERT_EQ(Graph.Entries.size(), 2u);
  std::string Error;
  std::optional<VmapGraph> Read = roundTrip(Graph, Error);
  ASSERT_TRUE(Read) << Error;
  EXPECT_EQ(Read->toJSON(), Graph.toJSON());
  ASSERT_EQ(Read->Entries.size(), 2u);
  for (unsigned I = 0; I < 2; ++I) {
    const VmapEntry &Built = Graph.Entries[I], &Back = Read->Entries[I];
    EXPECT_EQ(Back.Site, Built.Site);
    EXPECT_EQ(Back.VmapFunction, Built.VmapFunction);
    EXPECT_EQ(Back.Randomness, Built.Randomness);
    EXPECT_EQ(Back.Mode, Built.Mode);
    EXPECT_EQ(Back.Fix.EvalModule, Built.Fix.EvalModule);
    EXPECT_EQ(Back.Fix.CallEnd, Built.Fix.CallEnd);
    EXPECT_EQ(Back.Fix.ReturnsVoid, Built.Fix.ReturnsVoid);
    EXPECT_EQ(Back.Fix.IncludeAt, Built.Fix.IncludeAt);
    EXPECT_EQ(describe(Back.Roots), describe(Built.Roots));
    EXPECT_EQ(describe(Back.Uses), describe(Built.Uses));
  }
  const VmapEntry &Call = entryAt("call");
  EXPECT_EQ(Call.VmapFunction, "vmap_tidy::vmap");
  EXPECT_EQ(Call.Randomness, RandomnessMode::Different);
  EXPECT_EQ(Call.Fix.EvalModule, "*net");
  EXPECT_EQ(Graph.Entries[1].VmapFunction,
            "at::functorch::initAndPushDynamicLayer");
  EXPECT_EQ(Graph.Entries[1].Randomness, RandomnessMode::Error);
}

/// One entry per randomness mode, with every field set.
VmapGraph entriesOfEachRandomness() {
  VmapGraph G;
  for (RandomnessMode Mode :
       {RandomnessMode::Error, RandomnessMode::Same, RandomnessMode::Different,
        RandomnessMode::Unknown}) {
    VmapEntry E;
    unsigned Line = G.Entries.size() + 1;
    E.Site = {"/src/a.cpp", Line, 3};
    E.Message = "vmapped here";
    E.VmapFunction = "ns::vmap" + std::to_string(Line);
    E.Randomness = Mode;
    E.Roots.push_back({"c:@F@f#", false, {"/src/a.cpp", Line, 9}, "m"});
    E.Uses.push_back({"c:@net", {"/src/a.cpp", Line, 12}, "net"});
    E.Mode = EntryMode::Unknown;
    E.ModeSubject = "net";
    E.Fix = {
        {"/src/a.cpp", Line, 20}, "*net", Line % 2 == 0, {"/src/a.cpp", 2, 1}};
    E.RequiresVmapLikeCallee = "c:@F@helper#";
    E.RandomnessFrom = "c:@F@helper#";
    G.Entries.push_back(std::move(E));
  }
  G.HelperRandomness["c:@F@helper#"] = RandomnessMode::Unknown;
  G.HelperRandomness["c:@F@other#"] = RandomnessMode::Same;
  return G;
}

TEST(GraphJsonFields, EveryRandomnessAndFixFieldRoundTrips) {
  VmapGraph G = entriesOfEachRandomness();
  std::string Error;
  std::optional<VmapGraph> Read = roundTrip(G, Error);
  ASSERT_TRUE(Read) << Error;
  ASSERT_EQ(Read->Entries.size(), 4u);
  for (unsigned I = 0; I < 4; ++I) {
    const VmapEntry &E = Read->Entries[I];
    EXPECT_EQ(E.Randomness, static_cast<RandomnessMode>(I));
    EXPECT_EQ(E.VmapFunction, "ns::vmap" + std::to_string(I + 1));
    EXPECT_EQ(E.Fix.CallEnd, (GraphSite{"/src/a.cpp", I + 1, 20}));
    EXPECT_EQ(E.Fix.EvalModule, "*net");
    EXPECT_EQ(E.Fix.ReturnsVoid, (I + 1) % 2 == 0);
    EXPECT_EQ(E.Fix.IncludeAt, (GraphSite{"/src/a.cpp", 2, 1}));
    EXPECT_EQ(E.RequiresVmapLikeCallee, "c:@F@helper#");
    EXPECT_EQ(E.RandomnessFrom, "c:@F@helper#");
  }
  EXPECT_EQ(Read->HelperRandomness, G.HelperRandomness);
  llvm::json::Value JSON = G.toJSON();
  const llvm::json::Object &First =
      *JSON.getAsObject()->getArray("entries")->front().getAsObject();
  EXPECT_EQ(First.getString("randomness"),
            std::optional<llvm::StringRef>("error"));
  EXPECT_EQ(First.getString("vmapFunction"),
            std::optional<llvm::StringRef>("ns::vmap1"));
}

TEST(GraphJsonFields, SummaryWithoutTheNewFieldsStillReads) {
  llvm::json::Value JSON = entriesOfEachRandomness().toJSON();
  for (llvm::json::Value &Entry : *JSON.getAsObject()->getArray("entries")) {
    Entry.getAsObject()->erase("vmapFunction");
    Entry.getAsObject()->erase("randomness");
    Entry.getAsObject()->erase("randomnessFrom");
  }
  JSON.getAsObject()->erase("helperRandomness");
  std::string Error;
  std::optional<VmapGraph> Read = VmapGraph::fromJSON(JSON, Error);
  ASSERT_TRUE(Read) << Error;
  ASSERT_EQ(Read->Entries.size(), 4u);
  for (const VmapEntry &E : Read->Entries) {
    EXPECT_EQ(E.VmapFunction, "");
    EXPECT_EQ(E.Randomness, RandomnessMode::Unknown);
    EXPECT_EQ(E.RandomnessFrom, "");
    EXPECT_EQ(E.Fix.EvalModule, "*net");
  }
  EXPECT_TRUE(Read->HelperRandomness.empty());
}

TEST(GraphJsonFields, UnknownRandomnessIsAnError) {
  llvm::json::Value JSON = entriesOfEachRandomness().toJSON();
  (*(*JSON.getAsObject()->getArray("entries"))[1].getAsObject())["randomness"] =
      "sometimes";
  std::string Error;
  EXPECT_FALSE(VmapGraph::fromJSON(JSON, Error));
  EXPECT_EQ(Error, "unknown randomness 'sometimes'");
}

} // namespace
} // namespace clang::tidy::vmap::test
