// Third-party code the project vendors: not the user's to fix.
#include <torch/torch.h>

inline torch::nn::BatchNorm2d makeVendorNorm() { return torch::nn::BatchNorm2d(4); }
