// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

using namespace torch::nn;

// Modules created as register_module arguments, holders and Impls alike.
struct NetImpl : Module {
  BatchNorm2d bn{nullptr}, quiet{nullptr};
  std::shared_ptr<BatchNorm1dImpl> impl, quietImpl;

  NetImpl() {
    bn = register_module("bn", BatchNorm2d(BatchNorm2dOptions(8).momentum(0.05)));
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
    quiet = register_module(
        "quiet", BatchNorm2d(BatchNorm2dOptions(8).track_running_stats(false)));
    impl = register_module("impl", std::make_shared<BatchNorm1dImpl>(16));
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'BatchNorm1d' keeps running statistics,
    quietImpl = register_module(
        "quietImpl", std::make_shared<BatchNorm1dImpl>(
                         BatchNorm1dOptions(16).track_running_stats(false)));
  }
};
TORCH_MODULE(Net);

// Registering a module that was already created reports nothing new.
struct RegistersExisting : Module {
  RegistersExisting() {
    BatchNorm2d local(BatchNorm2dOptions(4).track_running_stats(false));
    register_module("local", local);
    register_module("bn3", BatchNorm3d(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'BatchNorm3d' keeps running statistics,
  }
};
