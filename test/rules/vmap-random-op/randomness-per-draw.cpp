// 'same' and 'different' each fail one kind of draw (checked at run time in
// test/runtime/RandomOpTest.cpp): 'different' cannot sample in place into a
// tensor that is not batched (a module's fresh parameters, an initialiser
// or sampler on a new tensor), 'same' cannot draw from batched parameters
// (bernoulli(p), multinomial). Everything else draws under both. The alpha
// dropouts' functional options do not train by default.
// RUN: %check_vmap_tidy %s vmap-random-op %t -- -- -I %S/../../../runtime/include

#include <torch/torch.h>
#include <vmap_tidy/Vmap.h>

namespace F = torch::nn::functional;
using vmap_tidy::Randomness;

torch::Tensor inPlace(const torch::Tensor &x) {
  torch::nn::Linear layer(4, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: constructing 'Linear' inside vmapped code draws its initial parameters at random, which fails under vmap's 'different' randomness, which cannot sample in place into a tensor that is not batched ('vmap: Cannot ask for different inplace randomness on an unbatched tensor'); construct it outside the vmapped function [vmap-random-op]
  // CHECK-MESSAGES: :53:12: note: or choose the randomness mode at this vmap call: 'same' draws once for all batch members ('different' cannot sample in place into a tensor that is not batched) (vmap_tidy::vmap's fourth argument, vmap_tidy::Randomness::Same)
  // CHECK-MESSAGES: :53:12: note: vmapped here
  // CHECK-MESSAGES: :53:28: note: which calls 'inPlace'
  torch::Tensor noise = torch::empty({4}).uniform_();
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'uniform_' draws random numbers, which fails under vmap's 'different' randomness
  // CHECK-MESSAGES: :53:12: note: or choose the randomness mode at this vmap call: 'same' draws once
  // CHECK-MESSAGES: :53:12: note: vmapped here
  // CHECK-MESSAGES: :53:28: note: which calls 'inPlace'
  torch::Tensor batched = torch::empty_like(x).normal_();
  torch::Tensor shaped = torch::randn_like(x);
  return layer(x) + noise + batched + shaped + torch::randn({4}) +
         torch::dropout(x, 0.5, /*train=*/true);
}

torch::Tensor fromParameters(const torch::Tensor &x) {
  torch::Tensor coin = torch::bernoulli(x.sigmoid());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'bernoulli' draws random numbers, which fails under vmap's 'same' randomness, which cannot draw from batched parameters ('Vmap does not currently support same randomness with a batched tensor input') [vmap-random-op]
  // CHECK-MESSAGES: :54:12: note: or choose the randomness mode at this vmap call: 'different' draws independently per batch member ('same' cannot draw from batched parameters) (vmap_tidy::vmap's fourth argument, vmap_tidy::Randomness::Different)
  // CHECK-MESSAGES: :54:12: note: vmapped here
  // CHECK-MESSAGES: :54:28: note: which calls 'fromParameters'
  torch::Tensor pick = x.softmax(0).multinomial(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'multinomial' draws random numbers, which fails under vmap's 'same' randomness
  // CHECK-MESSAGES: :54:12: note: or choose the randomness mode at this vmap call: 'different'
  // CHECK-MESSAGES: :54:12: note: vmapped here
  // CHECK-MESSAGES: :54:28: note: which calls 'fromParameters'
  // Parameters that are not batched draw under 'same'.
  torch::Tensor shared = torch::bernoulli(torch::full({4}, 0.5));
  return coin + pick + shared + torch::normal(0, 1, {4}) +
         torch::empty_like(x).uniform_() +
         F::alpha_dropout(x, F::AlphaDropoutFuncOptions().p(0.2)) +
         F::feature_alpha_dropout(x);
}

torch::Tensor run(const torch::Tensor &x) {
  auto a = vmap_tidy::vmap(inPlace, {0}, {0}, Randomness::Same)(x);
  auto b = vmap_tidy::vmap(inPlace, {0}, {0}, Randomness::Different)(x);
  auto c = vmap_tidy::vmap(fromParameters, {0}, {0}, Randomness::Same)(x);
  auto d = vmap_tidy::vmap(fromParameters, {0}, {0}, Randomness::Different)(x);
  return a + b + c + d;
}
