// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

struct BlockImpl : Module {
  BlockImpl() { norm = register_module("norm", BatchNorm2d(4)); }
  torch::Tensor forward(torch::Tensor x) { return norm(x); }
  BatchNorm2d norm{nullptr};
};
TORCH_MODULE(Block);

// A Sequential's forward runs every child, user modules included.
struct StackImpl : Module {
  StackImpl() {
    body = register_module("body", Sequential(Conv2d(4, 4, 1), BatchNorm2d(4), Block()));
    body->push_back(BatchNorm2d(BatchNorm2dOptions(4)));
    list = register_module("list", ModuleList(BatchNorm2d(4)));
    dict = register_module(
        "dict", ModuleDict(std::vector<std::pair<std::string, std::shared_ptr<Module>>>{
                    {"bn", std::make_shared<BatchNorm2dImpl>(4)}}));
    any = AnyModule(BatchNorm2d(4));
  }
  torch::Tensor forward(torch::Tensor x) {
    x = body->forward(x);
    for (const auto &m : *list)
      x = m->as<BatchNorm2d>()->forward(x);
    x = dict["bn"]->as<BatchNorm2d>()->forward(x);
    return any.forward(x);
  }
  Sequential body{nullptr};
  ModuleList list{nullptr};
  ModuleDict dict{nullptr};
  AnyModule any;
};
TORCH_MODULE(Stack);

// Built but never run: not reported.
Sequential idle() { return Sequential(BatchNorm2d(4)); }

void run(const torch::Tensor &x) {
  Stack stack;
  vmap([&](const torch::Tensor &t) { return stack(t); }, x);
}

// Every module held by a container that forward runs is reported, with the
// container on the path; idle() is not.

// CHECK-MESSAGES: :13:48: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'StackImpl::forward'
// CHECK-MESSAGES: :31:9: note: which runs 'body' under vmap
// CHECK-MESSAGES: :31:9: note: which runs 'BlockImpl::forward'
// CHECK-MESSAGES: :14:51: note: which runs 'norm' under vmap
// CHECK-MESSAGES: :22:64: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'StackImpl::forward'
// CHECK-MESSAGES: :31:9: note: which runs 'body' under vmap
// CHECK-MESSAGES: :23:21: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'StackImpl::forward'
// CHECK-MESSAGES: :31:9: note: which runs 'body' under vmap
// CHECK-MESSAGES: :24:47: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'StackImpl::forward'
// CHECK-MESSAGES: :32:27: note: which runs 'list' under vmap
// CHECK-MESSAGES: :27:28: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'StackImpl::forward'
// CHECK-MESSAGES: :34:9: note: which runs 'dict' under vmap
// CHECK-MESSAGES: :28:21: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :49:3: note: vmapped here
// CHECK-MESSAGES: :49:45: note: which calls 'StackImpl::forward'
// CHECK-MESSAGES: :35:12: note: which runs 'any' under vmap
