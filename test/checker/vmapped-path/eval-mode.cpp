// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

// Each model kind is used by one scenario below.
#define MODEL(Name)                                                            \
  struct Name##Impl : Module {                                                 \
    Name##Impl() { bn = register_module("bn", BatchNorm2d(4)); }               \
    torch::Tensor forward(torch::Tensor x) { return bn(x); }                   \
    BatchNorm2d bn{nullptr};                                                   \
  };                                                                           \
  TORCH_MODULE(Name)

MODEL(EvalFirst);
MODEL(EvalThenTrain);
MODEL(EvalOneBranch);
MODEL(TrainFalse);
MODEL(FromCaller);
MODEL(EvalBothBranches);

void scenarios(bool flag, FromCaller &fromCaller, const torch::Tensor &x) {
  // eval() dominates the call: not reported.
  EvalFirst evalFirst;
  evalFirst->eval();
  vmap([&](const torch::Tensor &t) { return evalFirst(t); }, x);

  // train() after eval() turns training back on.
  EvalThenTrain evalThenTrain;
  evalThenTrain->eval();
  evalThenTrain->train();
  vmap([&](const torch::Tensor &t) { return evalThenTrain(t); }, x);

  // eval() on one branch only: the other path still trains.
  EvalOneBranch evalOneBranch;
  if (flag)
    evalOneBranch->eval();
  vmap([&](const torch::Tensor &t) { return evalOneBranch(t); }, x);

  // eval() on every branch: not reported.
  EvalBothBranches evalBoth;
  if (flag)
    evalBoth->eval();
  else
    evalBoth->train(false);
  vmap([&](const torch::Tensor &t) { return evalBoth(t); }, x);

  // train(false) is eval; not reported.
  TrainFalse trainFalse;
  trainFalse->train(false);
  vmap([&](const torch::Tensor &t) { return trainFalse(t); }, x);

  // A parameter's mode is not known here: reported (AssumeTraining), with a
  // note saying so.
  vmap([&](const torch::Tensor &t) { return fromCaller(t); }, x);
}

// Reported: the train-after-eval, one-branch and unknown-mode scenarios.

// CHECK-MESSAGES: :22:1: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :15:47: note: expanded from macro 'MODEL'
// CHECK-MESSAGES: :22:1: note: no automatic fix: the construction is written inside a macro
// CHECK-MESSAGES: :15:47: note: expanded from macro 'MODEL'
// CHECK-MESSAGES: :38:3: note: vmapped here
// CHECK-MESSAGES: :38:45: note: which calls 'EvalThenTrainImpl::forward'
// CHECK-MESSAGES: :22:1: note: which runs 'bn' under vmap
// CHECK-MESSAGES: :23:1: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :15:47: note: expanded from macro 'MODEL'
// CHECK-MESSAGES: :23:1: note: no automatic fix: the construction is written inside a macro
// CHECK-MESSAGES: :15:47: note: expanded from macro 'MODEL'
// CHECK-MESSAGES: :44:3: note: vmapped here
// CHECK-MESSAGES: :44:45: note: which calls 'EvalOneBranchImpl::forward'
// CHECK-MESSAGES: :23:1: note: which runs 'bn' under vmap
// CHECK-MESSAGES: :25:1: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :15:47: note: expanded from macro 'MODEL'
// CHECK-MESSAGES: :25:1: note: no automatic fix: the construction is written inside a macro
// CHECK-MESSAGES: :15:47: note: expanded from macro 'MODEL'
// CHECK-MESSAGES: :61:3: note: vmapped here
// CHECK-MESSAGES: :61:3: note: the training mode of 'fromCaller' is not known here; assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :61:45: note: which calls 'FromCallerImpl::forward'
// CHECK-MESSAGES: :25:1: note: which runs 'bn' under vmap
