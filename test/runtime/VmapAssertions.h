//===--- VmapAssertions.h - What fails under vmap, what matches a loop ----===//
//
// The runtime tests prove each diagnostic by running its program under
// vmap_tidy::vmap: these assert functorch's error (and that no vmap level is
// left behind when it is thrown), and that a fixed program equals a plain
// loop over the batch's members.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_TEST_RUNTIME_VMAPASSERTIONS_H
#define VMAP_TIDY_TEST_RUNTIME_VMAPASSERTIONS_H

#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <exception>
#include <string>
#include <vector>

namespace vmap_tidy::test {

/// functorch's error for a norm updating unbatched running statistics.
inline const std::string kRunningStatsError =
    "Batch norm got a batched tensor as input while the running_mean or "
    "running_var, which will be updated in place, were not batched.";

/// Checks that \p run throws a c10::Error whose message contains
/// \p expected, leaving no vmap level active.
template <typename Run>
::testing::AssertionResult throws_vmap_error(const std::string &expected,
                                             Run run) {
  std::string message = "<nothing thrown>";
  try {
    run();
  } catch (const c10::Error &error) {
    message = error.what_without_backtrace();
  } catch (const std::exception &error) {
    message = std::string("<not a c10::Error> ") + error.what();
  }
  if (active_functorch_levels() != 0)
    return ::testing::AssertionFailure() << "a vmap level is left active";
  if (message.find(expected) == std::string::npos)
    return ::testing::AssertionFailure()
           << "expected a c10::Error containing\n  " << expected << "\ngot\n  "
           << message;
  return ::testing::AssertionSuccess();
}

/// Runs \p body on each member of \p x (in_dim 0) under vmap with
/// \p randomness, and checks that it fails with \p expected.
template <typename Body>
::testing::AssertionResult
fails_under_vmap_with(const std::string &expected, const Body &body,
                      const torch::Tensor &x,
                      Randomness randomness = Randomness::Error) {
  return throws_vmap_error(expected, [&] {
    vmap(
        [&](const torch::Tensor &t) {
          (void)body(t);
          return t;
        },
        {0}, {0}, randomness)(x);
  });
}

/// The stack of \p original applied to each member of \p x in a plain loop.
template <typename Original>
torch::Tensor per_member_loop(const Original &original,
                              const torch::Tensor &x) {
  std::vector<torch::Tensor> members;
  for (int64_t i = 0; i < x.size(0); ++i)
    members.push_back(original(x[i]));
  return torch::stack(members);
}

/// Runs \p fixed under vmap over \p x (in_dim 0, \p randomness) and checks
/// it equals, within allclose's \p rtol and \p atol in float64, the stack of
/// \p original applied to each member in a plain loop.
template <typename Fixed, typename Original>
::testing::AssertionResult
matches_per_member_loop(const Fixed &fixed, const Original &original,
                        const torch::Tensor &x,
                        Randomness randomness = Randomness::Error,
                        double rtol = 1e-5, double atol = 1e-8) {
  torch::Tensor batched = vmap(fixed, {0}, {0}, randomness)(x);
  torch::Tensor looped = per_member_loop(original, x);
  if (batched.sizes() != looped.sizes() ||
      !torch::allclose(batched.to(torch::kDouble), looped.to(torch::kDouble),
                       rtol, atol))
    return ::testing::AssertionFailure() << "under vmap:\n"
                                         << batched << "\nper member:\n"
                                         << looped;
  return ::testing::AssertionSuccess();
}

} // namespace vmap_tidy::test

#endif
