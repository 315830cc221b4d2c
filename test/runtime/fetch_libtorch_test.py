#!/usr/bin/env python3
"""Offline tests of scripts/fetch-libtorch: what it prints from a cache, and
its one-line errors. (Fetching itself needs PyPI; docs/runtime.md says how
long it took.)

usage: fetch_libtorch_test.py SCRATCH_DIR
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expectations import Failure, expect_equal  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FETCH = os.path.join(HERE, "..", "..", "scripts", "fetch-libtorch")
STAMP = "fetch-libtorch.stamp"


def fetch(cache, *args):
    environment = dict(os.environ, VMAP_TIDY_LIBTORCH_CACHE=cache,
                       # Anything that reaches PyPI fails at once.
                       PIP_INDEX_URL="http://127.0.0.1:9/simple",
                       PIP_NO_INDEX="1", PIP_FIND_LINKS="")
    completed = subprocess.run(["bash", FETCH, *args], capture_output=True,
                               text=True, env=environment, timeout=120)
    return completed.returncode, completed.stdout, completed.stderr


def missing_tool():
    """The error for the first tool a fetch needs that is missing here."""
    pip = subprocess.run(["python3", "-m", "pip", "--version"],
                         capture_output=True).returncode == 0
    if not pip:
        return ("python3 -m pip not available (Debian: apt-get install "
                "python3-pip)")
    if not shutil.which("unzip"):
        return "unzip not found (Debian: apt-get install unzip)"
    return None


def main():
    scratch = os.path.abspath(sys.argv[1])
    cache = os.path.join(scratch, "libtorch")
    shutil.rmtree(cache, ignore_errors=True)
    # Two complete versions and one that a fetch left unfinished.
    for version, complete in [("2.9.0", True), ("2.15.0", True),
                              ("2.16.0", False)]:
        os.makedirs(os.path.join(cache, version, "torch"))
        if complete:
            open(os.path.join(cache, version, STAMP), "w").close()

    def torch_dir(version):
        return f"{cache}/{version}/torch/share/cmake/Torch\n"

    expect_equal(fetch(cache), (0, torch_dir("2.15.0"), ""),
                 "the newest complete version, without the network")
    expect_equal(fetch(cache, "--print-prefix"),
                 (0, f"{cache}/2.15.0/torch/share/cmake\n", ""),
                 "--print-prefix")
    expect_equal(fetch(cache, "--version", "2.9.0"),
                 (0, torch_dir("2.9.0"), ""), "--version of a cached one")
    expect_equal(fetch(cache, "--version=2.9.0"),
                 (0, torch_dir("2.9.0"), ""), "--version=")
    for args, message in [
            (["--bogus"], "unknown argument '--bogus' (see --help)"),
            (["--version"], "--version needs a value"),
            (["--version", "latest"], missing_tool() or
             "not a release version: 'latest'"),
            (["--version", "2.16.0"], missing_tool() or
             "pip could not download torch==2.16.0: No matching "
             "distribution found for torch==2.16.0"),
    ]:
        code, out, err = fetch(cache, *args)
        expect_equal((code, out), (1, ""), f"exit status of {args}")
        expect_equal(err.splitlines()[-1], f"fetch-libtorch: error: {message}",
                     f"error of {args}")
    expect_equal(sorted(os.listdir(cache)),
                 [".lock", "2.15.0", "2.16.0", "2.9.0"],
                 "no temporary directories left")
    code, out, err = fetch(os.path.join(scratch, "empty"), "--update")
    expect_equal((code, out, err.splitlines()[-1]),
                 (1, "", "fetch-libtorch: error: cannot ask PyPI for the "
                  "newest torch (python3 -m pip index versions torch failed;"
                  " offline?)"), "--update offline")
    print("PASS fetch-libtorch")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        sys.exit(f"FAIL fetch-libtorch: {failure}")
