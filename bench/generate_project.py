#!/usr/bin/env python3
"""Writes a LibTorch project of N translation units for scripts/bench.

Each unit defines a small module with a BatchNorm2d and runs it under the
project's vmap helper, so every file has one finding on a vmapped path. All
units share one preamble (<torch/torch.h> and the project's common header),
as files of one project usually do. The compile commands reuse the flags of
a real CMake build (the bundled example's), so parsing costs what it costs
in a user's project.
"""
import argparse
import json
import os
import shlex

COMMON = """// Shared by every unit of the generated benchmark project.
#pragma once
#include <torch/torch.h>

#include <functional>

namespace bench {
// The project's vmap helper (defined elsewhere); vmap-tidy treats any
// function named vmap as an entry point.
torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &input);
} // namespace bench
"""

UNIT = """// Generated unit {i} of the vmap-tidy benchmark project.
#include <torch/torch.h>

#include "common.h"

namespace bench {{

struct Block{i}Impl : torch::nn::Module {{
  Block{i}Impl() {{
    conv = register_module(
        "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, {c}, 3).padding(1)));
    bn = register_module("bn", torch::nn::BatchNorm2d({c}));
    head = register_module("head", torch::nn::Linear({c}, 10));
  }}
  torch::Tensor forward(torch::Tensor x) {{
    x = torch::relu(bn(conv(x)));
    return head(x.mean({{2, 3}}));
  }}
  torch::nn::Conv2d conv{{nullptr}};
  torch::nn::BatchNorm2d bn{{nullptr}};
  torch::nn::Linear head{{nullptr}};
}};
TORCH_MODULE(Block{i});

torch::Tensor ensemble{i}(const torch::Tensor &inputs) {{
  Block{i} block;
  return vmap([&](const torch::Tensor &x) {{ return block(x); }}, inputs);
}}

}} // namespace bench
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", help="directory to write the project into")
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--flags", required=True,
                        help="compiler flags of a real build (shell-quoted)")
    args = parser.parse_args()
    src = os.path.abspath(os.path.join(args.out, "src"))
    build = os.path.abspath(os.path.join(args.out, "build"))
    os.makedirs(src, exist_ok=True)
    os.makedirs(build, exist_ok=True)
    with open(os.path.join(src, "common.h"), "w") as f:
        f.write(COMMON)
    flags = shlex.split(args.flags)
    commands = []
    for i in range(args.units):
        name = "unit%02d.cpp" % i
        with open(os.path.join(src, name), "w") as f:
            f.write(UNIT.format(i=i, c=8 * (1 + i % 4)))
        path = os.path.join(src, name)
        commands.append({
            "directory": build,
            "arguments": ["/usr/bin/c++"] + flags + ["-I", src, "-c", path,
                                                     "-o", name + ".o"],
            "file": path,
        })
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)


if __name__ == "__main__":
    main()
