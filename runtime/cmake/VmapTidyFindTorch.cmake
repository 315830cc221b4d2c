# vmap_tidy_find_torch(): find_package(Torch REQUIRED), where Torch_DIR alone
# picks the LibTorch. Used by runtime/ and test/runtime/ (each needs the
# imported targets in its own directory scope).
#
# TorchConfig finds its parts (Caffe2Config, libtorch.so, libc10.so) with
# PATHS hints, which CMake searches after the system's directories: with a
# distro LibTorch installed (Debian's libtorch-dev), a Torch_DIR naming a
# pip wheel or a pytorch.org zip would get the distro's Caffe2 targets and
# libraries. Searching the Torch_DIR's own prefix first prevents that, and
# a mix that still happens is an error, not a link against two LibTorches.
macro(vmap_tidy_find_torch)
  if(Torch_DIR)
    # TorchConfig's own definition of its prefix: <prefix>/share/cmake/Torch.
    get_filename_component(_vmap_tidy_torch_prefix "${Torch_DIR}/../../.."
                           ABSOLUTE)
    list(PREPEND CMAKE_PREFIX_PATH "${_vmap_tidy_torch_prefix}")
  endif()
  find_package(Torch REQUIRED)
  get_filename_component(_vmap_tidy_torch_lib "${TORCH_LIBRARY}" DIRECTORY)
  file(RELATIVE_PATH _vmap_tidy_torch_rel "${TORCH_INSTALL_PREFIX}"
       "${_vmap_tidy_torch_lib}")
  if(_vmap_tidy_torch_rel MATCHES "^\\.\\.")
    message(FATAL_ERROR
      "Torch_DIR ${Torch_DIR} is LibTorch ${Torch_VERSION} in "
      "${TORCH_INSTALL_PREFIX}, but its library was found elsewhere: "
      "${TORCH_LIBRARY}. Clear the cache (TORCH_LIBRARY, Caffe2_DIR, "
      "c10_LIBRARY) or use a fresh build directory.")
  endif()
  vmap_tidy_wheel_cuda_rpath()
endmacro()

# A pip wheel's LibTorch (site-packages/torch) loads the CUDA libraries it
# was built with from the nvidia-* wheels beside it (site-packages/nvidia/*/
# lib, through its own RPATH). TorchConfig also puts the machine's CUDA
# toolkit (libcudart, libnvrtc) on the link line, maybe another CUDA minor
# version; its --as-needed drops them where unused, but a target that uses
# them would load the toolkit's first, and the first library of a soname
# loaded wins. So the wheel's directories come first in the build RPATH.
macro(vmap_tidy_wheel_cuda_rpath)
  file(GLOB _vmap_tidy_nvidia_libs LIST_DIRECTORIES true
       "${TORCH_INSTALL_PREFIX}/../nvidia/*/lib")
  if(_vmap_tidy_nvidia_libs)
    list(SORT _vmap_tidy_nvidia_libs)
    list(PREPEND CMAKE_BUILD_RPATH ${_vmap_tidy_nvidia_libs})
  endif()
endmacro()

set(_vmap_tidy_torch_workarounds "${CMAKE_CURRENT_LIST_DIR}/../torch-workarounds")

# vmap_tidy_use_functorch_headers(<target>): lets <target>'s own sources
# include <ATen/functorch/DynamicLayer.h>. From LibTorch 2.10 its
# Interpreter.h includes <nlohmann/json.hpp>, which the wheels and zips do
# not ship (pytorch/pytorch#181565). A real nlohmann/json.hpp is used when
# one is found (set VMAP_TIDY_NLOHMANN_JSON_INCLUDE_DIR to point at one);
# else a declaration-only stand-in, torch-workarounds/nlohmann/json.hpp.
function(vmap_tidy_use_functorch_headers target)
  find_file(VMAP_TIDY_FUNCTORCH_INTERPRETER_H ATen/functorch/Interpreter.h
            HINTS ${TORCH_INCLUDE_DIRS} NO_DEFAULT_PATH)
  if(NOT VMAP_TIDY_FUNCTORCH_INTERPRETER_H)
    return()
  endif()
  file(STRINGS "${VMAP_TIDY_FUNCTORCH_INTERPRETER_H}" _includes_json
       REGEX "^#include <nlohmann/json.hpp>")
  if(NOT _includes_json)
    return()
  endif()
  find_path(VMAP_TIDY_NLOHMANN_JSON_INCLUDE_DIR nlohmann/json.hpp
            HINTS ${TORCH_INCLUDE_DIRS}
            DOC "A directory with nlohmann/json.hpp, which LibTorch 2.10+'s functorch headers include")
  if(VMAP_TIDY_NLOHMANN_JSON_INCLUDE_DIR)
    target_include_directories(${target} SYSTEM PRIVATE
                               "${VMAP_TIDY_NLOHMANN_JSON_INCLUDE_DIR}")
  else()
    message(STATUS "LibTorch's functorch headers include nlohmann/json.hpp, "
                   "which is not installed: using the runtime's stand-in")
    target_include_directories(${target} PRIVATE
                               "${_vmap_tidy_torch_workarounds}")
  endif()
endfunction()
