// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all, FixKind: group-norm}}"

#include <torch/torch.h>

using namespace torch::nn;

struct NetImpl : Module {
  NetImpl() : viaInitializer(BatchNorm2dOptions(48).affine(false)) {
    viaAssignment = register_module("viaAssignment", BatchNorm2d(BatchNorm2dOptions(64).eps(1e-3).momentum(0.2)));
    stack = register_module("stack", Sequential(Conv2d(3, 12, 1), BatchNorm2d(12)));
    features = register_module("features", BatchNorm1d(10));
  }
  BatchNorm2d viaAssignment{nullptr};
  BatchNorm2d viaInitializer;
  BatchNorm3d inClass{BatchNorm3dOptions(7)};
  Sequential stack{nullptr};
  BatchNorm1d features{nullptr};
};

void locals() {
  BatchNorm2d direct(BatchNorm2dOptions(128));
  auto deduced = BatchNorm2d(96);
  (void)direct;
  (void)deduced;
}

// Every form gets GroupNorm with eps and affine kept; momentum has no
// GroupNorm counterpart. track_running_stats(false) is offered as a note.
// CHECK-MESSAGES: :8:15: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :8:15: note: alternatively, construct it with track_running_stats(false)
// CHECK-MESSAGES: :9:54: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :10:67: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :11:44: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :15:22: warning: 'BatchNorm3d' keeps running statistics,
// CHECK-MESSAGES: :21:15: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :22:18: warning: 'BatchNorm2d' keeps running statistics,

// CHECK-FIXES: {{^}}  NetImpl() : viaInitializer(torch::nn::GroupNormOptions(24, 48).affine(false)) {{{$}}
// CHECK-FIXES: {{^}}    viaAssignment = register_module("viaAssignment", torch::nn::GroupNorm(torch::nn::GroupNormOptions(32, 64).eps(1e-3)));{{$}}
// CHECK-FIXES: {{^}}    stack = register_module("stack", Sequential(Conv2d(3, 12, 1), torch::nn::GroupNorm(torch::nn::GroupNormOptions(12, 12))));{{$}}
// CHECK-FIXES: {{^}}    features = register_module("features", torch::nn::GroupNorm(torch::nn::GroupNormOptions(5, 10)));{{$}}
// CHECK-FIXES: {{^}}  torch::nn::GroupNorm viaAssignment{nullptr};{{$}}
// CHECK-FIXES: {{^}}  torch::nn::GroupNorm viaInitializer;{{$}}
// CHECK-FIXES: {{^}}  torch::nn::GroupNorm inClass{torch::nn::GroupNormOptions(7, 7)};{{$}}
// CHECK-FIXES: {{^}}  torch::nn::GroupNorm features{nullptr};{{$}}
// CHECK-FIXES: {{^}}  torch::nn::GroupNorm direct(torch::nn::GroupNormOptions(32, 128));{{$}}
// CHECK-FIXES: {{^}}  auto deduced = torch::nn::GroupNorm(torch::nn::GroupNormOptions(32, 96));{{$}}
