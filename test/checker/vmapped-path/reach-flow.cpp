// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>
#include <vector>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

// A factory's result flows to wherever its call is stored.
BatchNorm2d makeNorm(int64_t c) { return BatchNorm2d(BatchNorm2dOptions(c)); }
BatchNorm2d makeUnusedNorm() { return BatchNorm2d(4); }

struct NetImpl : Module {
  NetImpl() : viaInit(BatchNorm2d(4)) {
    viaFactory = register_module("viaFactory", makeNorm(4));
    auto local = BatchNorm2d(4);
    viaLocal = local;
    viaShared = std::make_shared<BatchNorm2dImpl>(4);
    norms.push_back(BatchNorm2d(4));
    norms.emplace_back(BatchNorm2dOptions(4));
    kept = makeUnusedNorm();
  }
  torch::Tensor forward(torch::Tensor x) {
    x = viaInit(x) + viaFactory(x) + viaLocal(x) + viaShared->forward(x);
    for (auto &n : norms)
      x = n(x);
    return x;
  }
  BatchNorm2d viaInit, viaFactory{nullptr}, viaLocal{nullptr};
  std::shared_ptr<BatchNorm2dImpl> viaShared;
  std::vector<BatchNorm2d> norms;
  BatchNorm2d kept{nullptr};
};
TORCH_MODULE(Net);

// A std::function assigned in one place and called in another.
std::function<torch::Tensor(const torch::Tensor &)> step;
BatchNorm1d stepNorm(4);
void configure() {
  step = [](const torch::Tensor &x) { return stepNorm(x); };
}

void run(const torch::Tensor &x) {
  Net net;
  vmap([&](const torch::Tensor &t) { return net(t) + step(t); }, x);
}

// Member initialisers, factories, locals, make_shared, push_back and
// emplace_back all connect a construction to its use; a std::function set
// elsewhere is followed to its target. makeUnusedNorm's module is not run.

// CHECK-MESSAGES: :14:42: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :28:22: note: which runs 'viaFactory' under vmap
// CHECK-MESSAGES: :18:23: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :28:9: note: which runs 'viaInit' under vmap
// CHECK-MESSAGES: :20:18: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :28:38: note: which runs 'viaLocal' under vmap
// CHECK-MESSAGES: :22:17: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :28:52: note: which runs 'viaShared' under vmap
// CHECK-MESSAGES: :23:21: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :29:20: note: which runs 'norms' under vmap
// CHECK-MESSAGES: :24:5: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :29:20: note: which runs 'norms' under vmap
// CHECK-MESSAGES: :42:13: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:54: note: which calls the function stored in 'step'
// CHECK-MESSAGES: :44:46: note: which runs 'stepNorm' under vmap
