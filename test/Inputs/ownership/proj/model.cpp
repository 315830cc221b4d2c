#include "shared_norm.h"
#include "third_party/vendor_norm.h"

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

torch::Tensor run(const torch::Tensor &x) {
  auto vendor = makeVendorNorm();
  auto shared = makeSharedNorm();
  auto own = torch::nn::BatchNorm2d(2);
  return vmap([&](const torch::Tensor &s) { return own(shared(vendor(s))); }, x);
}
