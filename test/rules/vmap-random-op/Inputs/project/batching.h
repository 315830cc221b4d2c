#pragma once
#include <torch/torch.h>

#include <functional>

using BatchedFn = std::function<torch::Tensor(const torch::Tensor &)>;
// Defined in batching.cpp: each pushes its own functorch level.
torch::Tensor vmap_different(const BatchedFn &fn, const torch::Tensor &x);
torch::Tensor vmap_error(const BatchedFn &fn, const torch::Tensor &x);
