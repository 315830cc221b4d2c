// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

// The Impl classes keep running statistics however they are created.
void sharedImpl() {
  auto bn = std::make_shared<torch::nn::BatchNorm3dImpl>(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'BatchNorm3d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  auto quiet = std::make_shared<torch::nn::BatchNorm3dImpl>(
      torch::nn::BatchNorm3dOptions(4).track_running_stats(false));
}

void uniqueImpl() {
  auto bn = std::make_unique<torch::nn::BatchNorm1dImpl>(
      torch::nn::BatchNorm1dOptions(4).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:60: note: track_running_stats is set to true here
}

void newImpl() {
  auto *bn = new torch::nn::BatchNorm2dImpl(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'BatchNorm2d' keeps running statistics,
  delete bn;
  auto *quiet = new torch::nn::BatchNorm2dImpl(
      torch::nn::BatchNorm2dOptions(4).track_running_stats(false));
  delete quiet;
}

void localImpl() {
  torch::nn::BatchNorm2dImpl bn(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'BatchNorm2d' keeps running statistics,
  torch::nn::BatchNorm2dImpl quiet(
      torch::nn::BatchNorm2dOptions(8).track_running_stats(false));
}

// An Impl held by value as a data member, initialised in the member list.
struct HoldsImpl : torch::nn::Module {
  torch::nn::BatchNorm2dImpl bn;
  torch::nn::BatchNorm2dImpl quiet;
  HoldsImpl()
      : bn(16),
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'BatchNorm2d' keeps running statistics,
        quiet(torch::nn::BatchNorm2dOptions(16).track_running_stats(false)) {}
};
