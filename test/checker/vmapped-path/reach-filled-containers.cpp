// Containers filled after construction, and arrays of holders: a module
// added to a Sequential subclass by its own constructor (push_back on
// *this), and held in a C array, runs where the container or an element
// runs (issue 18, classes 2 and 3).
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

// A Sequential subclass fills itself.
struct StackImpl : SequentialImpl {
  StackImpl() {
    push_back(Linear(4, 4));
    push_back(BatchNorm1d(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm1d' keeps running statistics,
    // CHECK-MESSAGES: :[[@LINE+13]]:10: note: vmapped here
    // CHECK-MESSAGES: :[[@LINE+12]]:52: note: which runs 'stack' under vmap
  }
};
// Never run under vmap: not reported.
struct IdleImpl : SequentialImpl {
  IdleImpl() { push_back(BatchNorm1d(4)); }
};

torch::Tensor stacked(const torch::Tensor &x) {
  auto stack = std::make_shared<StackImpl>();
  auto idle = std::make_shared<IdleImpl>();
  idle->forward(x);
  return vmap([&](const torch::Tensor &t) { return stack->forward(t); }, x);
}

// A C array of holders; an element access reads the array's contents.
torch::Tensor array(const torch::Tensor &x) {
  BatchNorm1d norms[2] = {BatchNorm1d(4), BatchNorm1d(BatchNorm1dOptions(4))};
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE+5]]:10: note: vmapped here
  // CHECK-MESSAGES: :[[@LINE+4]]:52: note: which runs 'norms' under vmap
  // CHECK-MESSAGES: :[[@LINE-4]]:43: warning: 'BatchNorm1d' keeps running statistics,
  // CHECK-MESSAGES: :[[@LINE+2]]:10: note: vmapped here
  // CHECK-MESSAGES: :[[@LINE+1]]:52: note: which runs 'norms' under vmap
  return vmap([&](const torch::Tensor &t) { return norms[1](t); }, x);
}
