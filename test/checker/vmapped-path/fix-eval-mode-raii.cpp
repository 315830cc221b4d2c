// EvalModeStyle=raii wraps the vmap call with the runtime library's
// vmap_tidy::EvalModeGuard and includes its header; the fixed file compiles
// against the runtime's headers.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {FixKind: eval-mode, EvalModeStyle: raii, VmapFunctions: vmapInPlace}}"

#include <torch/torch.h>

#include <functional>

void vmapInPlace(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                 const torch::Tensor &x);

struct NetImpl : torch::nn::Module {
  NetImpl() { bn = register_module("bn", torch::nn::BatchNorm1d(4)); }
  torch::Tensor forward(torch::Tensor x) { return bn(x); }
  torch::nn::BatchNorm1d bn{nullptr};
};
TORCH_MODULE(Net);

// A vmap helper that returns nothing is wrapped the same way.
struct Trainer {
  Net net;
  void step(const torch::Tensor &x) {
    vmapInPlace([this](const torch::Tensor &t) { return net(t); }, x);
  }
};


// CHECK-MESSAGES: :14:42: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :14:42: note: alternatively, construct it with track_running_stats(false)
// CHECK-MESSAGES: :14:42: note: alternatively, replace it with GroupNorm(2, 4) (eps and affine kept)
// CHECK-MESSAGES: :24:5: note: vmapped here
// CHECK-MESSAGES: :24:5: note: the training mode of 'net' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :24:57: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :15:51: note: which runs 'bn' under vmap

// CHECK-FIXES: {{^}}#include <functional>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <vmap_tidy/EvalModeGuard.h>{{$}}
// CHECK-FIXES: {{^}}    [&] { vmap_tidy::EvalModeGuard vmap_tidy_eval_mode(*net); return vmapInPlace([this](const torch::Tensor &t) { return net(t); }, x); }();{{$}}
