//===--- CallerModeTest.cpp - A module's mode comes from the caller -------===//
//
// The programs of test/checker/vmapped-path/eval-mode-callers.cpp, run under
// vmap_tidy::vmap: a module put in eval mode by the caller's frame (before a
// lambda that vmaps runs, before a stored vmapped lambda is vmapped, before
// a function that vmaps its parameter is called) runs; the same programs in
// training mode fail with functorch's message, as vmap-tidy reports them.
//
//===----------------------------------------------------------------------===//

#include "VmapAssertions.h"
#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>

using torch::Tensor;
using vmap_tidy::vmap;

namespace {

struct NetImpl : torch::nn::Module {
  NetImpl() { bn = register_module("bn", torch::nn::BatchNorm1d(4)); }
  Tensor forward(const Tensor &x) { return bn(x); }
  torch::nn::BatchNorm1d bn{nullptr};
};
TORCH_MODULE(Net);

template <class F> void run(F f) { f(); }

Tensor batch() { return torch::randn({3, 5, 4}); }

TEST(CallerModeTest, EvalBeforeALambdaThatVmaps) {
  Net net;
  Tensor x = batch(), y;
  net->eval();
  run([&] { y = vmap([&](const Tensor &t) { return net(t); })(x); });
  EXPECT_EQ(y.sizes(), x.sizes());
  net->train();
  EXPECT_TRUE(vmap_tidy::test::throws_vmap_error(
      vmap_tidy::test::kRunningStatsError,
      [&] { run([&] { vmap([&](const Tensor &t) { return net(t); })(x); }); }));
}

TEST(CallerModeTest, StoredLambdaVmappedAfterEval) {
  Net net;
  Tensor x = batch();
  auto fn = [&](const Tensor &t) { return net(t); };
  net->eval();
  EXPECT_EQ(vmap(fn)(x).sizes(), x.sizes());
  net->train();
  EXPECT_TRUE(vmap_tidy::test::throws_vmap_error(
      vmap_tidy::test::kRunningStatsError, [&] { vmap(fn)(x); }));
}

Tensor apply(Net &model, const Tensor &x) {
  return vmap([&](const Tensor &t) { return model(t); })(x);
}

TEST(CallerModeTest, ParameterPutInEvalModeByItsCaller) {
  Net net;
  Tensor x = batch();
  net->eval();
  EXPECT_EQ(apply(net, x).sizes(), x.sizes());
  // The caller that trains (trainStep in the lit test) fails.
  net->train();
  EXPECT_TRUE(vmap_tidy::test::throws_vmap_error(
      vmap_tidy::test::kRunningStatsError, [&] { apply(net, x); }));
  EXPECT_EQ(vmap_tidy::active_functorch_levels(), 0u);
}

} // namespace
