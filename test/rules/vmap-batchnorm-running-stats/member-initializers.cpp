// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Holders initialised in a constructor's member initialiser list.
struct NetImpl : Module {
  BatchNorm2d bn;
  BatchNorm2d quiet;
  BatchNorm2d empty;
  NetImpl()
      : bn(BatchNorm2dOptions(8)),
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
        quiet(BatchNorm2dOptions(8).track_running_stats(false)),
        empty(nullptr) {
    register_module("bn", bn);
    register_module("quiet", quiet);
  }
};

// Braced and integer forms in the initialiser list.
struct Braced : Module {
  BatchNorm1d bn;
  Braced() : bn{BatchNorm1dOptions(4).track_running_stats(true)} {}
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:59: note: track_running_stats is set to true here
};

// Default member initialisers in the class body.
struct InClass : Module {
  BatchNorm2d bn = BatchNorm2d(BatchNorm2dOptions(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'BatchNorm2d' keeps running statistics,
  BatchNorm3d braced{4};
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'BatchNorm3d' keeps running statistics,
  BatchNorm2d quiet{BatchNorm2dOptions(8).track_running_stats(false)};
  BatchNorm2d empty{nullptr};
  std::shared_ptr<BatchNorm2dImpl> impl = std::make_shared<BatchNorm2dImpl>(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'BatchNorm2d' keeps running statistics,
};

// A default member initialiser used by two constructors is reported once.
struct TwoConstructors : Module {
  BatchNorm2d bn{BatchNorm2dOptions(8)};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm2d' keeps running statistics,
  TwoConstructors() {}
  explicit TwoConstructors(int) {}
};
