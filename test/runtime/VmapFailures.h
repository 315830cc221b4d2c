//===--- VmapFailures.h - Asserting what fails under vmap -----------------===//
//
// The runtime tests prove each diagnostic by running its program under
// vmap_tidy::vmap: these assert functorch's error, and that no vmap level is
// left behind when it is thrown.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_TEST_RUNTIME_VMAPFAILURES_H
#define VMAP_TIDY_TEST_RUNTIME_VMAPFAILURES_H

#include "vmap_tidy/Vmap.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <exception>
#include <string>

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

} // namespace vmap_tidy::test

#endif
