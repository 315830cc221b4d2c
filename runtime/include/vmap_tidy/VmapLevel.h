//===--- VmapLevel.h - One functorch vmap level, scoped -------------------===//
//
// A vmap level lives exactly as long as a VmapLevel object: the level is
// popped by the destructor, so an exception thrown by the vmapped function
// cannot leave a dangling level behind (which would batch every later
// operation on the thread).
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_VMAPLEVEL_H
#define VMAP_TIDY_VMAPLEVEL_H

#include <cstddef>
#include <cstdint>

namespace vmap_tidy {

/// What random operations do under vmap, as torch.func.vmap's `randomness`.
enum class Randomness {
  /// Any random operation throws.
  Error,
  /// Every member draws the same random values.
  Same,
  /// Each member draws its own random values.
  Different,
};

/// Pushes a functorch vmap level on construction and pops it on
/// destruction. Levels must be destroyed in reverse order of creation, which
/// scoping guarantees.
class VmapLevel {
public:
  VmapLevel(int64_t batch_size, Randomness randomness);
  ~VmapLevel();
  VmapLevel(const VmapLevel &) = delete;
  VmapLevel &operator=(const VmapLevel &) = delete;

  /// The functorch level id that batched tensors of this level carry.
  int64_t level() const { return level_; }
  int64_t batch_size() const { return batch_size_; }

private:
  int64_t level_;
  int64_t batch_size_;
};

/// The number of functorch levels (of any transform) active on this thread;
/// zero outside every vmap.
std::size_t active_functorch_levels();

} // namespace vmap_tidy

#endif // VMAP_TIDY_VMAPLEVEL_H
