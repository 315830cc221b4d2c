//===--- ModuleBuffers.cpp - Unregister a module's buffer in place --------===//

#include "ModuleBuffers.h"

#include <torch/nn/cloneable.h>

namespace vmap_tidy::detail {
struct BufferTableAccess;
} // namespace vmap_tidy::detail

// torch::nn::Module declares every Cloneable<Derived> a friend, for clone()
// to rebuild the buffer table. This explicit specialisation, for a tag type
// of our own that is never a module, is the one class that reads the table
// through that friendship; nothing else in the runtime touches private
// LibTorch state. Module keeps the friendship in 2.x for the same reason.
template <> class torch::nn::Cloneable<vmap_tidy::detail::BufferTableAccess> {
public:
  static torch::OrderedDict<std::string, torch::Tensor> &
  buffers(torch::nn::Module &module) {
    return module.buffers_;
  }
};

namespace vmap_tidy::detail {

bool clear_registered_buffer(torch::nn::Module &module,
                             const std::string &name) {
  auto &buffers = torch::nn::Cloneable<BufferTableAccess>::buffers(module);
  torch::Tensor *buffer = buffers.find(name);
  if (!buffer)
    return false;
  *buffer = torch::Tensor();
  return true;
}

} // namespace vmap_tidy::detail
