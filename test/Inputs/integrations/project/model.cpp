#include "model.h"

NetImpl::NetImpl() {
  norm = register_module("norm", torch::nn::BatchNorm1d(4));
}

torch::Tensor NetImpl::forward(const torch::Tensor &x) { return norm(x); }
