//===--- Claims.cpp - Check what vmap-tidy says about one module ----------===//

#include "Claims.h"
#include "NormFactory.h"
#include "Replay.h"
#include "vmap_tidy/EvalModeGuard.h"
#include "vmap_tidy/ReplaceBatchNorm.h"
#include "vmap_tidy/Vmap.h"

#include <torch/cuda.h>
#include <torch/utils.h>

#include <cmath>
#include <cstdio>
#include <functional>

namespace vmap_tidy::verify {

namespace {

/// What functorch's batch_norm rule says when running statistics would be
/// updated in place (the same text in LibTorch 1.13 and 2.x).
constexpr const char *RunningStatsError =
    "running_mean or running_var, which will be updated in place, were not "
    "batched";

/// functorch's error for a random operation under vmap's default randomness
/// mode, whole (the same text in LibTorch 1.13 and 2.x).
constexpr const char *RandomnessError =
    "vmap: called random operation while in randomness error mode. Please "
    "either use the 'same' or 'different' randomness flags on vmap or perform "
    "the randomness operation out of vmap";

/// LibTorch's alpha dropout constant (the SELU's alpha times its scale).
constexpr double AlphaDropoutAlpha = 1.7580993408473766;

/// Every replay of a configuration starts from the same generator state, so
/// each claim sees the same original module and input.
constexpr uint64_t Seed = 20240607;

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

std::string first_line(const std::string &text) {
  return text.substr(0, text.find('\n'));
}

ClaimResult make_claim(std::string id, std::string title, std::string module) {
  ClaimResult claim;
  claim.id = std::move(id);
  claim.title = std::move(title);
  claim.module = std::move(module);
  return claim;
}

/// Fills \p claim from a replay.
void record(ClaimResult &claim, const ReplayOutcome &outcome,
            const Tolerances &tolerances) {
  claim.status =
      outcome.holds(tolerances) ? ClaimStatus::Pass : ClaimStatus::Fail;
  claim.detail = first_line(outcome.summary(tolerances));
  if (outcome.error) {
    claim.error = *outcome.error;
    return;
  }
  claim.output_shape = outcome.output_shape;
  if (!outcome.shape_preserved)
    return;
  claim.max_abs_diff = outcome.max_abs_diff;
  claim.output_bound = outcome.output_bound(tolerances);
  claim.max_abs_diff_float64 = outcome.max_abs_diff_float64;
  if (!outcome.grads_checked.empty())
    claim.max_grad_abs_diff = outcome.max_grad_abs_diff;
}

/// Runs \p body, turning anything it throws into a failed claim: a claim
/// that cannot be computed does not hold.
void guarded(ClaimResult &claim, const std::function<void()> &body) {
  try {
    body();
  } catch (const std::exception &error) {
    claim.status = ClaimStatus::Fail;
    claim.error = message_of(error);
    claim.detail = "could not be checked: " + first_line(*claim.error);
  }
}

std::string percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f%%", 100 * fraction);
  return buffer;
}

/// What a dropout module's output says about its draw.
struct DropoutDraw {
  /// Empty when every value (channel) is either kept or dropped as the
  /// kind does it; else what is wrong.
  std::string problem;
  /// Which values were kept, [B, N, C, ...].
  at::Tensor kept;
  /// The factor a kept value's gradient gets: 1 / (1 - p), or the alpha
  /// dropouts' scale a.
  double factor = 1;
  /// The share of values dropped.
  double dropped = 0;
};

/// Reads \p output of \p dropout on \p input (positive values): a kept
/// value is x / (1 - p) (alpha dropouts: a * x + alpha * a * p), a dropped
/// one 0 (alpha dropouts: alpha * a * (p - 1)), with a = 1 / sqrt((alpha^2 *
/// p + 1) * (1 - p)); channel dropouts keep or drop whole channels.
DropoutDraw read_dropout_draw(const DropoutConfiguration &dropout,
                              const at::Tensor &input,
                              const at::Tensor &output) {
  DropoutDraw draw;
  double p = dropout.p;
  at::Tensor kept_value, dropped_value;
  if (is_alpha_dropout(dropout.kind)) {
    double alpha = AlphaDropoutAlpha;
    double a = 1 / std::sqrt((alpha * alpha * p + 1) * (1 - p));
    draw.factor = a;
    kept_value = input * a + alpha * a * p;
    dropped_value = at::full_like(input, alpha * a * (p - 1));
  } else {
    draw.factor = 1 / (1 - p);
    kept_value = input / (1 - p);
    dropped_value = at::zeros_like(input);
  }
  if (output.sizes() != input.sizes()) {
    draw.problem = "output shape differs from the input's";
    return draw;
  }
  constexpr double rtol = 1e-5, atol = 1e-6;
  draw.kept = at::isclose(output, kept_value, rtol, atol);
  at::Tensor dropped = at::isclose(output, dropped_value, rtol, atol);
  draw.dropped = 1 - draw.kept.to(at::kDouble).mean().item<double>();
  if (!(draw.kept | dropped).all().item<bool>()) {
    draw.problem = "a value is neither kept nor dropped as " +
                   std::string(dropout_kind_name(dropout.kind)) + " does";
    return draw;
  }
  if (drops_channels(dropout.kind)) {
    // [B, N, C, spatial...]: one draw per sample and channel.
    at::Tensor channels = draw.kept.flatten(3);
    if (!at::equal(channels.all(3), channels.any(3)))
      draw.problem = "a channel is partly dropped";
  }
  return draw;
}

class ConfigurationVerifier {
public:
  ConfigurationVerifier(const ModuleConfiguration &configuration,
                        const ReplaySettings &settings,
                        const c10::Device &device)
      : configuration_(configuration), settings_(settings), device_(device),
        tolerances_(tolerances_for(device)) {
    result_.configuration = configuration;
    result_.groups = resolved_groups(configuration, settings.max_groups);
    if (configuration.channels || configuration.dropout) {
      result_.input_shape = member_shape(configuration, settings);
      result_.input_shape.insert(result_.input_shape.begin(), settings.members);
    }
  }

  ConfigurationResult run() {
    if (configuration_.dropout) {
      // Dropout with p 0 or 1 draws nothing: it returns its input, or zeros.
      double p = configuration_.dropout->p;
      if (p == 0 || p == 1) {
        result_.claims.push_back(original_runs());
        return result_;
      }
      result_.claims.push_back(dropout_fails());
      result_.claims.push_back(dropout_eval_mode());
      result_.claims.push_back(dropout_randomness(Randomness::Different));
      result_.claims.push_back(dropout_randomness(Randomness::Same));
      return result_;
    }
    if (!configuration_.channels) {
      ClaimResult claim =
          make_claim("replay", "replay", describe(configuration_));
      claim.status = ClaimStatus::Skip;
      claim.detail = "the channel count is not a compile-time constant; "
                     "nothing to replay";
      result_.claims.push_back(claim);
      return result_;
    }
    if (!configuration_.track_running_stats) {
      result_.claims.push_back(original_runs());
      return result_;
    }
    result_.claims.push_back(original_fails());
    result_.claims.push_back(stats_free_fix());
    result_.claims.push_back(group_norm_fix());
    result_.claims.push_back(eval_mode_fix());
    result_.claims.push_back(replace_all());
    return result_;
  }

private:
  /// Seeds the generators; the original module; then the input batch.
  void seed(uint64_t seed) const {
    torch::manual_seed(seed);
    if (device_.is_cuda())
      torch::cuda::manual_seed_all(seed);
  }
  torch::nn::AnyModule fresh_original() {
    seed(Seed);
    if (configuration_.dropout)
      return make_dropout(configuration_);
    return make_trained_original(configuration_, settings_, device_);
  }
  at::Tensor batch() const {
    // Drawn right after fresh_original(): the same batch for every claim.
    // A dropout's input is positive, so a dropped value (0, or the alpha
    // dropouts' negative constant) never looks kept.
    if (configuration_.dropout)
      return (torch::rand(result_.input_shape) + 0.5).to(device_);
    return torch::randn(result_.input_shape).to(device_);
  }

  ClaimResult dropout_fails() {
    return original_fails_with(RandomnessError,
                               "ran under vmap in training mode; expected "
                               "functorch's randomness error");
  }

  ClaimResult dropout_eval_mode() {
    ClaimResult claim =
        make_claim("fix-eval-mode", "fix: eval mode (EvalModeGuard)",
                   describe(configuration_) + " in eval mode");
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      at::Tensor input = batch();
      ReplayOutcome outcome;
      at::Tensor output;
      {
        EvalModeGuard eval(*original.ptr());
        outcome = replay(original, input, tolerances_);
        if (!outcome.error)
          output = vmap([&](const at::Tensor &x) {
            return original.forward<at::Tensor>(x);
          })(input.clone());
      }
      record(claim, outcome, tolerances_);
      if (claim.status != ClaimStatus::Pass)
        return;
      if (!torch::equal(output, input)) {
        claim.status = ClaimStatus::Fail;
        claim.detail = "eval mode changed the input; expected the identity";
      } else if (!original.ptr()->is_training()) {
        claim.status = ClaimStatus::Fail;
        claim.detail = "EvalModeGuard did not restore training mode";
      } else {
        claim.detail = "identity; " + claim.detail;
      }
    });
    return claim;
  }

  /// `different`: each member a valid draw of its own, and on the CPU the
  /// seeded per-member loop bit for bit; `same`: one mask for all members.
  ClaimResult dropout_randomness(Randomness randomness) {
    bool different = randomness == Randomness::Different;
    const DropoutConfiguration &dropout = *configuration_.dropout;
    ClaimResult claim = make_claim(
        different ? "fix-randomness-different" : "fix-randomness-same",
        different ? "fix: randomness different" : "fix: randomness same",
        describe(configuration_) +
            (different ? ", Randomness::Different" : ", Randomness::Same"));
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      at::Tensor input = batch();
      RandomReplayOutcome outcome = replay_random(
          original, input, randomness, [&] { seed(Seed + 1); },
          /*reseed_each_member=*/!different);
      claim.status = ClaimStatus::Fail;
      if (outcome.error) {
        claim.error = *outcome.error;
        claim.detail = first_line(*outcome.error);
        return;
      }
      claim.output_shape = outcome.output.sizes().vec();
      DropoutDraw draw = read_dropout_draw(dropout, input, outcome.output);
      if (!draw.problem.empty()) {
        claim.detail = draw.problem;
        return;
      }
      std::string dropped =
          percent(draw.dropped) + " of " +
          (drops_channels(dropout.kind) ? "channels" : "values") +
          " dropped, p " + format_number(dropout.p);
      // The loss is sum(output * weights): a kept value passes its weight,
      // scaled; a dropped one nothing.
      at::Tensor expected_grad =
          outcome.weights * draw.kept.to(outcome.weights.dtype()) * draw.factor;
      if (!outcome.input_grad.defined() ||
          !outcome.input_grad.isfinite().all().item<bool>() ||
          !at::allclose(outcome.input_grad, expected_grad, 1e-5, 1e-6)) {
        claim.detail = "the input's gradient is not the kept values' "
                       "weights, scaled";
        return;
      }
      std::string text;
      if (different) {
        text = "every member a valid " +
               std::string(dropout_kind_name(dropout.kind)) + " draw (" +
               dropped + ")";
      } else {
        at::Tensor first = draw.kept.select(0, 0).unsqueeze(0);
        if (!at::equal(draw.kept, first.expand_as(draw.kept))) {
          claim.detail = "members got different masks; expected one";
          return;
        }
        text = "every member the same mask (" + dropped + ")";
      }
      // The CPU generator draws in member order: the seeded loop, bit for
      // bit. Other generators are checked for valid draws only.
      if (different && !device_.is_cuda()) {
        claim.max_abs_diff =
            (outcome.output - outcome.looped).abs().max().item<double>();
        claim.output_bound = 0;
        claim.max_grad_abs_diff =
            (outcome.input_grad - outcome.looped_input_grad)
                .abs()
                .max()
                .item<double>();
        if (!at::equal(outcome.output, outcome.looped) ||
            !at::equal(outcome.input_grad, outcome.looped_input_grad)) {
          claim.detail = text +
                         ", but differs from the seeded per-member "
                         "loop by " +
                         format_number(std::max(*claim.max_abs_diff,
                                                *claim.max_grad_abs_diff));
          return;
        }
        text += "; equals the seeded per-member loop bit for bit, input "
                "gradients too";
      } else {
        text += "; input gradients pass the kept values";
      }
      claim.status = ClaimStatus::Pass;
      claim.detail = text;
    });
    return claim;
  }

  ClaimResult original_runs() {
    ClaimResult claim =
        make_claim("original-runs-under-vmap", "runs under vmap as written",
                   describe(configuration_));
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      ReplayOutcome outcome = replay(original, batch(), tolerances_);
      record(claim, outcome, tolerances_);
    });
    return claim;
  }

  ClaimResult original_fails() {
    return original_fails_with(RunningStatsError,
                               "ran under vmap; expected functorch's "
                               "running-stats error");
  }

  /// The original module, run under vmap, fails with \p expected.
  ClaimResult original_fails_with(const char *expected,
                                  const char *if_it_runs) {
    ClaimResult claim =
        make_claim("original-fails-under-vmap", "original fails under vmap",
                   describe(configuration_));
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      at::Tensor input = batch();
      try {
        vmap([&](const at::Tensor &x) {
          return original.forward<at::Tensor>(x);
        })(input);
      } catch (const std::exception &error) {
        claim.error = message_of(error);
      }
      if (!claim.error) {
        claim.status = ClaimStatus::Fail;
        claim.detail = if_it_runs;
      } else if (claim.error->find(expected) == std::string::npos) {
        claim.status = ClaimStatus::Fail;
        claim.detail = "failed with another error: " + first_line(*claim.error);
      } else {
        claim.status = ClaimStatus::Pass;
        claim.detail = first_line(*claim.error);
      }
    });
    return claim;
  }

  ClaimResult stats_free_fix() {
    ModuleConfiguration fixed = configuration_;
    fixed.track_running_stats = false;
    ClaimResult claim =
        make_claim("fix-track-running-stats", "fix: track_running_stats(false)",
                   describe(fixed));
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      at::Tensor input = batch();
      torch::nn::AnyModule module =
          make_stats_free(configuration_, original, device_);
      record(claim, replay(module, input, tolerances_), tolerances_);
    });
    return claim;
  }

  ClaimResult group_norm_fix() {
    std::optional<int64_t> groups = result_.groups;
    ClaimResult claim = make_claim(
        "fix-group-norm", "fix: GroupNorm",
        groups ? describe_group_norm(configuration_, *groups) : "GroupNorm");
    if (!groups) {
      int64_t channels = *configuration_.channels;
      claim.status = ClaimStatus::Skip;
      claim.detail =
          configuration_.kind == NormKind::BatchNorm1d
              ? "every grouping of " + std::to_string(channels) +
                    " features leaves one feature per group, which GroupNorm "
                    "normalises to zero"
              : "no group count up to " + std::to_string(settings_.max_groups) +
                    " divides " + std::to_string(channels) + " channels";
      return claim;
    }
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      at::Tensor input = batch();
      torch::nn::AnyModule module =
          make_group_norm(configuration_, *groups, original, device_);
      record(claim, replay(module, input, tolerances_), tolerances_);
    });
    return claim;
  }

  ClaimResult eval_mode_fix() {
    ClaimResult claim =
        make_claim("fix-eval-mode", "fix: eval mode (EvalModeGuard)",
                   describe(configuration_) + " in eval mode");
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      at::Tensor input = batch();
      std::vector<at::Tensor> statistics_before;
      for (const at::Tensor &buffer : original.ptr()->buffers())
        statistics_before.push_back(buffer.clone());
      ReplayOutcome outcome;
      {
        EvalModeGuard eval(*original.ptr());
        outcome = replay(original, input, tolerances_);
      }
      record(claim, outcome, tolerances_);
      std::vector<at::Tensor> statistics_after = original.ptr()->buffers();
      for (std::size_t i = 0; i < statistics_after.size(); ++i)
        if (!torch::equal(statistics_before[i], statistics_after[i])) {
          claim.status = ClaimStatus::Fail;
          claim.detail = "eval mode changed the running statistics";
        }
      if (!original.ptr()->is_training()) {
        claim.status = ClaimStatus::Fail;
        claim.detail = "EvalModeGuard did not restore training mode";
      }
    });
    return claim;
  }

  ClaimResult replace_all() {
    ClaimResult claim =
        make_claim("replace-all-batch-norm-modules",
                   "replace_all_batch_norm_modules_", describe(configuration_));
    guarded(claim, [&] {
      torch::nn::AnyModule original = fresh_original();
      at::Tensor input = batch();
      std::vector<ReplacedNormModule> replaced =
          replace_all_batch_norm_modules_(*original.ptr());
      if (replaced.size() != 1 ||
          replaced.front().kind != configuration_.kind) {
        claim.status = ClaimStatus::Fail;
        claim.detail = "changed " + std::to_string(replaced.size()) +
                       " modules; expected the one " +
                       std::string(norm_kind_name(configuration_.kind));
        return;
      }
      if (!original.ptr()->buffers().empty()) {
        claim.status = ClaimStatus::Fail;
        claim.detail = "running statistics are still registered as buffers";
        return;
      }
      record(claim, replay(original, input, tolerances_), tolerances_);
      if (claim.status == ClaimStatus::Pass)
        claim.detail = "dropped running stats; " + claim.detail;
    });
    return claim;
  }

  const ModuleConfiguration &configuration_;
  const ReplaySettings &settings_;
  c10::Device device_;
  Tolerances tolerances_;
  ConfigurationResult result_;
};

} // namespace

ConfigurationResult
verify_configuration(const ModuleConfiguration &configuration,
                     const ReplaySettings &settings,
                     const c10::Device &device) {
  return ConfigurationVerifier(configuration, settings, device).run();
}

} // namespace vmap_tidy::verify
