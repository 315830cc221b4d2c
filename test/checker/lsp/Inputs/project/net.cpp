#include "net.h"

NetImpl::NetImpl() {
  /* ü😀 */ bn1 = register_module("bn1", torch::nn::BatchNorm2d(4));
  bn2 = register_module("bn2", torch::nn::BatchNorm2d(8));
}
