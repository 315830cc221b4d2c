// A vmap helper of the user's that takes no randomness argument runs with
// the mode its own functorch region pushes: a constant 'same' or 'different'
// draws, 'error' fails (and is known, not assumed); a mode read from the
// helper's own parameter is decided by each call.
// RUN: %check_vmap_tidy %s vmap-random-op %t

#include <ATen/functorch/BatchedTensorImpl.h>
#include <ATen/functorch/DynamicLayer.h>
#include <torch/torch.h>

#include <functional>

using Fn = std::function<torch::Tensor(const torch::Tensor &)>;
using at::functorch::RandomnessType;
using at::functorch::TransformType;

// Pushes the level itself.
torch::Tensor vmap_different(const Fn &fn, const torch::Tensor &x) {
  int64_t level = at::functorch::initAndPushDynamicLayer(
      TransformType::Vmap, x.size(0), RandomnessType::Different);
  torch::Tensor out = fn(at::functorch::addBatchDim(x, 0, level));
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return out;
}

// Pushes it through a guard, as examples/vmap.h does.
struct SameLevel {
  explicit SameLevel(int64_t n)
      : value(at::functorch::initAndPushDynamicLayer(
            TransformType::Vmap, n, RandomnessType::Same)) {}
  ~SameLevel() { at::functorch::popDynamicLayerAndDeleteMetadata(); }
  int64_t value;
};
torch::Tensor vmap_same(const Fn &fn, const torch::Tensor &x) {
  SameLevel level(x.size(0));
  return fn(at::functorch::addBatchDim(x, 0, level.value));
}

torch::Tensor vmap_error(const Fn &fn, const torch::Tensor &x) {
  int64_t level = at::functorch::initAndPushDynamicLayer(
      TransformType::Vmap, x.size(0), RandomnessType::Error);
  torch::Tensor out = fn(at::functorch::addBatchDim(x, 0, level));
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return out;
}

// The caller chooses.
torch::Tensor vmap_with(const Fn &fn, const torch::Tensor &x,
                        RandomnessType randomness) {
  int64_t level = at::functorch::initAndPushDynamicLayer(
      TransformType::Vmap, x.size(0), randomness);
  torch::Tensor out = fn(at::functorch::addBatchDim(x, 0, level));
  at::functorch::popDynamicLayerAndDeleteMetadata();
  return out;
}

torch::Tensor noisy(const torch::Tensor &x) { return x + torch::randn_like(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:58: warning: 'randn_like' draws random numbers, which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode') [vmap-random-op]
// CHECK-MESSAGES-NOT: not known here
// CHECK-MESSAGES: :[[@LINE+7]]:10: note: or choose the randomness mode at this vmap call: 'different' draws independently per batch member, 'same' once for all (the RandomnessType that 'vmap_error' passes to initAndPushDynamicLayer)
// CHECK-MESSAGES: :[[@LINE+6]]:10: note: vmapped here
// CHECK-MESSAGES: :[[@LINE+5]]:21: note: which calls 'noisy'

torch::Tensor run(const torch::Tensor &x) {
  torch::Tensor sum = vmap_different(noisy, x) + vmap_same(noisy, x);
  sum += vmap_with(noisy, x, RandomnessType::Same);
  sum += vmap_error(noisy, x);
  sum += vmap_with(noisy, x, RandomnessType::Different);
  return sum;
}
