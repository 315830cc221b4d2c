// RUN: %check_vmap_tidy %s vmap-instancenorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

// InstanceNorm does not track running statistics by default, for every
// dimensionality and every way of constructing it.
struct NetImpl : torch::nn::Module {
  NetImpl() {
    register_module("in1", torch::nn::InstanceNorm1d(16));
    register_module("in2", torch::nn::InstanceNorm2d(8));
    register_module("in3", torch::nn::InstanceNorm3d(4));
    register_module("in2o", torch::nn::InstanceNorm2d(
                                torch::nn::InstanceNorm2dOptions(8).affine(true)));
    register_module("impl", std::make_shared<torch::nn::InstanceNorm2dImpl>(8));
  }
};

void defaults() {
  auto o = torch::nn::InstanceNorm2dOptions(8).eps(1e-3);
  torch::nn::InstanceNorm2d a(o);
  torch::nn::InstanceNorm3dImpl b(4);
  auto *c = new torch::nn::InstanceNorm1dImpl(4);
  delete c;
  torch::nn::Sequential seq(torch::nn::InstanceNorm2d(8), torch::nn::ReLU());
}
