// RUN: %check_vmap_tidy %s vmap-functional-batch-norm %t

#include <torch/torch.h>

#include <functional>

namespace F = torch::nn::functional;

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

// Functional weights kept in a struct, as functional ResNets do.
struct FunctionalNetImpl : torch::nn::Module {
  FunctionalNetImpl() {
    mean = register_buffer("mean", torch::zeros({4}));
    var = register_buffer("var", torch::ones({4}));
  }
  torch::Tensor forward(torch::Tensor x) {
    auto a = torch::batch_norm(x, {}, {}, mean, var, /*training=*/true, 0.1,
                               1e-5, false);
    // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'batch_norm' updates running_mean and running_var in place (training is true), which fails under vmap on a batched input: 'Batch norm got a batched tensor as input while the running_mean or running_var, which will be updated in place, were not batched' [vmap-functional-batch-norm]
    // CHECK-MESSAGES: :15:12: note: 'mean' is a buffer of 'FunctionalNetImpl', registered here: with {} it is no longer updated
    // CHECK-MESSAGES: :16:11: note: 'var' is a buffer of 'FunctionalNetImpl', registered here: with {} it is no longer updated
    // CHECK-MESSAGES: :44:10: note: vmapped here
    // CHECK-MESSAGES: :44:52: note: which calls 'FunctionalNetImpl::forward'
    // CHECK-FIXES: auto a = torch::batch_norm(x, {}, {}, {}, {}, /*training=*/true, 0.1,
    auto b = F::batch_norm(x, mean, var,
                           F::BatchNormFuncOptions().training(is_training()));
    // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'batch_norm' updates running_mean and running_var in place (training follows the module's training mode), which fails under vmap on a batched input: 'Batch norm got a batched tensor as input while the running_mean or running_var, which will be updated in place, were not batched' [vmap-functional-batch-norm]
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: pass undefined tensors ({}) for running_mean and running_var under vmap, the functional form of track_running_stats(false), or training false
    // CHECK-MESSAGES: :44:10: note: the training mode of 'net' is not known here; assuming training mode (option AssumeTraining)
    // CHECK-FIXES: auto b = F::batch_norm(x, mean, var,
    auto c = F::instance_norm(
        x, F::InstanceNormFuncOptions().running_mean(mean).running_var(var));
    // CHECK-MESSAGES: :[[@LINE-2]]:14: warning: 'instance_norm' updates running_mean and running_var in place (use_input_stats is true), which fails under vmap on a batched input: 'Batch norm got a batched tensor as input while the running_mean or running_var, which will be updated in place, were not batched' [vmap-functional-batch-norm]
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: pass undefined tensors ({}) for running_mean and running_var under vmap, the functional form of track_running_stats(false), or use_input_stats false
    return a + b + c;
  }
  torch::Tensor mean, var;
};
TORCH_MODULE(FunctionalNet);

torch::Tensor run(FunctionalNet &net, const torch::Tensor &x) {
  return vmap([&](const torch::Tensor &t) { return net(t); }, x);
}
