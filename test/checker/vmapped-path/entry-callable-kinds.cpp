// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>

using namespace torch::nn;

template <typename F>
torch::Tensor vmap(F &&fn, const torch::Tensor &input);

BatchNorm1d fnNorm(BatchNorm1dOptions(4));
torch::Tensor byPointer(const torch::Tensor &x) { return fnNorm(x); }

struct Functor {
  BatchNorm1d norm{BatchNorm1dOptions(4)};
  torch::Tensor operator()(const torch::Tensor &x) { return norm(x); }
};

struct Trainer {
  BatchNorm1d bound{BatchNorm1dOptions(4)};
  torch::Tensor step(const torch::Tensor &x) { return bound(x); }
};

BatchNorm1d stored(BatchNorm1dOptions(4));
BatchNorm1d direct(BatchNorm1dOptions(4));
BatchNorm1d neverVmapped(BatchNorm1dOptions(4));

void run(const torch::Tensor &batch) {
  // A function pointer.
  vmap(&byPointer, batch);
  // A functor object: its operator().
  vmap(Functor{}, batch);
  // A std::function built from a lambda, stored in a variable first.
  std::function<torch::Tensor(const torch::Tensor &)> f =
      [](const torch::Tensor &x) { return stored(x); };
  vmap(f, batch);
  // A bound member function.
  Trainer trainer;
  vmap(std::bind(&Trainer::step, &trainer, std::placeholders::_1), batch);
  // A module holder passed directly: its forward.
  vmap(direct, batch);
  neverVmapped(batch);
}

// The functions, functors, std::functions, bound members and modules that
// vmap runs; neverVmapped is not reported.

// CHECK-MESSAGES: :12:13: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :31:3: note: vmapped here
// CHECK-MESSAGES: :31:9: note: which calls 'byPointer'
// CHECK-MESSAGES: :13:58: note: which runs 'fnNorm' under vmap
// CHECK-MESSAGES: :16:19: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :33:3: note: vmapped here
// CHECK-MESSAGES: :33:15: note: which calls 'Functor::operator()'
// CHECK-MESSAGES: :17:61: note: which runs 'norm' under vmap
// CHECK-MESSAGES: :21:20: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :40:3: note: vmapped here
// CHECK-MESSAGES: :40:19: note: which calls 'Trainer::step'
// CHECK-MESSAGES: :22:55: note: which runs 'bound' under vmap
// CHECK-MESSAGES: :25:13: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :37:3: note: vmapped here
// CHECK-MESSAGES: :36:43: note: which runs 'stored' under vmap
// CHECK-MESSAGES: :26:13: warning: 'BatchNorm1d' keeps running statistics,
// CHECK-MESSAGES: :42:3: note: vmapped here
// CHECK-MESSAGES: :42:3: note: the training mode of 'direct' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :42:8: note: which runs 'direct' under vmap
