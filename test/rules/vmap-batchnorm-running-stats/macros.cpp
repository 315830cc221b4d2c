// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// A construction inside a macro body is reported where the macro is used.
#define MAKE_BN(c) BatchNorm2d(BatchNorm2dOptions(c))
#define MAKE_QUIET_BN(c) BatchNorm2d(BatchNorm2dOptions(c).track_running_stats(false))

void macroBody() {
  auto bn = MAKE_BN(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  // CHECK-MESSAGES: :8:20: note: expanded from macro 'MAKE_BN'
  auto quiet = MAKE_QUIET_BN(8);
}

// Each use of the macro is its own construction.
void twoUses() {
  Sequential seq(MAKE_BN(4), MAKE_BN(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :8:20: note: expanded from macro 'MAKE_BN'
  // CHECK-MESSAGES: :[[@LINE-3]]:30: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :8:20: note: expanded from macro 'MAKE_BN'
}

// A construction passed as a macro argument is reported at the argument.
#define REGISTER(name, module) register_module(name, module)

struct NetImpl : Module {
  NetImpl() {
    REGISTER("bn", BatchNorm1d(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'BatchNorm1d' keeps running statistics,
    // CHECK-MESSAGES: :28:54: note: expanded from macro 'REGISTER'
    REGISTER("quiet", BatchNorm1d(BatchNorm1dOptions(4).track_running_stats(false)));
  }
};

// A macro that supplies only the flag.
#define TRACK true
#define NO_TRACK false

void flagMacros() {
  BatchNorm2d bn(BatchNorm2dOptions(4).track_running_stats(TRACK));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:60: note: track_running_stats is set to true here
  // CHECK-MESSAGES: :40:15: note: expanded from macro 'TRACK'
  BatchNorm2d quiet(BatchNorm2dOptions(4).track_running_stats(NO_TRACK));
}
