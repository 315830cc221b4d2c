// The randomness mode chosen at the runtime library's vmap decides: 'same'
// and 'different' draw, 'error' (the default) fails.
// RUN: %check_vmap_tidy %s vmap-random-op %t -- -- -I %S/../../../runtime/include

#include <torch/torch.h>
#include <vmap_tidy/Vmap.h>

torch::Tensor noisy(const torch::Tensor &x) { return x + torch::rand_like(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:58: warning: 'rand_like' draws random numbers, which fails under vmap's default randomness mode ('vmap: called random operation while in randomness error mode') [vmap-random-op]
// CHECK-MESSAGES: :23:7: note: or choose the randomness mode at this vmap call
// CHECK-MESSAGES-NOT: not known here
// CHECK-MESSAGES: :23:7: note: vmapped here
// CHECK-MESSAGES: :23:59: note: which calls 'noisy'

torch::Tensor run(const torch::Tensor &x) {
  auto different = vmap_tidy::vmap(noisy, {0}, {0},
                                   vmap_tidy::Randomness::Different)(x);
  auto same =
      vmap_tidy::vmap([](const torch::Tensor &t) { return noisy(t); }, {0},
                      {0}, vmap_tidy::Randomness::Same)(x);
  // The default: error.
  auto failing =
      vmap_tidy::vmap([](const torch::Tensor &t) { return noisy(t); })(x);
  return different + same + failing;
}
