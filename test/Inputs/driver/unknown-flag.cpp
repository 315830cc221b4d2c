#include <torch/torch.h>

using namespace torch::nn;

struct NetImpl : Module {
  explicit NetImpl(bool flag) {
    register_module("a", BatchNorm2d(BatchNorm2dOptions(4).track_running_stats(flag)));
    int line8_padding = 0;
    register_module("b", BatchNorm2d(4));
    (void)line8_padding;
    register_module("c", InstanceNorm2d(InstanceNorm2dOptions(4).track_running_stats(true)));
  }
};

// Building the model inside vmapped code runs its constructor under vmap.
[[clang::annotate("vmap_tidy::vmapped")]] torch::Tensor run(const torch::Tensor &x) {
  NetImpl net(true);
  return x;
}
