//===--- TestModels.h - Small module trees for the runtime tests ----------===//

#ifndef VMAP_TIDY_TEST_RUNTIME_TESTMODELS_H
#define VMAP_TIDY_TEST_RUNTIME_TESTMODELS_H

#include "vmap_tidy/Vmap.h"

#include <torch/torch.h>

namespace vmap_tidy::test {

/// A custom module holding a Sequential with a BatchNorm2d, an InstanceNorm2d
/// that tracks running statistics, a BatchNorm1d head, and a BatchNorm2d
/// that is already fine under vmap.
struct NestedNetImpl : torch::nn::Module {
  NestedNetImpl() {
    using namespace torch::nn;
    features = register_module(
        "features",
        Sequential(
            Conv2d(Conv2dOptions(3, 4, 3).padding(1)), BatchNorm2d(4), ReLU(),
            InstanceNorm2d(
                InstanceNorm2dOptions(4).affine(true).track_running_stats(
                    true))));
    stats_free = register_module(
        "stats_free",
        BatchNorm2d(BatchNorm2dOptions(4).track_running_stats(false)));
    head = register_module("head", Linear(4, 6));
    head_norm = register_module("head_norm", BatchNorm1d(6));
  }

  torch::Tensor forward(const torch::Tensor &x) {
    torch::Tensor h = stats_free(features->forward(x));
    h = h.mean({2, 3});
    return head_norm(head(h));
  }

  torch::nn::Sequential features{nullptr};
  torch::nn::BatchNorm2d stats_free{nullptr};
  torch::nn::Linear head{nullptr};
  torch::nn::BatchNorm1d head_norm{nullptr};
};
TORCH_MODULE(NestedNet);

/// \p module's forward, run on each member of \p batch and stacked.
template <typename ModulePointer>
torch::Tensor per_member(ModulePointer &module, const torch::Tensor &batch) {
  std::vector<torch::Tensor> outputs;
  for (int64_t i = 0; i < batch.size(0); ++i)
    outputs.push_back(module->forward(batch[i]));
  return torch::stack(outputs);
}

/// \p module's forward under vmap over dim 0 of \p batch.
template <typename ModulePointer>
torch::Tensor vmapped(ModulePointer &module, const torch::Tensor &batch) {
  return vmap([&](const torch::Tensor &x) { return module->forward(x); })(
      batch);
}

} // namespace vmap_tidy::test

#endif // VMAP_TIDY_TEST_RUNTIME_TESTMODELS_H
