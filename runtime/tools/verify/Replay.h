//===--- Replay.h - Run a module under vmap and member by member ----------===//
//
// The measurement behind every "runs under vmap" claim: the module's
// forward pass under vmap_tidy::vmap over a batch, and the same module run
// once per member (what vmap promises to equal), compared on outputs and on
// gradients. Gradients flow the way training code gets them: the loss is
// computed from the unwrapped output, outside the vmap level, and
// torch::autograd::grad differentiates it with respect to the input batch
// and the module's parameters.
//
// Every pass runs twice: in the module's dtype (float32) and on a float64
// clone. Float64 is where equality is checked tightly: there, vmap and the
// loop agree to ~1e-15 unless they compute different things. In float32 the
// outputs must agree within the device tolerance, widened by twice the
// float32 loop's own error against float64: norms over tiny groups
// (GroupNorm with two features per group) are ill-conditioned, and two
// summation orders then differ by more than 1e-5 although neither is wrong;
// the verifier asks no more agreement than float32 itself achieves.
// Gradients must be defined and finite in float32 and equal the loop's in
// float64.
//
// A module that draws random numbers runs once under vmap with a
// randomness mode and once member by member from the same seed
// (replay_random); what must hold of the two is the claim's to say.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VERIFY_REPLAY_H
#define VMAP_TIDY_VERIFY_REPLAY_H

#include "Device.h"
#include "vmap_tidy/Vmap.h"

#include <torch/nn/modules/container/any.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vmap_tidy::verify {

struct ReplayOutcome {
  /// What the vmapped run threw (or the per-member loop, prefixed).
  std::optional<std::string> error;
  std::vector<int64_t> output_shape;
  bool shape_preserved = false;
  /// max |vmapped - loop| of the float32 outputs.
  double max_abs_diff = 0;
  /// max |float32 loop - float64 loop|: float32's own rounding here.
  double loop_float32_error = 0;
  /// max |vmapped - loop| of the float64 outputs.
  double max_abs_diff_float64 = 0;
  /// max |vmapped - loop| over all float64 gradients.
  double max_grad_abs_diff = 0;
  /// Names of the tensors whose gradients were checked: "input", "weight".
  std::vector<std::string> grads_checked;
  /// Empty when every gradient is defined, finite and matches the loop's;
  /// else what is wrong with the first one that is not.
  std::string grad_problem;

  /// The bound on max_abs_diff: output_abs + 2 * loop_float32_error.
  double output_bound(const Tolerances &tolerances) const;
  /// Ran, kept the shape, matched within the bounds, good gradients.
  bool holds(const Tolerances &tolerances) const;
  /// One line: the measurements, or the first thing that went wrong.
  std::string summary(const Tolerances &tolerances) const;
};

/// Replays \p module (in its current mode) on \p batch, [B, N, C, ...].
ReplayOutcome replay(torch::nn::AnyModule &module, const at::Tensor &batch,
                     const Tolerances &tolerances);

/// A module that draws random numbers (dropout in training mode), run under
/// vmap with a randomness mode and member by member, each from a seeded
/// generator. Outputs and input gradients are detached.
struct RandomReplayOutcome {
  /// What the vmapped run threw (or the per-member loop, prefixed).
  std::optional<std::string> error;
  at::Tensor output;
  at::Tensor looped;
  /// Gradients of the loss (taken outside vmap) for the input.
  at::Tensor input_grad;
  at::Tensor looped_input_grad;
  /// The loss is sum(output * weights): fixed, varied weights.
  at::Tensor weights;
};

/// Replays \p module (in its current mode) on \p batch under vmap with
/// \p randomness, after \p reseed; then member by member, after \p reseed
/// and, with \p reseed_each_member, again before each member (the draw of
/// one unbatched call for every member, what `same` promises). The module
/// sees a copy of the batch that is not a leaf, so in-place modules run.
RandomReplayOutcome replay_random(torch::nn::AnyModule &module,
                                  const at::Tensor &batch,
                                  Randomness randomness,
                                  const std::function<void()> &reseed,
                                  bool reseed_each_member);

/// The message of \p error, without the C++ backtrace c10::Error appends.
std::string message_of(const std::exception &error);

} // namespace vmap_tidy::verify

#endif // VMAP_TIDY_VERIFY_REPLAY_H
