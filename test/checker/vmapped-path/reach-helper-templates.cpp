// Modules built inside the project's own helper templates (issue 18,
// class 4): `create_module<Impl>(args...)` and `make_layer<Impl>(opts)`
// build the module, but the call names its type and writes its options.
// Each call is evaluated with the helper's parameters bound to its
// arguments and reported there, with a note at the construction inside the
// helper; the running-stats fix edits the call's options. Calls through a
// second helper are followed out to the call that decides.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <utility>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

namespace util {
template <typename Impl, typename... Args>
ModuleHolder<Impl> create_module(Args &&...args) {
  return ModuleHolder<Impl>(std::make_shared<Impl>(std::forward<Args>(args)...));
}

template <typename Impl, typename Options>
std::shared_ptr<Impl> make_layer(const Options &opts) {
  return std::make_shared<Impl>(opts);
}

// Passes its own parameter and type on to make_layer.
template <typename Impl, typename Options>
std::shared_ptr<Impl> block(const Options &opts) {
  return make_layer<Impl>(opts);
}

// Takes a channel count only: options cannot be passed through it.
template <typename Impl> std::shared_ptr<Impl> sized(int64_t channels) {
  return std::make_shared<Impl>(channels);
}

// Not a template: the flag is its parameter.
BatchNorm2d norm(bool track) {
  return BatchNorm2d(BatchNorm2dOptions(4).track_running_stats(track));
}
} // namespace util

struct NetImpl : Module {
  NetImpl() {
    a = register_module("a", util::create_module<BatchNorm2dImpl>(
                                 BatchNorm2dOptions(4).momentum(0.2)));
    // CHECK-MESSAGES: :[[@LINE-2]]:30: warning: 'BatchNorm2d' keeps running statistics (built by 'util::create_module'), so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
    // CHECK-MESSAGES: :24:29: note: 'util::create_module<torch::nn::BatchNorm2dImpl, torch::nn::BatchNormOptions &>' constructs it here from the arguments of this call
    // CHECK-MESSAGES: :[[@LINE-4]]:30: note: GroupNorm is not offered: 'util::create_module' builds the module from the type this call names; replace that type by hand
    // CHECK-MESSAGES: :108:10: note: vmapped here
    // CHECK-FIXES: BatchNorm2dOptions(4).momentum(0.2).track_running_stats(false)));
    auto opts = BatchNorm2dOptions(4);
    // CHECK-FIXES: auto opts = BatchNorm2dOptions(4).track_running_stats(false);
    b = register_module("b", util::make_layer<BatchNorm2dImpl>(opts));
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'BatchNorm2d' keeps running statistics (built by 'util::make_layer'),
    // CHECK-MESSAGES: :29:10: note: 'util::make_layer<torch::nn::BatchNorm2dImpl, torch::nn::BatchNormOptions>' constructs it here from the arguments of this call
    // CHECK-MESSAGES: :[[@LINE-5]]:17: note: options created here leave track_running_stats at its default (true)
    // The same instantiation of make_layer, with options that are safe.
    c = register_module("c", util::make_layer<BatchNorm2dImpl>(
                                 BatchNorm2dOptions(4).track_running_stats(false)));
    // A channel count forwarded through the pack becomes options.
    d = register_module("d", util::create_module<BatchNorm1dImpl>(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'BatchNorm1d' keeps running statistics (built by 'util::create_module'),
    // CHECK-MESSAGES: :24:29: note: 'util::create_module<torch::nn::BatchNorm1dImpl, int>' constructs it here from the arguments of this call
    // CHECK-FIXES: d = register_module("d", util::create_module<BatchNorm1dImpl>(torch::nn::BatchNorm1dOptions(4).track_running_stats(false)));
    // Through block, which passes its options on to make_layer.
    e = register_module("e", util::block<BatchNorm3dImpl>(BatchNorm3dOptions(4)));
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'BatchNorm3d' keeps running statistics (built by 'util::make_layer'),
    // CHECK-MESSAGES: :29:10: note: 'util::make_layer<torch::nn::BatchNorm3dImpl, torch::nn::BatchNormOptions>' constructs it here
    // CHECK-FIXES: e = register_module("e", util::block<BatchNorm3dImpl>(BatchNorm3dOptions(4).track_running_stats(false)));
    f = register_module("f", util::sized<BatchNorm1dImpl>(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'BatchNorm1d' keeps running statistics (built by 'util::sized'),
    // CHECK-MESSAGES: :40:10: note: 'util::sized<torch::nn::BatchNorm1dImpl>' constructs it here from the arguments of this call
    // CHECK-MESSAGES: :[[@LINE-3]]:30: note: no automatic fix: 'util::sized' takes 'channels' as 'int64_t', which cannot carry track_running_stats(false)
    // CHECK-FIXES: f = register_module("f", util::sized<BatchNorm1dImpl>(4));
    g = register_module("g", util::norm(true));
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'BatchNorm2d' keeps running statistics (built by 'util::norm'),
    // CHECK-MESSAGES: :45:10: note: 'util::norm' constructs it here from the arguments of this call
    // CHECK-MESSAGES: :[[@LINE-3]]:41: note: track_running_stats is set to true here
    // CHECK-MESSAGES: :[[@LINE-4]]:30: note: GroupNorm is not offered: 'util::norm' builds this module for every call of it; replace it there by hand
    // CHECK-FIXES: g = register_module("g", util::norm(false));
    h = register_module("h", util::norm(false));
  }
  torch::Tensor forward(torch::Tensor x) {
    x = h(g(c->forward(b->forward(a(x)))));
    return e->forward(f->forward(d(x.flatten(1))).view({-1, 4, 1, 1, 1}));
  }
  BatchNorm2d a{nullptr};
  std::shared_ptr<BatchNorm2dImpl> b;
  std::shared_ptr<BatchNorm2dImpl> c;
  BatchNorm1d d{nullptr};
  std::shared_ptr<BatchNorm3dImpl> e;
  std::shared_ptr<BatchNorm1dImpl> f;
  BatchNorm2d g{nullptr};
  BatchNorm2d h{nullptr};
};
TORCH_MODULE(Net);

torch::Tensor run(const torch::Tensor &x) {
  Net net;
  net->train();
  return vmap([&](const torch::Tensor &t) { return net(t); }, x);
}
