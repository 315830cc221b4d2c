# GoogleTest for the runtime's unit tests: installed (Debian: libgtest-dev),
# or built here from a googletest source tree named by
# VMAP_TIDY_GTEST_SOURCE_DIR (Debian ships one in /usr/src/googletest), for
# machines that have none installed. With VMAP_TIDY_GTEST=IF_FOUND
# (scripts/gpu-check) a machine without either leaves the unit tests out;
# by default that is a configuration error.
set(VMAP_TIDY_GTEST REQUIRED CACHE STRING
    "REQUIRED: no GoogleTest is an error; IF_FOUND: the unit tests are left out")
set_property(CACHE VMAP_TIDY_GTEST PROPERTY STRINGS REQUIRED IF_FOUND)
set(VMAP_TIDY_GTEST_SOURCE_DIR "" CACHE PATH
    "A googletest source tree to build instead of an installed GoogleTest")

if(VMAP_TIDY_GTEST_SOURCE_DIR)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  add_subdirectory(${VMAP_TIDY_GTEST_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
  if(NOT TARGET GTest::gtest_main) # googletest 1.12 has it, older ones not
    add_library(GTest::gtest_main ALIAS gtest_main)
  endif()
elseif(VMAP_TIDY_GTEST STREQUAL "IF_FOUND")
  find_package(GTest)
  if(NOT GTest_FOUND)
    message(WARNING "GoogleTest not found: the runtime's unit tests are left "
                    "out (set VMAP_TIDY_GTEST_SOURCE_DIR to a googletest "
                    "source tree to build them)")
  endif()
else()
  find_package(GTest REQUIRED)
endif()
