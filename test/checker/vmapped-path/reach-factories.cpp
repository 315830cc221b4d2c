// Construction sites real code hides behind helpers (issue 18, class 4):
// an AnyModule returned from a factory chosen by a string, and options built
// inside a macro argument. Each is reported at the construction that names
// the module type, with the path from the vmap call.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>
#include <string>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

AnyModule makeNorm(const std::string &kind, int64_t channels) {
  if (kind == "batch")
    return AnyModule(BatchNorm1d(channels));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :37:14: note: vmapped here
  // CHECK-MESSAGES: :37:56: note: which runs 'norm' under vmap
  return AnyModule(GroupNorm(1, channels));
}

#define BUILD(expr) (expr)

torch::Tensor run(const torch::Tensor &x) {
  auto bn = BUILD(BatchNorm1d(BatchNorm1dOptions(4).momentum(0.2)));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: no automatic fix: the construction is written inside a macro
  // CHECK-MESSAGES: :36:7: note: vmapped here
  // CHECK-MESSAGES: :36:49: note: which runs 'bn' under vmap
  AnyModule norm = makeNorm("batch", 4);
  torch::Tensor y =
      vmap([&](const torch::Tensor &t) { return bn(t); }, x);
  return y + vmap([&](const torch::Tensor &t) { return norm.forward(t); }, x);
}
