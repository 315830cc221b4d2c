// A header of another project, outside this one's git work tree.
#include <torch/torch.h>

inline torch::nn::BatchNorm2d makeSharedNorm() { return torch::nn::BatchNorm2d(8); }
