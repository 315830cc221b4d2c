# lit configuration for vmap-tidy. Paths come from the generated
# lit.site.cfg.py in the build tree; run the suite with scripts/test.
import os

import lit.formats

config.name = "vmap-tidy"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
# test/runtime holds GoogleTest sources, run by CTest.
config.excludes = ["Inputs", "CMakeLists.txt", "check_vmap_tidy.py", "runtime", "fuzz"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.vmap_tidy_obj_root, "test")

# FileCheck, not, count come from LLVM 19's tools.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Diagnostics must not depend on the developer's terminal or locale.
config.environment["LC_ALL"] = "C"
# Precompiled preambles go to a cache of the build tree, never the user's,
# and are built before a lint rather than in the background, so that no
# process outlives its test.
config.environment["VMAP_TIDY_CACHE_DIR"] = os.path.join(
    config.vmap_tidy_obj_root, "test", "preamble-cache")
config.environment["VMAP_TIDY_PREAMBLE_CACHE"] = "sync"
# The report validators' virtual environment (.tools/venv), as found by CMake.
config.environment["VMAP_TIDY_TOOLS"] = config.tools_dir

torch_flags = "%s -include-pch %s" % (config.test_cxxflags, config.test_pch)
# The same with LibTorch on the include path through -I: library code all
# the same (checker/CodeOwnership.h).
torch_flags_i = "%s -include-pch %s" % (config.test_cxxflags_i,
                                        config.test_pch_i)
check_script = os.path.join(config.test_source_root, "check_vmap_tidy.py")
# Every fixed file is compiled with g++ against LibTorch (and the runtime
# library's headers, which the eval-mode fix may include).
compile_fixed = "%s %s -fsyntax-only -I %s" % (
    config.gxx, config.test_cxxflags,
    os.path.join(config.vmap_tidy_src_root, "runtime", "include"))
check_cmd = (
    "%s %s --vmap-tidy %s --plugin %s --clang-tidy %s --filecheck %s "
    "--torch-flags '%s' --torch-flags-i '%s' --compile-fixed '%s'"
    % (
        config.python,
        check_script,
        config.vmap_tidy,
        config.vmap_tidy_plugin,
        config.clang_tidy,
        config.filecheck,
        torch_flags,
        torch_flags_i,
        compile_fixed,
    )
)

# lit substitutes in order, so a name must come before its prefixes.
config.substitutions.extend(
    [
        ("%vmap_tidy_version", config.version),
        ("%check_vmap_tidy", check_cmd),
        ("%run_clang_tidy", config.run_clang_tidy),
        ("%clang_apply_replacements", config.clang_apply_replacements),
        ("%torch_api_include", config.torch_api_include),
        # What a CMake project passes to pick this LibTorch (its prefix
        # first in the search path too, or TorchConfig may take a distro
        # LibTorch's libraries; see runtime/cmake/VmapTidyFindTorch.cmake),
        # and the C++ standard its headers need.
        ("%torch_cmake_args", "-DTorch_DIR=%s -DCMAKE_PREFIX_PATH=%s" % (
            config.torch_dir,
            os.path.normpath(os.path.join(config.torch_dir, "..", "..", "..")))),
        ("%torch_std", config.torch_std),
        ("%torch_dir", config.torch_dir),
        ("%vmap_tidy_src_root", config.vmap_tidy_src_root),
        ("%vmap_tidy_obj_root", config.vmap_tidy_obj_root),
        # Copies LibTorch's headers into the directory that follows, laid
        # out as they are installed: all of a distribution's include/, or
        # LibTorch's own directories of a system-wide one.
        ("%copy_torch_headers", "cp -r " + " ".join(
            [os.path.join(config.torch_include_root, d)
             for d in ("torch", "ATen", "c10")]
            if config.torch_include_root_is_system
            else [os.path.join(config.torch_include_root, ".")])),
        ("%gxx", config.gxx),
        ("%vmap_tidy", config.vmap_tidy),
        ("%clang_tidy_plugin",
         "%s --load=%s" % (config.clang_tidy, config.vmap_tidy_plugin)),
        ("%torch_flags_i", torch_flags_i),
        ("%torch_flags", torch_flags),
        # The same flags without the suite's PCH: what a user's build has.
        ("%torch_cxxflags_i", config.test_cxxflags_i),
        ("%torch_cxxflags", config.test_cxxflags),
        ("%clangxx", config.clangxx),
        ("%python", config.python),
        ("%llvm_version", config.llvm_version),
        ("%llvm_tools_dir", config.llvm_tools_dir),
        ("%inputs", os.path.join(config.test_source_root, "Inputs")),
        ("%sarif_validate", os.path.join(config.vmap_tidy_src_root,
                                         "integrations", "sarif", "validate")),
        ("%code_quality_validate",
         os.path.join(config.vmap_tidy_src_root, "integrations", "ci",
                      "validate-code-quality")),
    ]
)
