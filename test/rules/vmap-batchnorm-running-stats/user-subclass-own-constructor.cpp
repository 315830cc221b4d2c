// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

// A subclass with its own constructor builds the BatchNorm in its base
// initialiser: that is where the options are decided and reported. The
// subclass's own constructor arguments are not BatchNorm options, so its
// construction sites are not reported again.
struct MyBN1d : torch::nn::BatchNorm1dImpl {
  explicit MyBN1d(int64_t c) : torch::nn::BatchNorm1dImpl(c) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'BatchNorm1d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
};

struct QuietBN1d : torch::nn::BatchNorm1dImpl {
  explicit QuietBN1d(int64_t c)
      : torch::nn::BatchNorm1dImpl(
            torch::nn::BatchNorm1dOptions(c).track_running_stats(false)) {}
};

void useSubclasses() {
  MyBN1d one(4);
  QuietBN1d two(4);
  auto three = std::make_shared<QuietBN1d>(8);
  torch::nn::Sequential seq(QuietBN1d(16));
}
