// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// The setting moves into the construction and the ineffective line goes.
void moved() {
  BatchNorm2d bn(BatchNorm2dOptions(8).eps(1e-3));
  bn->options.track_running_stats(false);
  bn->eval();
}
// CHECK-FIXES: {{^}}void moved() {{{$}}
// CHECK-FIXES-NEXT: {{^}}  BatchNorm2d bn(BatchNorm2dOptions(8).eps(1e-3).track_running_stats(false));{{$}}
// CHECK-FIXES-NEXT: {{^}}  bn->eval();{{$}}

// Sharing a line with other code, only the statement goes.
struct NetImpl : Module {
  NetImpl() {
    bn = register_module("bn", BatchNorm1d(4));
    int keep = 1; bn->options.track_running_stats() = false; (void)keep;
  }
  BatchNorm1d bn{nullptr};
};
// CHECK-FIXES: {{^}}    bn = register_module("bn", BatchNorm1d(torch::nn::BatchNorm1dOptions(4).track_running_stats(false)));{{$}}
// CHECK-FIXES-NEXT: {{^}}    int keep = 1; (void)keep;{{$}}

// When the construction cannot be fixed (a runtime flag), the late line
// stays: removing it would lose the user's intent.
void unknown(bool flag) {
  BatchNorm2d bn(BatchNorm2dOptions(8).track_running_stats(flag));
  bn->options.track_running_stats(false);
}
// CHECK-FIXES: {{^}}  bn->options.track_running_stats(false);{{$}}

// Both the construction and the late setting are reported.
// CHECK-MESSAGES: :9:15: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :10:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
// CHECK-MESSAGES: :20:32: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :21:19: warning: setting track_running_stats on 'BatchNorm1d' after construction has no effect:
// CHECK-MESSAGES: :31:15: warning: 'BatchNorm2d' may keep running statistics:
// CHECK-MESSAGES: :32:3: warning: setting track_running_stats on 'BatchNorm2d' after construction has no effect:
