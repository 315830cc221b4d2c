//===--- HelperTemplatesTest.cpp - Modules built by the project's helpers -===//
//
// The program of test/checker/vmapped-path/reach-helper-templates.cpp, run
// under vmap_tidy::vmap: modules built by helper templates
// (`create_module<Impl>(args...)`, `make_layer<Impl>(opts)`, `block`, which
// passes its options on, and a helper taking the flag) fail under vmap in
// training mode with the options each call passes; with the calls' options
// fixed as vmap-tidy fixes them, each runs and equals a per-member loop.
//
//===----------------------------------------------------------------------===//

#include "VmapAssertions.h"
#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <memory>
#include <utility>

using namespace torch::nn;
using torch::Tensor;
using vmap_tidy::test::fails_under_vmap_with;
using vmap_tidy::test::kRunningStatsError;
using vmap_tidy::test::matches_per_member_loop;

namespace {

template <typename Impl, typename... Args>
ModuleHolder<Impl> create_module(Args &&...args) {
  return ModuleHolder<Impl>(
      std::make_shared<Impl>(std::forward<Args>(args)...));
}

template <typename Impl, typename Options>
std::shared_ptr<Impl> make_layer(const Options &opts) {
  return std::make_shared<Impl>(opts);
}

template <typename Impl, typename Options>
std::shared_ptr<Impl> block(const Options &opts) {
  return make_layer<Impl>(opts);
}

BatchNorm2d norm(bool track) {
  return BatchNorm2d(BatchNorm2dOptions(4).track_running_stats(track));
}

/// Checks that \p flagged fails under vmap and \p fixed runs and equals
/// the per-member loop, both in training mode.
template <typename Module>
void expectFixWorks(Module flagged, Module fixed, const Tensor &x) {
  flagged->train();
  fixed->train();
  EXPECT_TRUE(fails_under_vmap_with(
      kRunningStatsError, [&](const Tensor &t) { return flagged->forward(t); },
      x));
  auto run = [&](const Tensor &t) { return fixed->forward(t); };
  EXPECT_TRUE(matches_per_member_loop(run, run, x));
}

TEST(HelperTemplatesTest, ForwardedOptionsAndTheirFixAtTheCall) {
  Tensor images = torch::randn({3, 2, 4, 5, 5});
  expectFixWorks(
      create_module<BatchNorm2dImpl>(BatchNorm2dOptions(4).momentum(0.2)),
      create_module<BatchNorm2dImpl>(
          BatchNorm2dOptions(4).momentum(0.2).track_running_stats(false)),
      images);
  auto opts = BatchNorm2dOptions(4);
  auto fixedOpts = BatchNorm2dOptions(4).track_running_stats(false);
  expectFixWorks(make_layer<BatchNorm2dImpl>(opts),
                 make_layer<BatchNorm2dImpl>(fixedOpts), images);
  expectFixWorks(norm(true), norm(false), images);
}

TEST(HelperTemplatesTest, ChannelCountThroughAPackBecomesOptions) {
  expectFixWorks(
      create_module<BatchNorm1dImpl>(4),
      create_module<BatchNorm1dImpl>(
          torch::nn::BatchNorm1dOptions(4).track_running_stats(false)),
      torch::randn({3, 2, 4}));
}

TEST(HelperTemplatesTest, OptionsPassedThroughASecondHelper) {
  expectFixWorks(
      block<BatchNorm3dImpl>(BatchNorm3dOptions(4)),
      block<BatchNorm3dImpl>(BatchNorm3dOptions(4).track_running_stats(false)),
      torch::randn({3, 2, 4, 2, 2, 2}));
}

} // namespace
