//===--- CallEdgesTest.cpp - What function bodies call and read -----------===//

#include "GraphTestFixture.h"

namespace clang::tidy::vmap::test {
namespace {

using CallEdgesTest = GraphTest;

TEST_F(CallEdgesTest, DirectCallsOfUserFunctionsOncePerCallee) {
  build(R"(
int helper();
int caller() { return /*@first*/helper() + helper(); }
)");
  EXPECT_EQ(describe(function("caller").Calls),
            std::vector<std::string>{describe(
                {key("helper"), false, at("first"), "which calls 'helper'"})});
  EXPECT_EQ(function("caller").Name, "caller");
}

TEST_F(CallEdgesTest, LibraryCallsAreNotEdges) {
  build(R"(
void caller() { at::functorch::popDynamicLayerAndDeleteMetadata(); }
)");
  EXPECT_EQ(Graph.Functions.count(key("caller")), 0u);
}

TEST_F(CallEdgesTest, RunningAModuleCallsItsForward) {
  build(R"(
struct NetImpl : torch::nn::Module {
  at::Tensor forward(const at::Tensor &x);
};
TORCH_MODULE(Net);
at::Tensor run(Net net, const at::Tensor &x) { return /*@call*/net(x); }
)");
  const FunctionFacts &Run = function("run");
  EXPECT_EQ(describe(Run.Calls),
            std::vector<std::string>{
                describe({key("NetImpl::forward"), false, at("call"),
                          "which calls 'NetImpl::forward'"})});
  EXPECT_EQ(describe(Run.Uses), std::vector<std::string>{describe(
                                    {paramKey("run", 0), at("call"), "net"})});
}

TEST_F(CallEdgesTest, StdFunctionCallsWhatIsStoredInIt) {
  build(R"(
void run(std::function<void()> step) { /*@call*/step(); }
)");
  EXPECT_EQ(describe(function("run").Calls),
            std::vector<std::string>{
                describe({paramKey("run", 0), true, at("call"),
                          "which calls the function stored in 'step'"})});
}

TEST_F(CallEdgesTest, ConstructionCallsTheUserConstructor) {
  build(R"(
struct Helper { Helper(); };
void make() { Helper /*@h*/h; }
)");
  ASSERT_EQ(function("make").Calls.size(), 1u);
  const CallEdge &Edge = function("make").Calls[0];
  EXPECT_EQ(Edge.Message, "which constructs 'Helper'");
  EXPECT_FALSE(Edge.ThroughStorage);
  EXPECT_EQ(Edge.Site, at("h"));
}

TEST_F(CallEdgesTest, OverridersAreRecorded) {
  build(R"(
struct Base { virtual void step(); };
struct Derived : Base { void step() override; };
)");
  EXPECT_EQ(Graph.Overriders,
            (std::map<std::string, std::set<std::string>>{
                {key("Base::step"), {key("Derived::step")}}}));
}

} // namespace
} // namespace clang::tidy::vmap::test
