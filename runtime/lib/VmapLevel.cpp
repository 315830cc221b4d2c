//===--- VmapLevel.cpp - One functorch vmap level, scoped -----------------===//

#include "vmap_tidy/VmapLevel.h"
#include "vmap_tidy/FunctorchCompat.h"

namespace vmap_tidy {

namespace {

compat::RandomnessType to_functorch(Randomness randomness) {
  switch (randomness) {
  case Randomness::Error:
    return compat::RandomnessType::Error;
  case Randomness::Same:
    return compat::RandomnessType::Same;
  case Randomness::Different:
    return compat::RandomnessType::Different;
  }
  return compat::RandomnessType::Error;
}

} // namespace

VmapLevel::VmapLevel(int64_t batch_size, Randomness randomness)
    : level_(compat::push_vmap_level(batch_size, to_functorch(randomness))),
      batch_size_(batch_size) {}

VmapLevel::~VmapLevel() { compat::pop_level(); }

std::size_t active_functorch_levels() { return compat::active_levels(); }

} // namespace vmap_tidy
