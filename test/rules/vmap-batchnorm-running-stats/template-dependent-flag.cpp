// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// The flag depends on a template argument: only the instantiation that keeps
// the statistics is reported, by name.
template <bool Track> struct Block : Module {
  BatchNorm2d bn{nullptr};
  Block() {
    bn = register_module(
        "bn", BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(Track)));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics in instantiation 'Block<true>', so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
    // CHECK-MESSAGES: :[[@LINE-2]]:69: note: no automatic fix: track_running_stats comes from a template parameter
    // CHECK-MESSAGES: :[[@LINE-3]]:69: note: track_running_stats is set to true here
  }
};

void use() {
  Block<true> on;
  Block<false> off;
}

// All instantiations disabled: nothing is reported.
template <bool Track> struct AllOff : Module {
  BatchNorm2d bn{BatchNorm2dOptions(8).track_running_stats(Track)};
};

void useAllOff() { AllOff<false> off; }

// All instantiations enabled: reported once, like a non-dependent flag.
template <bool Track> struct AllOn : Module {
  BatchNorm1d bn{BatchNorm1dOptions(8).track_running_stats(Track)};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'BatchNorm1d' keeps running statistics, so
};

void useAllOn() { AllOn<true> on; }

// The module kind depends on a template argument: each kind that keeps the
// statistics is reported by instantiation.
template <typename Norm> struct Generic : Module {
  Norm norm{4};
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'BatchNorm1d' keeps running statistics in instantiation 'Generic<torch::nn::BatchNorm1d>',
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: 'BatchNorm2d' keeps running statistics in instantiation 'Generic<torch::nn::BatchNorm2d>',
};

void useGeneric() {
  Generic<BatchNorm1d> one;
  Generic<BatchNorm2d> two;
  Generic<InstanceNorm2d> instance;
}
