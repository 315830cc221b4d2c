//===--- ReachabilityTest.cpp - How vmap reaches a module -----------------===//

#include "GraphTestFixture.h"

namespace clang::tidy::vmap::test {
namespace {

using ReachabilityTest = GraphTest;
using Strings = std::vector<std::string>;

std::string step(const GraphSite &Site, llvm::StringRef Message) {
  return Site.str() + " " + Message.str();
}

TEST_F(ReachabilityTest, FromTheVmapCallToTheBatchNorm) {
  build(NetModule + R"(
void train(const at::Tensor &x) {
  Net net;
  /*@call*/vmap_tidy::vmap([&](const at::Tensor &t) {
    return /*@run*/net(t);
  })(x);
}
)");
  VmapReachability Reach(Graph, ReachOptions{});
  std::optional<VmapPath> Path = Reach.pathToConstruction(constructionAt("bn"));
  ASSERT_TRUE(Path);
  EXPECT_EQ(Path->Entry, &Graph.Entries[0]);
  EXPECT_EQ(describe(*Path),
            (Strings{step(at("call"), "vmapped here"),
                     step(at("run"), "which calls 'NetImpl::forward'"),
                     step(at("forward"), "which runs 'bn' under vmap")}));
  std::optional<VmapPath> ToNet = Reach.pathToStorage(key("net"));
  ASSERT_TRUE(ToNet);
  EXPECT_EQ(describe(*ToNet),
            (Strings{step(at("call"), "vmapped here"),
                     step(at("run"), "which runs 'net' under vmap")}));
}

TEST_F(ReachabilityTest, EvalModeAtTheCallIsNotReported) {
  build(NetModule + R"(
void infer(const at::Tensor &x) {
  Net net;
  net->eval();
  vmap_tidy::vmap([&](const at::Tensor &t) { return net(t); })(x);
}
)");
  ASSERT_EQ(Graph.Entries.size(), 1u);
  EXPECT_EQ(Graph.Entries[0].Mode, EntryMode::Eval);
  VmapReachability Reach(Graph, ReachOptions{});
  EXPECT_FALSE(Reach.pathToConstruction(constructionAt("bn")));
}

TEST_F(ReachabilityTest, UnknownModeFollowsAssumeTraining) {
  build(NetModule + R"(
void run(Net &net, const at::Tensor &x) {
  /*@call*/vmap_tidy::vmap(net)(x);
}
)");
  ReachOptions Assume;
  Assume.AssumeTraining = true;
  std::optional<VmapPath> Path =
      VmapReachability(Graph, Assume).pathToConstruction(constructionAt("bn"));
  ASSERT_TRUE(Path);
  GraphSite Net = at("call");
  Net.Column += std::string("vmap_tidy::vmap(").size();
  EXPECT_EQ(describe(*Path),
            (Strings{step(at("call"), "vmapped here"),
                     step(at("call"), "the training mode of 'net' is not known "
                                      "here; assuming training mode (option "
                                      "AssumeTraining)"),
                     step(Net, "which calls 'NetImpl::forward'"),
                     step(at("forward"), "which runs 'bn' under vmap")}));
  ReachOptions DoNotAssume;
  DoNotAssume.AssumeTraining = false;
  EXPECT_FALSE(VmapReachability(Graph, DoNotAssume)
                   .pathToConstruction(constructionAt("bn")));
}

TEST_F(ReachabilityTest, NoVmapNoPath) {
  build(NetModule + R"(
at::Tensor run(const at::Tensor &x) {
  Net net;
  return net(x);
}
)");
  EXPECT_TRUE(Graph.Entries.empty());
  VmapReachability Reach(Graph, ReachOptions{});
  EXPECT_FALSE(Reach.pathToConstruction(constructionAt("bn")));
  EXPECT_FALSE(Reach.pathToStorage(key("NetImpl::bn")));
}

TEST_F(ReachabilityTest, HelperIsAVmapOnlyIfItHoldsARegion) {
  build(NetModule + R"(
template <class F> at::Tensor batched(F fn, const at::Tensor &x) {
  at::functorch::initAndPushDynamicLayer(at::functorch::TransformType::Vmap);
  at::Tensor y = fn(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return y;
}
template <class F> at::Tensor looped(F fn, const at::Tensor &x) {
  return fn(x);
}
void train(const at::Tensor &x) {
  Net a;
  /*@batched*/batched([&](const at::Tensor &t) { return a(t); }, x);
  Net b;
  looped([&](const at::Tensor &t) { return b(t); }, x);
}
)");
  ASSERT_EQ(Graph.Entries.size(), 2u);
  VmapReachability Reach(Graph, ReachOptions{});
  std::optional<VmapPath> ToA = Reach.pathToStorage(key("a"));
  ASSERT_TRUE(ToA);
  EXPECT_EQ(ToA->Entry->Site, at("batched"));
  EXPECT_EQ(ToA->Entry->VmapFunction, "batched");
  EXPECT_FALSE(Reach.pathToStorage(key("b")));
}

TEST_F(ReachabilityTest, VirtualCallsReachEveryOverride) {
  build(NetModule + R"(
struct Step {
  virtual at::Tensor run(const at::Tensor &x) = 0;
};
struct NetStep : Step {
  at::Tensor run(const at::Tensor &x) override { return net(x); }
  Net net;
};
void train(Step &step, const at::Tensor &x) {
  /*@call*/vmap_tidy::vmap([&](const at::Tensor &t) {
    return /*@virtual*/step.run(t);
  })(x);
}
)");
  std::optional<VmapPath> Path = VmapReachability(Graph, ReachOptions{})
                                     .pathToStorage(key("NetStep::net"));
  ASSERT_TRUE(Path);
  ASSERT_GE(Path->Steps.size(), 2u);
  EXPECT_EQ(Path->Steps[1].Site, at("virtual"));
  EXPECT_EQ(Path->Steps[1].Message,
            "which calls 'NetStep::run' (a virtual call)");
}

} // namespace
} // namespace clang::tidy::vmap::test
