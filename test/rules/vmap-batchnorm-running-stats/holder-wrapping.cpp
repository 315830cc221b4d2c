// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using torch::nn::BatchNorm2d;
using torch::nn::BatchNorm2dImpl;

// An empty holder constructs no module.
struct Net : torch::nn::Module {
  BatchNorm2d bn{nullptr};
  BatchNorm2d other = nullptr;
};

void emptyHolder() {
  BatchNorm2d bn(nullptr);
  BatchNorm2d braced{nullptr};
}

// A holder wrapping an existing Impl is reported once, where the Impl is made.
void wrapsMakeShared() {
  BatchNorm2d bn(std::make_shared<BatchNorm2dImpl>(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  auto wrapped = BatchNorm2d(std::make_shared<BatchNorm2dImpl>(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'BatchNorm2d' keeps running statistics,
}

void wrapsExistingImpl() {
  auto impl = std::make_shared<BatchNorm2dImpl>(
      torch::nn::BatchNorm2dOptions(4).track_running_stats(false));
  BatchNorm2d bn(impl);
}

// Copying or moving a holder shares the module; it constructs nothing new.
void copiesOfHolders() {
  BatchNorm2d bn(torch::nn::BatchNorm2dOptions(4).track_running_stats(false));
  BatchNorm2d copy = bn;
  BatchNorm2d copy2(bn);
  BatchNorm2d moved = std::move(copy);
  auto assigned = BatchNorm2d(nullptr);
  assigned = copy2;
}

BatchNorm2d passThrough(BatchNorm2d bn) { return bn; }

void copyOfFlaggedHolder() {
  BatchNorm2d bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  BatchNorm2d copy = bn;
  BatchNorm2d again = passThrough(copy);
}
