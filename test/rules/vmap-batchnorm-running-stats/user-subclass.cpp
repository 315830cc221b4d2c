// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

// A user's subclass of a BatchNorm Impl that inherits its constructors
// registers the same buffers; it is reported under the LibTorch module's name.
struct MyBN : torch::nn::BatchNorm2dImpl {
  using BatchNorm2dImpl::BatchNorm2dImpl;
};

void useSubclass() {
  auto bn = std::make_shared<MyBN>(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  MyBN local(torch::nn::BatchNorm2dOptions(8).momentum(0.3));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'BatchNorm2d' keeps running statistics,
  auto quiet = std::make_shared<MyBN>(
      torch::nn::BatchNorm2dOptions(8).track_running_stats(false));
  auto *raw = new MyBN(torch::nn::BatchNorm2dOptions(8).track_running_stats(true));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:77: note: track_running_stats is set to true here
  delete raw;
}

// A subclass of a subclass is still a BatchNorm.
struct MyDeeperBN : MyBN {
  using MyBN::MyBN;
};

void useDeeperSubclass() {
  MyDeeperBN bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'BatchNorm2d' keeps running statistics,
}

// A holder for the subclass declared with TORCH_MODULE.
struct HeldBNImpl : torch::nn::BatchNorm3dImpl {
  using BatchNorm3dImpl::BatchNorm3dImpl;
};
TORCH_MODULE(HeldBN);

void useHolder() {
  HeldBN bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'BatchNorm3d' keeps running statistics,
  HeldBN quiet(torch::nn::BatchNorm3dOptions(4).track_running_stats(false));
  HeldBN empty(nullptr);
  HeldBN copy = bn;
}
