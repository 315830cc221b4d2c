// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A long chain of copies, with branches and a loop, is followed back to the
// options it started from (and evaluated in linear time).
void longCopyChain(bool c) {
  auto o1 = BatchNorm2dOptions(4);
  auto o2 = o1; if (c) o2.eps(1e-3); auto o3 = o2; auto o4 = o3; auto o5 = o4;
  auto o6 = o5; auto o7 = o6; auto o8 = o7; auto o9 = o8; auto o10 = o9;
  auto o11 = o10; auto o12 = o11; auto o13 = o12; auto o14 = o13;
  for (int i = 0; i < 3; ++i) {
    auto o15 = o14;
    BatchNorm2d bn(o15);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm2d' keeps running statistics,
    // CHECK-MESSAGES: :[[@LINE-8]]:13: note: options created here leave track_running_stats at its default (true)
  }
}

void longCopyChainTurnedOff(bool c) {
  auto o1 = BatchNorm2dOptions(4).track_running_stats(false);
  auto o2 = o1; if (c) o2.eps(1e-3); auto o3 = o2; auto o4 = o3; auto o5 = o4;
  auto o6 = o5; auto o7 = o6; auto o8 = o7; auto o9 = o8; auto o10 = o9;
  BatchNorm2d bn(o10);
}
