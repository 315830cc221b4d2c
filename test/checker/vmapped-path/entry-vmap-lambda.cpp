// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>

// A project's own vmap helper: any function named vmap is an entry point.
torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &input);

struct NetImpl : torch::nn::Module {
  NetImpl() {
    bn = register_module("bn", torch::nn::BatchNorm2d(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
    // CHECK-MESSAGES: :36:14: note: vmapped here
    // CHECK-MESSAGES: :36:56: note: which calls 'NetImpl::forward'
    // CHECK-MESSAGES: :22:51: note: which runs 'bn' under vmap
    // Registered but never run by forward: not on the vmapped path.
    spare = register_module("spare", torch::nn::BatchNorm2d(4));
  }
  // The module runs here; forward is what vmap reaches.
  torch::Tensor forward(torch::Tensor x) { return bn(x); }
  torch::nn::BatchNorm2d bn{nullptr};
  torch::nn::BatchNorm2d spare{nullptr};
};
TORCH_MODULE(Net);

// Not vmapped: an ordinary training step may keep running statistics.
void trainStep(Net &net) {
  torch::nn::BatchNorm2d unrelated(8);
  net(torch::ones({2, 4, 3, 3}));
}

int main() {
  Net net;
  auto out = vmap([&](const torch::Tensor &x) { return net(x); },
                  torch::ones({3, 2, 4, 5, 5}));
}
