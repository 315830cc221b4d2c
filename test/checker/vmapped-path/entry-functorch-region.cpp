// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>
#include <torch/torch.h>

#include <functional>

using namespace torch::nn;
namespace ft = at::functorch;

BatchNorm2d inRegion(4), afterPop(4), gradOnly(4);

// Code between the push of a vmap layer and its pop runs under vmap.
torch::Tensor rawRegion(const torch::Tensor &x) {
  int64_t level = ft::initAndPushDynamicLayer(ft::TransformType::Vmap, 3,
                                              ft::RandomnessType::Error);
  torch::Tensor y = inRegion(ft::addBatchDim(x, 0, level));
  ft::popDynamicLayerAndDeleteMetadata();
  return afterPop(y);
}

// A grad layer is not vmap.
torch::Tensor gradRegion(const torch::Tensor &x) {
  ft::initAndPushDynamicLayer(ft::TransformType::Grad);
  torch::Tensor y = gradOnly(x);
  ft::popDynamicLayerAndDeleteMetadata();
  return y;
}

// An RAII guard whose constructor pushes the layer: its scope is the region.
class VmapLevel {
public:
  explicit VmapLevel(int64_t size)
      : level_(ft::initAndPushDynamicLayer(ft::TransformType::Vmap, size,
                                           ft::RandomnessType::Error)) {}
  ~VmapLevel() { ft::popDynamicLayerAndDeleteMetadata(); }
  int64_t level() const { return level_; }

private:
  int64_t level_;
};

// A helper built on the guard runs its callable parameter under vmap: its
// callers are the vmap calls (whatever its name).
torch::Tensor batched(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                      const torch::Tensor &x) {
  VmapLevel level(x.size(0));
  return fn(ft::addBatchDim(x, 0, level.level()));
}

struct NetImpl : Module {
  NetImpl() { bn = register_module("bn", BatchNorm2d(4)); }
  torch::Tensor forward(torch::Tensor x) { return bn(x); }
  BatchNorm2d bn{nullptr};
};
TORCH_MODULE(Net);

struct OtherImpl : Module {
  OtherImpl() { bn = register_module("bn", BatchNorm2d(4)); }
  torch::Tensor forward(torch::Tensor x) { return bn(x); }
  BatchNorm2d bn{nullptr};
};
TORCH_MODULE(Other);

void useHelper(const torch::Tensor &x) {
  Net net;
  batched([&](const torch::Tensor &t) { return net(t); }, x);
  // Judged at this call: in eval mode, so Other's BatchNorm is fine.
  Other other;
  other->eval();
  batched([&](const torch::Tensor &t) { return other(t); }, x);
}

// The regions, and the helper's caller in training mode, are reported;
// afterPop, gradOnly and Other's module are not.

// CHECK-MESSAGES: :12:13: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :16:19: note: vmapped region starts here
// CHECK-MESSAGES: :16:19: note: the training mode of 'inRegion' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :18:21: note: which runs 'inRegion' under vmap
// CHECK-MESSAGES: :53:42: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :68:3: note: vmapped here
// CHECK-MESSAGES: :68:48: note: which calls 'NetImpl::forward'
// CHECK-MESSAGES: :54:51: note: which runs 'bn' under vmap
