//===--- VmapEntriesTest.cpp - Where vmap starts, and how -----------------===//

#include "GraphTestFixture.h"

namespace clang::tidy::vmap::test {
namespace {

using VmapEntriesTest = GraphTest;
using Strings = std::vector<std::string>;

TEST_F(VmapEntriesTest, RuntimeVmapOfALambda) {
  build(NetModule + R"(
void train(const at::Tensor &x) {
  Net net;
  /*@call*/vmap_tidy::vmap(/*@fn*/[&](const at::Tensor &t) {
    return net(t);
  })(x);
}
)");
  ASSERT_EQ(Graph.Entries.size(), 1u);
  const VmapEntry &E = entryAt("call");
  EXPECT_EQ(E.Message, "vmapped here");
  EXPECT_EQ(E.VmapFunction, "vmap_tidy::vmap");
  // The argument is left out: vmap_tidy::vmap's default, functorch's.
  EXPECT_EQ(E.Randomness, RandomnessMode::Error);
  // `net` is built in train() and never put in eval mode.
  EXPECT_EQ(E.Mode, EntryMode::Training);
  EXPECT_EQ(describe(E.Roots),
            Strings{describe({lambdaKey("fn"), false, at("fn"), ""})});
  EXPECT_EQ(describe(E.Uses), Strings{});
  EXPECT_EQ(E.RequiresVmapLikeCallee, "");
}

TEST_F(VmapEntriesTest, RandomnessArgumentOfTheRuntimeVmap) {
  build(R"(
constexpr auto Shared = vmap_tidy::Randomness::Same;
void f(vmap_tidy::Randomness chosen) {
  auto fn = [](const at::Tensor &t) { return t; };
  /*@same*/vmap_tidy::vmap(fn, {0}, {0}, vmap_tidy::Randomness::Same);
  /*@different*/vmap_tidy::vmap(fn, {0}, {0}, vmap_tidy::Randomness::Different);
  /*@error*/vmap_tidy::vmap(fn, {0}, {0}, vmap_tidy::Randomness::Error);
  /*@constant*/vmap_tidy::vmap(fn, {0}, {0}, Shared);
  /*@chosen*/vmap_tidy::vmap(fn, {0}, {0}, chosen);
}
)");
  ASSERT_EQ(Graph.Entries.size(), 5u);
  EXPECT_EQ(entryAt("same").Randomness, RandomnessMode::Same);
  EXPECT_EQ(entryAt("different").Randomness, RandomnessMode::Different);
  EXPECT_EQ(entryAt("error").Randomness, RandomnessMode::Error);
  EXPECT_EQ(entryAt("constant").Randomness, RandomnessMode::Same);
  EXPECT_EQ(entryAt("chosen").Randomness, RandomnessMode::Unknown);
  for (const VmapEntry &E : Graph.Entries)
    EXPECT_EQ(E.VmapFunction, "vmap_tidy::vmap");
}

TEST_F(VmapEntriesTest, UserVmapHelpers) {
  build(R"(
namespace mine {
enum class Randomness { error, same, different };
template <class F> void vmap(F fn, Randomness r = Randomness::same) {}
template <class F> void vmap2(F fn, Randomness r) {}
} // namespace mine
namespace other {
template <class F> void vmap(F fn, int batch) {}
} // namespace other
namespace tools {
template <class F> void mapBatch(F fn) {}
} // namespace tools
void f(mine::Randomness r) {
  auto fn = [](const at::Tensor &t) { return t; };
  /*@default*/mine::vmap(fn);
  /*@given*/mine::vmap(fn, mine::Randomness::different);
  /*@variable*/mine::vmap2(fn, r);
  /*@none*/other::vmap(fn, 4);
  /*@option*/tools::mapBatch(fn);
}
)",
        VmapGraphOptions{{"tools::mapBatch"}, {}});
  ASSERT_EQ(Graph.Entries.size(), 5u);
  EXPECT_EQ(entryAt("default").VmapFunction, "mine::vmap");
  EXPECT_EQ(entryAt("default").Randomness, RandomnessMode::Same);
  EXPECT_EQ(entryAt("given").Randomness, RandomnessMode::Different);
  // Not named vmap, but it takes a callable: a vmap if its body says so.
  EXPECT_EQ(entryAt("variable").VmapFunction, "mine::vmap2");
  EXPECT_EQ(entryAt("variable").Randomness, RandomnessMode::Unknown);
  EXPECT_NE(entryAt("variable").RequiresVmapLikeCallee, "");
  EXPECT_EQ(entryAt("none").VmapFunction, "other::vmap");
  EXPECT_EQ(entryAt("none").Randomness, RandomnessMode::Unknown);
  EXPECT_EQ(entryAt("option").VmapFunction, "tools::mapBatch");
  EXPECT_EQ(entryAt("option").Randomness, RandomnessMode::Unknown);
}

TEST_F(VmapEntriesTest, HelperThatTakesACallableIsVmapIfItsBodySaysSo) {
  build(R"(
namespace mine {
template <class F> at::Tensor batched(F fn, const at::Tensor &x) {
  at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, 4,
      at::functorch::RandomnessType::Same);
  at::Tensor y = fn(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return y;
}
} // namespace mine
void f(const at::Tensor &x) {
  /*@call*/mine::batched([](const at::Tensor &t) { return t; }, x);
}
)");
  ASSERT_EQ(Graph.Entries.size(), 1u);
  const VmapEntry &E = entryAt("call");
  EXPECT_EQ(E.VmapFunction, "mine::batched");
  // The call passes no randomness: the helper's own region pushes `same`.
  EXPECT_EQ(E.Randomness, RandomnessMode::Same);
  EXPECT_EQ(E.RequiresVmapLikeCallee, *Graph.VmapLikeFunctions.begin());
  EXPECT_EQ(E.RandomnessFrom, E.RequiresVmapLikeCallee);
  EXPECT_EQ(Graph.VmapLikeFunctions.size(), 1u);
}

TEST_F(VmapEntriesTest, HelperRandomnessFromItsRegionOrItsCaller) {
  build(R"(
namespace mine {
using at::functorch::RandomnessType;
using at::functorch::TransformType;
struct Guard {
  explicit Guard(int64_t n)
      : level(at::functorch::initAndPushDynamicLayer(
            TransformType::Vmap, n, RandomnessType::Different)) {}
  ~Guard() { at::functorch::popDynamicLayerAndDeleteMetadata(); }
  int64_t level;
};
template <class F> at::Tensor guarded(F fn, const at::Tensor &x) {
  Guard guard(4);
  return fn(x);
}
template <class F>
at::Tensor chosen(F fn, const at::Tensor &x, RandomnessType r) {
  at::functorch::initAndPushDynamicLayer(TransformType::Vmap, 4, r);
  at::Tensor y = fn(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return y;
}
} // namespace mine
void f(const at::Tensor &x) {
  auto fn = [](const at::Tensor &t) { return t; };
  /*@guarded*/mine::guarded(fn, x);
  /*@same*/mine::chosen(fn, x, mine::RandomnessType::Same);
  /*@variable*/mine::chosen(fn, x, mine::RandomnessType(1 + 1));
}
)");
  ASSERT_EQ(Graph.Entries.size(), 3u);
  EXPECT_EQ(entryAt("guarded").Randomness, RandomnessMode::Different);
  // The caller's argument decides, not the helper's parameter.
  EXPECT_EQ(entryAt("same").Randomness, RandomnessMode::Same);
  EXPECT_EQ(entryAt("same").RandomnessFrom, "");
  EXPECT_EQ(entryAt("variable").Randomness, RandomnessMode::Different);
}

/// A helper defined in one file, called in another: the project summary
/// joins them.
TEST(HelperRandomnessAcrossFiles, MergeResolvesInEitherOrder) {
  VmapGraph Helper;
  Helper.VmapLikeFunctions.insert("c:@F@helper#");
  Helper.addHelperRandomness("c:@F@helper#", RandomnessMode::Different);
  VmapGraph Caller;
  VmapEntry E;
  E.Site = {"/src/b.cpp", 3, 1};
  E.Message = "vmapped here";
  E.RandomnessFrom = "c:@F@helper#";
  Caller.Entries.push_back(E);
  Caller.resolveHelperRandomness();
  EXPECT_EQ(Caller.Entries[0].Randomness, RandomnessMode::Unknown);

  VmapGraph CallerFirst = Caller;
  CallerFirst.merge(Helper);
  EXPECT_EQ(CallerFirst.Entries[0].Randomness, RandomnessMode::Different);
  VmapGraph HelperFirst = Helper;
  HelperFirst.merge(Caller);
  EXPECT_EQ(HelperFirst.Entries[0].Randomness, RandomnessMode::Different);

  // Two definitions that disagree (an ODR violation, or two helpers of one
  // name in different programs): not known.
  VmapGraph Other;
  Other.addHelperRandomness("c:@F@helper#", RandomnessMode::Same);
  VmapGraph Both = Caller;
  Both.merge(Helper);
  Both.Entries[0].Randomness = RandomnessMode::Unknown;
  Both.merge(Other);
  EXPECT_EQ(Both.HelperRandomness.at("c:@F@helper#"), RandomnessMode::Unknown);
  EXPECT_EQ(Both.Entries[0].Randomness, RandomnessMode::Unknown);
}

TEST_F(VmapEntriesTest, RawFunctorchRegions) {
  build(NetModule + R"(
void run(const at::Tensor &x, at::functorch::RandomnessType chosen,
         std::optional<at::functorch::RandomnessType> maybe) {
  Net net;
  /*@different*/at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, 4,
      at::functorch::RandomnessType::Different);
  /*@use*/net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  /*@default*/at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, 4);
  net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  /*@chosen*/at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, 4, chosen);
  net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  /*@optional*/at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, 4, maybe);
  net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  /*@explicit*/at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, 4,
      std::optional<at::functorch::RandomnessType>(
          at::functorch::RandomnessType::Same));
  net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  /*@nullopt*/at::functorch::initAndPushDynamicLayer(
      at::functorch::TransformType::Vmap, 4, std::nullopt);
  net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
  at::functorch::initAndPushDynamicLayer(at::functorch::TransformType::Grad);
  net(x);
  at::functorch::popDynamicLayerAndDeleteMetadata();
}
)");
  ASSERT_EQ(Graph.Entries.size(), 6u);
  const VmapEntry &E = entryAt("different");
  EXPECT_EQ(E.Message, "vmapped region starts here");
  EXPECT_EQ(E.VmapFunction, "at::functorch::initAndPushDynamicLayer");
  EXPECT_EQ(E.Randomness, RandomnessMode::Different);
  EXPECT_EQ(E.Mode, EntryMode::Training);
  EXPECT_EQ(describe(E.Roots),
            Strings{describe({key("NetImpl::forward"), false, at("use"),
                              "which calls 'NetImpl::forward'"})});
  EXPECT_EQ(describe(E.Uses),
            Strings{describe({key("net"), at("use"), "net"})});
  // No randomness argument: functorch's default.
  EXPECT_EQ(entryAt("default").Randomness, RandomnessMode::Error);
  EXPECT_EQ(entryAt("chosen").Randomness, RandomnessMode::Unknown);
  EXPECT_EQ(entryAt("optional").Randomness, RandomnessMode::Unknown);
  EXPECT_EQ(entryAt("explicit").Randomness, RandomnessMode::Same);
  EXPECT_EQ(entryAt("nullopt").Randomness, RandomnessMode::Error);
}

TEST_F(VmapEntriesTest, GuardObjectRegion) {
  build(NetModule + R"(
struct Level {
  explicit Level(int64_t batch)
      : id(at::functorch::initAndPushDynamicLayer(
            at::functorch::TransformType::Vmap, batch,
            at::functorch::RandomnessType::Same)) {}
  ~Level() { at::functorch::popDynamicLayerAndDeleteMetadata(); }
  int64_t id;
};
void run(Net &net, const at::Tensor &x) {
  Level /*@guard*/level(4);
  net(x);
}
)");
  ASSERT_EQ(Graph.Entries.size(), 1u);
  const VmapEntry &E = entryAt("guard");
  EXPECT_EQ(E.VmapFunction, "at::functorch::initAndPushDynamicLayer");
  EXPECT_EQ(E.Randomness, RandomnessMode::Same);
  // `net` is a parameter: its mode is not known here.
  EXPECT_EQ(E.Mode, EntryMode::Unknown);
  EXPECT_EQ(E.ModeSubject, "net");
}

TEST_F(VmapEntriesTest, FunctionsMarkedAsVmapped) {
  build(R"(
[[clang::annotate("vmap_tidy::vmapped")]] void /*@annotated*/step() {}
namespace thirdparty {
void /*@listed*/batchedStep() {}
} // namespace thirdparty
)",
        VmapGraphOptions{{}, {"thirdparty::batchedStep"}});
  ASSERT_EQ(Graph.Entries.size(), 2u);
  const VmapEntry &Annotated = entryAt("annotated");
  EXPECT_EQ(Annotated.Message, "'step' is marked as vmapped here");
  EXPECT_EQ(Annotated.VmapFunction, "vmap_tidy::vmapped");
  EXPECT_EQ(Annotated.Randomness, RandomnessMode::Unknown);
  EXPECT_EQ(Annotated.Mode, EntryMode::Training);
  EXPECT_EQ(describe(Annotated.Roots),
            Strings{describe({key("step"), false, at("annotated"), ""})});
  const VmapEntry &Listed = entryAt("listed");
  EXPECT_EQ(Listed.Message, "'thirdparty::batchedStep' runs under vmap (option "
                            "VmappedFunctions)");
  EXPECT_EQ(Listed.VmapFunction, "VmappedFunctions");
  EXPECT_EQ(Listed.Randomness, RandomnessMode::Unknown);
}

TEST_F(VmapEntriesTest, TrainingModeAtTheCall) {
  build(NetModule + R"(
void f(const at::Tensor &x, bool cond, Net given) {
  auto fn = [](const at::Tensor &t) { return t; };
  Net evaluated;
  evaluated->eval();
  /*@eval*/vmap_tidy::vmap([&](const at::Tensor &t) { return evaluated(t); });
  Net branch;
  if (cond)
    branch->eval();
  /*@branch*/vmap_tidy::vmap([&](const at::Tensor &t) { return branch(t); });
  /*@given*/vmap_tidy::vmap([&](const at::Tensor &t) { return given(t); });
}
)");
  EXPECT_EQ(entryAt("eval").Mode, EntryMode::Eval);
  EXPECT_EQ(entryAt("branch").Mode, EntryMode::Training);
  EXPECT_EQ(entryAt("given").Mode, EntryMode::Unknown);
  EXPECT_EQ(entryAt("given").ModeSubject, "given");
}

TEST_F(VmapEntriesTest, EvalModeFixFacts) {
  build(NetModule + R"(
at::Tensor f(const at::Tensor &x) {
  Net net;
  return /*@call*/vmap_tidy::vmap(net)(x);
}
)");
  const VmapEntry &E = entryAt("call");
  EXPECT_EQ(E.Fix.EvalModule, "*net");
  GraphSite Net = at("call"), End = at("call");
  Net.Column += std::string("vmap_tidy::vmap(").size();
  End.Column += std::string("vmap_tidy::vmap(net)").size();
  EXPECT_EQ(E.Fix.CallEnd, End);
  EXPECT_FALSE(E.Fix.ReturnsVoid);
  // The line after `#include <torch_stub.h>`.
  EXPECT_EQ(E.Fix.IncludeAt, (GraphSite{at("call").File, 2, 1}));
  // A module handed to vmap directly: vmap runs its forward.
  EXPECT_EQ(describe(E.Uses), Strings{describe({key("net"), Net, "net"})});
  EXPECT_EQ(describe(E.Roots),
            Strings{describe({key("NetImpl::forward"), false, Net,
                              "which calls 'NetImpl::forward'"})});
}

} // namespace
} // namespace clang::tidy::vmap::test
