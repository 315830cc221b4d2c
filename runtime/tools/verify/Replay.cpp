//===--- Replay.cpp - Run a module under vmap and member by member --------===//

#include "Replay.h"
#include "vmap_tidy/Vmap.h"

#include <torch/autograd.h>

#include <cmath>
#include <cstdio>

namespace vmap_tidy::verify {

std::string message_of(const std::exception &error) {
  if (const auto *torch_error = dynamic_cast<const c10::Error *>(&error))
    return torch_error->what_without_backtrace();
  return error.what();
}

namespace {

std::string scientific(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1e", value);
  return buffer;
}

/// Fixed, varied weights for the loss, so no gradient is trivially zero
/// (a plain sum of a normalised output has zero gradient) and none depends
/// on the random generator.
at::Tensor loss_weights(const at::Tensor &output) {
  return at::arange(output.numel(), output.options())
      .mul(0.37)
      .sin()
      .reshape(output.sizes());
}

/// One forward and backward pass, vmapped or member by member.
struct Pass {
  at::Tensor output;
  /// Gradients of the loss for the input, then each parameter; undefined
  /// where none reached it.
  std::vector<at::Tensor> grads;
};

Pass run_pass(torch::nn::AnyModule &module, const at::Tensor &batch,
              bool vmapped) {
  auto forward = [&](const at::Tensor &x) {
    return module.forward<at::Tensor>(x);
  };
  at::Tensor input = batch.detach().clone().requires_grad_(true);
  Pass pass;
  if (vmapped) {
    pass.output = vmap(forward)(input);
  } else {
    std::vector<at::Tensor> members;
    for (int64_t i = 0; i < input.size(0); ++i)
      members.push_back(forward(input[i]));
    pass.output = at::stack(members);
  }
  // The loss is taken outside the vmap level, from the unwrapped output, as
  // a training loop would.
  std::vector<at::Tensor> sources = {input};
  for (const at::Tensor &parameter : module.ptr()->parameters())
    sources.push_back(parameter);
  at::Tensor loss = (pass.output * loss_weights(pass.output)).sum();
  pass.grads = torch::autograd::grad({loss}, sources, /*grad_outputs=*/{},
                                     /*retain_graph=*/false,
                                     /*create_graph=*/false,
                                     /*allow_unused=*/true);
  return pass;
}

double max_abs_difference(const at::Tensor &a, const at::Tensor &b) {
  return (a.detach() - b.detach()).abs().max().item<double>();
}

/// One forward and backward pass of a random module: vmapped with
/// \p randomness, or member by member.
Pass run_random_pass(torch::nn::AnyModule &module, const at::Tensor &batch,
                     std::optional<Randomness> randomness,
                     const std::function<void()> &reseed,
                     bool reseed_each_member) {
  auto forward = [&](const at::Tensor &x) {
    return module.forward<at::Tensor>(x);
  };
  at::Tensor leaf = batch.detach().clone().requires_grad_(true);
  // An in-place module writes into this copy; a leaf would refuse.
  at::Tensor input = leaf.clone();
  Pass pass;
  reseed();
  if (randomness) {
    pass.output = vmap(forward, {0}, {0}, *randomness)(input);
  } else {
    std::vector<at::Tensor> members;
    for (int64_t i = 0; i < input.size(0); ++i) {
      if (reseed_each_member && i > 0)
        reseed();
      members.push_back(forward(input[i]));
    }
    pass.output = at::stack(members);
  }
  at::Tensor loss = (pass.output * loss_weights(pass.output)).sum();
  pass.grads = torch::autograd::grad({loss}, {leaf}, /*grad_outputs=*/{},
                                     /*retain_graph=*/false,
                                     /*create_graph=*/false,
                                     /*allow_unused=*/true);
  return pass;
}

} // namespace

RandomReplayOutcome replay_random(torch::nn::AnyModule &module,
                                  const at::Tensor &batch,
                                  Randomness randomness,
                                  const std::function<void()> &reseed,
                                  bool reseed_each_member) {
  RandomReplayOutcome outcome;
  Pass vmapped, looped;
  try {
    vmapped =
        run_random_pass(module, batch, randomness, reseed, reseed_each_member);
  } catch (const std::exception &error) {
    outcome.error = message_of(error);
    return outcome;
  }
  try {
    looped = run_random_pass(module, batch, std::nullopt, reseed,
                             reseed_each_member);
  } catch (const std::exception &error) {
    outcome.error = "the per-member loop failed: " + message_of(error);
    return outcome;
  }
  outcome.output = vmapped.output.detach();
  outcome.looped = looped.output.detach();
  outcome.input_grad = vmapped.grads[0];
  outcome.looped_input_grad = looped.grads[0];
  outcome.weights = loss_weights(outcome.output);
  return outcome;
}

bool ReplayOutcome::holds(const Tolerances &tolerances) const {
  // Written so that NaN differences fail.
  return !error && shape_preserved &&
         max_abs_diff <= output_bound(tolerances) &&
         max_abs_diff_float64 <= tolerances.float64_abs && grad_problem.empty();
}

double ReplayOutcome::output_bound(const Tolerances &tolerances) const {
  return tolerances.output_abs + 2 * loop_float32_error;
}

std::string ReplayOutcome::summary(const Tolerances &tolerances) const {
  if (error)
    return *error;
  if (!shape_preserved)
    return "output shape differs from the input's";
  std::string text = "max|vmap - loop| " + scientific(max_abs_diff);
  if (!(max_abs_diff <= output_bound(tolerances)))
    return text + " exceeds " + scientific(output_bound(tolerances));
  if (loop_float32_error * 2 > tolerances.output_abs)
    text +=
        " (float32 loop itself off by " + scientific(loop_float32_error) + ")";
  text += ", " + scientific(max_abs_diff_float64) + " in float64";
  if (!(max_abs_diff_float64 <= tolerances.float64_abs))
    return text + ", more than " + scientific(tolerances.float64_abs);
  if (!grad_problem.empty())
    return text + "; " + grad_problem;
  std::string names;
  for (const std::string &name : grads_checked)
    names += (names.empty() ? "" : ", ") + name;
  return text + "; grads of " + names + " finite, match (" +
         scientific(max_grad_abs_diff) + " in float64)";
}

ReplayOutcome replay(torch::nn::AnyModule &module, const at::Tensor &batch,
                     const Tolerances &tolerances) {
  ReplayOutcome outcome;
  // As given (float32): vmap runs, keeps the shape, gradients are sane.
  Pass vmapped, looped, wide_vmapped, wide_looped;
  try {
    vmapped = run_pass(module, batch, /*vmapped=*/true);
  } catch (const std::exception &error) {
    outcome.error = message_of(error);
    return outcome;
  }
  try {
    looped = run_pass(module, batch, /*vmapped=*/false);
  } catch (const std::exception &error) {
    outcome.error = "the per-member loop failed: " + message_of(error);
    return outcome;
  }
  outcome.output_shape = vmapped.output.sizes().vec();
  outcome.shape_preserved = vmapped.output.sizes() == batch.sizes() &&
                            looped.output.sizes() == batch.sizes();
  if (!outcome.shape_preserved)
    return outcome;

  // The same on a float64 clone: the reference for how far float32 rounding
  // alone moves the result, and where equality is checked tightly.
  try {
    torch::nn::AnyModule wide = module.clone();
    wide.ptr()->to(at::kDouble);
    at::Tensor wide_batch = batch.to(at::kDouble);
    wide_vmapped = run_pass(wide, wide_batch, /*vmapped=*/true);
    wide_looped = run_pass(wide, wide_batch, /*vmapped=*/false);
  } catch (const std::exception &error) {
    outcome.error = "float64 replay failed: " + message_of(error);
    return outcome;
  }
  outcome.max_abs_diff = max_abs_difference(vmapped.output, looped.output);
  outcome.loop_float32_error =
      max_abs_difference(looped.output.to(at::kDouble), wide_looped.output);
  outcome.max_abs_diff_float64 =
      max_abs_difference(wide_vmapped.output, wide_looped.output);

  outcome.grads_checked = {"input"};
  for (const auto &item : module.ptr()->named_parameters())
    outcome.grads_checked.push_back(item.key());
  for (std::size_t i = 0; i < outcome.grads_checked.size(); ++i) {
    const std::string &name = outcome.grads_checked[i];
    const at::Tensor &got = wide_vmapped.grads[i];
    const at::Tensor &want = wide_looped.grads[i];
    if (!vmapped.grads[i].defined() || !got.defined() || !want.defined()) {
      outcome.grad_problem = "no gradient reached " + name;
      return outcome;
    }
    if (!vmapped.grads[i].isfinite().all().item<bool>()) {
      outcome.grad_problem = "gradient of " + name + " is not finite";
      return outcome;
    }
    double diff = max_abs_difference(got, want);
    outcome.max_grad_abs_diff = std::max(outcome.max_grad_abs_diff, diff);
    if (!at::allclose(got, want, tolerances.grad_rel, tolerances.grad_abs)) {
      outcome.grad_problem = "gradient of " + name +
                             " differs from the loop's by " + scientific(diff) +
                             " in float64";
      return outcome;
    }
  }
  return outcome;
}

} // namespace vmap_tidy::verify
