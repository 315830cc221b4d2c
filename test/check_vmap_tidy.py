#!/usr/bin/env python3
"""Runs one vmap-tidy check on a test file and verifies its output.

Usage (from a lit RUN line, through the %check_vmap_tidy substitution):

  %check_vmap_tidy [--only standalone|plugin] [--expect-exit N]
      <input.cpp> <check-name> <temp> [-- <tidy args> [-- <compiler args>]]

The input's `// CHECK-...:` lines are blanked (keeping line numbers) and the
result is linted with the check enabled, by build/bin/vmap-tidy and by
clang-tidy-19 --load libVmapTidyModule.so, each with LibTorch included through
-isystem (--torch-flags) and through -I (--torch-flags-i). All four must print
the same thing and leave the same fixed file.
Then:
  * CHECK-MESSAGES lines are matched against the diagnostics with FileCheck,
    and any warning or error they do not mention fails the test; a file with
    no CHECK-MESSAGES must produce no warnings at all;
  * when the file has CHECK-FIXES lines the run uses --fix and the fixed file
    is matched against them, then compiled with --compile-fixed (g++).
The compiler arguments always start with the LibTorch flags and the
precompiled LibTorch header of this build for that include mode.
"""

import argparse
import difflib
import re
import shlex
import subprocess
import sys

CHECK_LINE = re.compile(r"//\s*CHECK-[A-Z0-9-]+:.*")


def fail(message):
    sys.exit("check_vmap_tidy: " + message)


def split_dashes(args):
    """Splits `a -- b -- c` into ([a], [b], [c])."""
    groups = [[]]
    for arg in args:
        if arg == "--" and len(groups) < 3:
            groups.append([])
        else:
            groups[-1].append(arg)
    while len(groups) < 3:
        groups.append([])
    return groups


def run_tool(name, command, source_path, cleaned, expect_exit):
    with open(source_path, "w") as source:
        source.write(cleaned)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != expect_exit:
        fail(
            "%s exited with %d (expected %d)\ncommand: %s\nstdout:\n%s\nstderr:\n%s"
            % (name, result.returncode, expect_exit, shlex.join(command),
               result.stdout, result.stderr)
        )
    with open(source_path) as source:
        fixed = source.read()
    return result.stdout, fixed


def filecheck(filecheck_bin, check_file, prefix, text, extra=()):
    command = [filecheck_bin, check_file, "--check-prefix=" + prefix,
               "--dump-input=fail"] + list(extra)
    result = subprocess.run(command, input=text, capture_output=True, text=True)
    if result.returncode != 0:
        fail("FileCheck %s failed:\n%s\ninput was:\n%s"
             % (prefix, result.stderr, text))


def compile_fixed(command, source_path, fixed):
    """The fixed file must still compile (with the compiler users use)."""
    with open(source_path, "w") as source:
        source.write(fixed)
    result = subprocess.run(shlex.split(command) + [source_path],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail("the fixed file does not compile:\n%s %s\n%s"
             % (command, source_path, result.stderr[-4000:]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vmap-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--torch-flags", required=True)
    parser.add_argument("--torch-flags-i", required=True)
    parser.add_argument("--compile-fixed",
                        help="compiler command that must accept the fixed file")
    parser.add_argument("--only", choices=["standalone", "plugin"])
    parser.add_argument("--expect-exit", type=int, default=0)
    known, rest = parser.parse_known_args()
    positional, tidy_args, compiler_args = split_dashes(rest)
    if len(positional) != 3:
        fail("expected <input> <check-name> <temp>, got %r" % positional)
    input_path, check_name, temp = positional

    with open(input_path) as source:
        original = source.read()
    cleaned = "\n".join(CHECK_LINE.sub("//", line)
                        for line in original.split("\n"))
    has_messages = "CHECK-MESSAGES" in original
    has_fixes = "CHECK-FIXES" in original

    suffix = input_path[input_path.rfind("."):]
    source_path = temp + suffix
    args = [source_path, "--checks=-*," + check_name] + tidy_args
    if has_fixes:
        args.append("--fix")
    modes = {"-isystem": known.torch_flags, "-I": known.torch_flags_i}

    tools = {
        "vmap-tidy": [known.vmap_tidy],
        "clang-tidy --load": [known.clang_tidy, "--load=" + known.plugin],
    }
    if known.only:
        tools = {name: tool for name, tool in tools.items()
                 if (name == "vmap-tidy") == (known.only == "standalone")}

    outputs = {}
    for tool, program in tools.items():
        for mode, flags in modes.items():
            command = (program + args + ["--"] + shlex.split(flags)
                       + compiler_args)
            outputs["%s (LibTorch via %s)" % (tool, mode)] = run_tool(
                tool, command, source_path, cleaned, known.expect_exit)
    first = next(iter(outputs))
    for name, output in outputs.items():
        if output == outputs[first]:
            continue
        which = 0 if output[0] != outputs[first][0] else 1
        diff = difflib.unified_diff(
            outputs[first][which].splitlines(), output[which].splitlines(),
            first, name, lineterm="")
        fail("%s and %s disagree on the %s:\n%s"
             % (first, name, ["diagnostics", "fixed file"][which],
                "\n".join(diff)))
    messages, fixed = outputs[first]

    if has_messages:
        filecheck(known.filecheck, input_path, "CHECK-MESSAGES", messages,
                  ["--implicit-check-not={{warning|error}}:"])
    elif re.search(r"\b(warning|error):", messages):
        fail("expected no diagnostics, got:\n" + messages)

    if has_fixes:
        filecheck(known.filecheck, input_path, "CHECK-FIXES", fixed,
                  ["--strict-whitespace"])
        if known.compile_fixed:
            compile_fixed(known.compile_fixed, source_path, fixed)


if __name__ == "__main__":
    main()
