#pragma once
#include <torch/torch.h>

// Built in a header that two translation units include: its fix must be
// applied once.
inline torch::nn::BatchNorm1d makeNorm() { return torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(6).track_running_stats(false)); }
