// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

void build() {
  InstanceNorm2d a(InstanceNorm2dOptions(3).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm2d' keeps running statistics,
  // CHECK-FIXES: {{^}}  InstanceNorm2d a(InstanceNorm2dOptions(3).track_running_stats(false));
  auto o = InstanceNorm1dOptions(3).affine(true);
  o.track_running_stats(true);
  // CHECK-FIXES: {{^}}  o.track_running_stats(false);
  InstanceNorm1d b(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'InstanceNorm1d' keeps running statistics,
  InstanceNorm3d c(3);
}
