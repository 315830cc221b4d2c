//===--- Claims.cpp - Check what vmap-tidy says about one module ----------===//

#include "Claims.h"
#include "NormFactory.h"
#include "Replay.h"
#include "vmap_tidy/EvalModeGuard.h"
#include "vmap_tidy/ReplaceBatchNorm.h"
#include "vmap_tidy/Vmap.h"

#include <torch/cuda.h>
#include <torch/utils.h>

#include <functional>

namespace vmap_tidy::verify {

namespace {

/// What functorch's batch_norm rule says when running statistics would be
/// updated in place (the same text in LibTorch 1.13 and 2.x).
constexpr const char *RunningStatsError =
    "running_mean or running_var, which will be updated in place, were not "
    "batched";

/// Every replay of a configuration starts from the same generator state, so
/// each claim sees the same original module and input.
constexpr uint64_t Seed = 20240607;

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

class ConfigurationVerifier {
public:
  ConfigurationVerifier(const NormConfiguration &configuration,
                        const ReplaySettings &settings,
                        const c10::Device &device)
      : configuration_(configuration), settings_(settings), device_(device),
        tolerances_(tolerances_for(device)) {
    result_.configuration = configuration;
    result_.groups = resolved_groups(configuration, settings.max_groups);
    if (configuration.channels) {
      result_.input_shape = member_shape(configuration, settings);
      result_.input_shape.insert(result_.input_shape.begin(), settings.members);
    }
  }

  ConfigurationResult run() {
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
  torch::nn::AnyModule fresh_original() {
    torch::manual_seed(Seed);
    if (device_.is_cuda())
      torch::cuda::manual_seed_all(Seed);
    return make_trained_original(configuration_, settings_, device_);
  }
  at::Tensor batch() const {
    // Drawn right after fresh_original(): the same batch for every claim.
    return torch::randn(result_.input_shape).to(device_);
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
        claim.detail = "ran under vmap; expected functorch's running-stats "
                       "error";
      } else if (claim.error->find(RunningStatsError) == std::string::npos) {
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
    NormConfiguration fixed = configuration_;
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

  const NormConfiguration &configuration_;
  const ReplaySettings &settings_;
  c10::Device device_;
  Tolerances tolerances_;
  ConfigurationResult result_;
};

} // namespace

ConfigurationResult verify_configuration(const NormConfiguration &configuration,
                                         const ReplaySettings &settings,
                                         const c10::Device &device) {
  return ConfigurationVerifier(configuration, settings, device).run();
}

} // namespace vmap_tidy::verify
