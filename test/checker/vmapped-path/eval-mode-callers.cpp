// The training mode of a module that comes from the caller's frame: a
// lambda's captures have the mode they have where the lambda runs, a
// parameter the mode of the argument at every call in the file. Callers
// that disagree leave it unknown, and the note says which caller trains.
// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t

#include <torch/torch.h>

#include <functional>

using namespace torch::nn;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

#define MODEL(Name)                                                            \
  struct Name##Impl : Module {                                                 \
    Name##Impl() { bn = register_module("bn", BatchNorm2d(4)); }               \
    torch::Tensor forward(torch::Tensor x) { return bn(x); }                   \
    BatchNorm2d bn{nullptr};                                                   \
  };                                                                           \
  TORCH_MODULE(Name)

MODEL(EvalBeforeRun);
MODEL(StoredThenEval);
MODEL(StoredTrainAfter);
MODEL(JobAfterEval);
MODEL(JobInTraining);
MODEL(EvalByCaller);
MODEL(Mixed);

template <class F> void run(F f) { f(); }

void lambdas(const torch::Tensor &x) {
  // eval(), then a lambda that vmaps, run by a helper: not reported.
  EvalBeforeRun evalBeforeRun;
  evalBeforeRun->eval();
  run([&] {
    vmap([&](const torch::Tensor &t) { return evalBeforeRun(t); }, x);
  });

  // The vmapped lambda is stored before eval(), vmapped after: not reported.
  StoredThenEval storedThenEval;
  auto fn = [&](const torch::Tensor &t) { return storedThenEval(t); };
  storedThenEval->eval();
  vmap(fn, x);

  // The same, but train() comes back before the vmap: reported.
  StoredTrainAfter storedTrainAfter;
  auto fn2 = [&](const torch::Tensor &t) { return storedTrainAfter(t); };
  storedTrainAfter->eval();
  storedTrainAfter->train();
  vmap(fn2, x);

  // A stored job that vmaps, called after eval(): not reported.
  JobAfterEval jobAfterEval;
  auto job = [&] {
    return vmap([&](const torch::Tensor &t) { return jobAfterEval(t); }, x);
  };
  jobAfterEval->eval();
  job();

  // Called in training mode: reported, from the job's vmap call.
  JobInTraining jobInTraining;
  auto job2 = [&] {
    return vmap([&](const torch::Tensor &t) { return jobInTraining(t); }, x);
  };
  job2();
}

// A parameter: every caller puts it in eval mode first.
torch::Tensor apply(EvalByCaller &model, const torch::Tensor &x) {
  return vmap([&](const torch::Tensor &t) { return model(t); }, x);
}
torch::Tensor evaluateOnly(const torch::Tensor &x) {
  EvalByCaller model;
  model->eval();
  return apply(model, x);
}

// Callers that disagree: unknown, with the caller that trains named.
torch::Tensor applyMixed(Mixed &model, const torch::Tensor &x) {
  return vmap([&](const torch::Tensor &t) { return model(t); }, x);
}
torch::Tensor evaluate(Mixed &model, const torch::Tensor &x) {
  model->eval();
  return applyMixed(model, x);
}
torch::Tensor trainStep(Mixed &model, const torch::Tensor &x) {
  model->train();
  return applyMixed(model, x);
}

// CHECK-MESSAGES: :26:1: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :53:3: note: vmapped here
// CHECK-MESSAGES: :53:8: note: which calls 'lambda at {{.*}}:50:14'
// CHECK-MESSAGES: :28:1: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :66:12: note: vmapped here
// CHECK-MESSAGES-NOT: not known here
// CHECK-MESSAGES: :66:54: note: which calls 'JobInTrainingImpl::forward'
// CHECK-MESSAGES: :30:1: warning: 'BatchNorm2d' keeps running statistics,
// CHECK-MESSAGES: :83:10: note: vmapped here
// CHECK-MESSAGES: :83:10: note: the training mode of 'model' is not known here (training in the call from 'trainStep', eval in the call from 'evaluate'); assuming training mode (option AssumeTraining)
// CHECK-MESSAGES: :83:52: note: which calls 'MixedImpl::forward'
