//===--- nlohmann/json.hpp - Stand-in for LibTorch's missing header -------===//
//
// From LibTorch 2.10 on, <ATen/functorch/Interpreter.h> (included by
// <ATen/functorch/DynamicLayer.h>) includes <nlohmann/json.hpp>, which the
// pip wheels and the pytorch.org zips do not ship (pytorch/pytorch#181565).
// Interpreter.h only needs the header for Interpreter::serialize() and
// deserialize(), inline functions the runtime never calls, and for friend
// templates that are never instantiated here.
//
// This header declares, and never defines, the few members those two
// function bodies name, so that Interpreter.h compiles. It is on the include
// path only of the runtime's own sources, and only when no real
// nlohmann/json.hpp is found (runtime/cmake/VmapTidyFindTorch.cmake). Code
// that called a member would fail to link, not misbehave.
//
//===----------------------------------------------------------------------===//

#ifndef VMAP_TIDY_NLOHMANN_JSON_STAND_IN_HPP
#define VMAP_TIDY_NLOHMANN_JSON_STAND_IN_HPP

#include <string>

namespace nlohmann {

class json {
public:
  json();
  template <typename T> json(const T &value);

  std::string dump() const;
  static json parse(const std::string &text);
  template <typename T> T get() const;
};

} // namespace nlohmann

#endif // VMAP_TIDY_NLOHMANN_JSON_STAND_IN_HPP
