// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>
#include <memory>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

// A virtual call runs whichever override the object has.
struct Layer : Module {
  virtual torch::Tensor run(torch::Tensor x) = 0;
};
struct NormLayer : Layer {
  NormLayer() { bn = register_module("bn", BatchNorm1d(4)); }
  torch::Tensor run(torch::Tensor x) override { return bn(x); }
  BatchNorm1d bn{nullptr};
};

torch::Tensor applyLayer(Layer &layer, const torch::Tensor &x) { return layer.run(x); }

// Templates: the instantiation that is called is the one that runs.
template <int Channels> struct Head {
  BatchNorm1d bn{BatchNorm1dOptions(Channels)};
  torch::Tensor operator()(const torch::Tensor &x) { return bn(x); }
};

template <typename Model> torch::Tensor callModel(Model &m, const torch::Tensor &x) {
  return m(x);
}

// Recursion terminates and still reaches the module.
torch::Tensor repeat(NormLayer &layer, const torch::Tensor &x, int n) {
  return n == 0 ? x : repeat(layer, layer.run(x), n - 1);
}

void run(NormLayer &layer, const torch::Tensor &x) {
  Head<4> head;
  Head<8> unusedHead;
  vmap([&](const torch::Tensor &t) { return applyLayer(layer, t) + callModel(head, t) + repeat(layer, t, 3); }, x);
}

// The override behind a virtual call, the instantiation that is called
// (Head<4>, not Head<8>), and a module reached through recursion.

// CHECK-MESSAGES: :18:44: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :43:3: note: vmapped here
// CHECK-MESSAGES: :43:3: note: the training mode of 'layer' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :43:45: note: which calls 'applyLayer'
// CHECK-MESSAGES: :23:73: note: which calls 'NormLayer::run' (a virtual call)
// CHECK-MESSAGES: :19:56: note: which runs 'bn' under vmap
// CHECK-MESSAGES: :27:17: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :43:3: note: vmapped here
// CHECK-MESSAGES: :43:3: note: the training mode of 'layer' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :43:68: note: which calls 'callModel<Head<4>>'
// CHECK-MESSAGES: :32:10: note: which calls 'Head<4>::operator()'
// CHECK-MESSAGES: :28:61: note: which runs 'bn' under vmap
