// A plain training loop never runs under vmap: nothing is reported by
// default, and everything with Scope=all.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t
// RUN: %vmap_tidy --checks=-*,vmap-* --config="{CheckOptions: {Scope: all}}" %s -- %torch_flags | FileCheck %s --check-prefix=ALL

#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() { bn = register_module("bn", torch::nn::BatchNorm2d(4)); }
  torch::Tensor forward(torch::Tensor x) { return bn(x); }
  torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(Net);

void train(int steps) {
  Net net;
  torch::optim::SGD opt(net->parameters(), 0.1);
  for (int i = 0; i < steps; ++i) {
    opt.zero_grad();
    net(torch::randn({8, 4, 5, 5})).sum().backward();
    opt.step();
  }
}
// ALL: not-vmapped.cpp:9:42: warning: 'BatchNorm2d' keeps running statistics,
