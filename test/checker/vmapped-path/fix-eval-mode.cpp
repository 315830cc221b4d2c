// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {FixKind: eval-mode}}"

#include <torch/torch.h>

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);
void vmapInPlace(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                 const torch::Tensor &x);

struct NetImpl : torch::nn::Module {
  NetImpl() {
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(4));
    bn2 = register_module("bn2", torch::nn::BatchNorm2d(4));
  }
  torch::Tensor forward(torch::Tensor x) { return bn2(bn1(x)); }
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
};
TORCH_MODULE(Net);

// The vmap call is wrapped once for both modules it reaches; the mode is
// restored after the call, also when it throws.
torch::Tensor predict(const torch::Tensor &x) {
  Net net;
  return vmap([&](const torch::Tensor &t) { return net(t); }, x);
}

// CHECK-MESSAGES: :14:34: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :14:34: note: alternatively, construct it with track_running_stats(false)
// CHECK-MESSAGES: :14:34: note: GroupNorm is not offered: 'bn1' shares its declared type with another declaration
// CHECK-MESSAGES: :26:10: note: vmapped here
// CHECK-MESSAGES: :15:34: warning: 'BatchNorm2d' keeps running statistics,

// CHECK-FIXES: {{^}}  return [&] { torch::nn::Module &vmap_tidy_module = *net; const bool vmap_tidy_was_training = vmap_tidy_module.is_training(); vmap_tidy_module.eval(); try { auto vmap_tidy_result = vmap([&](const torch::Tensor &t) { return net(t); }, x); vmap_tidy_module.train(vmap_tidy_was_training); return vmap_tidy_result; } catch (...) { vmap_tidy_module.train(vmap_tidy_was_training); throw; } }();{{$}}
