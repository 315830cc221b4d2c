#!/usr/bin/env python3
"""CLI tests of vmap-tidy-verify: exit codes, report contents, JSON schema,
error messages and the result cache.

usage: verify_cli_test.py VERIFIER SCRATCH_DIR CASE

Each CASE is one CTest test; it exits non-zero with a message on the first
expectation that does not hold.
"""

import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expectations import Failure, expect, expect_equal  # noqa: E402

RUNNING_STATS_ERROR = (
    "Batch norm got a batched tensor as input while the running_mean or "
    "running_var, which will be updated in place, were not batched.")

TRACKING_CLAIMS = [
    "original-fails-under-vmap",
    "fix-track-running-stats",
    "fix-group-norm",
    "fix-eval-mode",
    "replace-all-batch-norm-modules",
]

# A fix-data file as the checks write it (FixDataDir): nulls for values that
# are not compile-time constants, plus fields the verifier only passes on.
CHECKER_FIX_DATA = {
    "check": "vmap-batchnorm-running-stats",
    "configurations": [
        {"affine": False, "channels": 64, "dims": 2, "eps": 0.001,
         "fix_kind": "group-norm", "groups": 32,
         "location": "/src/model.cpp:4:15", "module": "BatchNorm2d",
         "momentum": 0.20000000000000001},
        {"affine": None, "channels": 10, "dims": 1, "eps": None,
         "fix_kind": "running-stats", "groups": 5,
         "location": "/src/model.cpp:5:15", "module": "BatchNorm1d",
         "momentum": None},
        {"channels": None, "dims": 2, "module": "InstanceNorm2d",
         "location": "/src/model.cpp:6:3"},
        {"channels": 6, "module": "InstanceNorm3d"},
    ],
    "version": 1,
}


DROPOUT_MODULES = ["Dropout", "Dropout2d", "Dropout3d", "AlphaDropout",
                   "FeatureAlphaDropout"]

# functorch's error for a random operation under vmap's default randomness.
RANDOMNESS_ERROR = (
    "vmap: called random operation while in randomness error mode. Please "
    "either use the 'same' or 'different' randomness flags on vmap or "
    "perform the randomness operation out of vmap")

DROPOUT_CLAIMS = [
    "original-fails-under-vmap",
    "fix-eval-mode",
    "fix-randomness-different",
    "fix-randomness-same",
]

# vmap-random-op's fix data (FixDataDir), with a norm module beside it.
RANDOM_OP_FIX_DATA = {
    "check": "vmap-random-op",
    "configurations": [
        {"fix_kind": "eval-mode", "inplace": False,
         "location": "/src/net.cpp:4:11", "module": "Dropout", "p": 0.25},
        {"fix_kind": "eval-mode", "inplace": True,
         "location": "/src/net.cpp:5:13", "module": "Dropout2d",
         "p": 0.20000000000000001},
        {"module": "Dropout3d", "p": None, "inplace": None},
        {"module": "AlphaDropout", "p": 0.5},
        {"module": "FeatureAlphaDropout", "p": 0.3, "inplace": True},
        {"module": "Dropout", "p": 0},
        {"channels": 8, "module": "BatchNorm2d"},
    ],
    "version": 1,
}


# What --device auto (the default) prints when LibTorch is built with CUDA
# but sees no GPU, and replays on the CPU.
NO_GPU_NOTE = ("vmap-tidy-verify: note: no GPU found (LibTorch is built with "
               "CUDA {cuda} but sees no CUDA device); verifying on cpu\n")

# Whether CMake linked a LibTorch built with CUDA ("1") or a CPU-only one.
TORCH_HAS_CUDA = os.environ.get("VMAP_TIDY_TEST_TORCH_HAS_CUDA") == "1"


class Verifier:
    def __init__(self, path, scratch):
        self.path = path
        self.scratch = scratch

    def run(self, *args, env=None):
        """Runs the verifier with a private, empty cache unless told."""
        environment = dict(os.environ)
        environment["XDG_CACHE_HOME"] = os.path.join(self.scratch, "xdg")
        environment.update(env or {})
        completed = subprocess.run([self.path, *args], capture_output=True,
                                   text=True, env=environment, timeout=120)
        return completed.returncode, completed.stdout, completed.stderr

    def run_json(self, *args, expected_exit=0):
        code, out, err = self.run(*args, "--format", "json")
        expect_equal(code, expected_exit, f"exit status of {args}")
        try:
            report = json.loads(out)
        except json.JSONDecodeError as error:
            raise Failure(f"--format json printed invalid JSON: {error}")
        expect_equal(err, expected_stderr(args, report.get("cuda"),
                                          report.get("device")),
                     f"stderr of {args}")
        return report

    def write(self, name, text):
        path = os.path.join(self.scratch, name)
        with open(path, "w") as file:
            file.write(text)
        return path


def expected_stderr(args, cuda, device):
    """A replaying run prints nothing on stderr, except the note when
    --device auto (the default) chose the CPU under a CUDA LibTorch."""
    spec = "auto"
    for i, arg in enumerate(args):
        if arg == "--device":
            spec = args[i + 1]
        elif arg.startswith("--device="):
            spec = arg[len("--device="):]
    if spec == "auto" and cuda is not None and device == "cpu":
        return NO_GPU_NOTE.format(cuda=cuda)
    return ""


def check_report_schema(report):
    """The top level of the JSON report (docs/verifier.md)."""
    for key in ["version", "tool", "libtorch", "cuda", "device", "members",
                "minibatch", "max_groups", "tolerances", "ok", "summary",
                "configurations"]:
        expect(key in report, f"report has no {key!r}")
    expect_equal(report["version"], 1, "report version")
    expect_equal(report["tool"], "vmap-tidy-verify", "tool")
    expect(report["device"] == "cpu" or report["device"].startswith("cuda"),
           f"device {report['device']!r}")
    tolerances = report["tolerances"]
    expect_equal(sorted(tolerances),
                 ["float64_abs", "grad_abs", "grad_rel", "output_abs"],
                 "tolerance keys")
    expected_output_abs = 1e-5 if report["device"] == "cpu" else 1e-4
    expect_equal(tolerances["output_abs"], expected_output_abs, "output_abs")
    expect_equal(sorted(report["summary"]),
                 ["cached", "claims", "configurations", "failed", "passed",
                  "skipped"], "summary keys")
    summary = report["summary"]
    claims = [c for r in report["configurations"] for c in r["claims"]]
    expect_equal(summary["configurations"], len(report["configurations"]),
                 "summary.configurations")
    expect_equal(summary["claims"], len(claims), "summary.claims")
    for status, key in [("pass", "passed"), ("fail", "failed"),
                        ("skip", "skipped")]:
        expect_equal(summary[key],
                     sum(c["status"] == status for c in claims),
                     f"summary.{key}")
    expect_equal(report["ok"], summary["failed"] == 0, "ok")
    for result in report["configurations"]:
        check_result_schema(result, tolerances)


def check_result_schema(result, tolerances):
    expect_equal(sorted(result),
                 ["cached", "claims", "configuration", "description",
                  "groups", "input_shape", "ok"], "result keys")
    dropout = result["configuration"]["module"] in DROPOUT_MODULES
    expect_equal(sorted(result["configuration"]),
                 ["fix_kind", "inplace", "location", "module", "p"]
                 if dropout else
                 ["affine", "channels", "dims", "eps", "fix_kind", "groups",
                  "location", "module", "momentum", "track_running_stats"],
                 "configuration keys")
    expect_equal(result["ok"],
                 all(c["status"] != "fail" for c in result["claims"]),
                 "result ok")
    for claim in result["claims"]:
        expect_equal(sorted(claim),
                     ["detail", "error", "id", "max_abs_diff",
                      "max_abs_diff_float64", "max_grad_abs_diff", "module",
                      "output_bound", "output_shape", "status", "title"],
                     "claim keys")
        expect(claim["status"] in ("pass", "fail", "skip"),
               f"status {claim['status']!r}")
        expect("\n" not in claim["detail"], "detail is one line")
        if claim["id"] in ("fix-randomness-different",
                           "fix-randomness-same"):
            # Compared with the seeded loop bit for bit (CPU), or not at all.
            if claim["max_abs_diff"] is not None and claim["status"] == "pass":
                expect_equal(claim["max_abs_diff"], 0, "bit-identical")
                expect_equal(claim["output_bound"], 0, "exact bound")
                expect_equal(claim["max_grad_abs_diff"], 0,
                             "bit-identical gradients")
            expect_equal(claim["max_abs_diff_float64"], None, "no float64")
            continue
        if claim["status"] == "pass" and claim["max_abs_diff"] is not None:
            # A passing replay kept the shape and stayed within its bounds.
            expect_equal(claim["output_shape"], result["input_shape"],
                         f"{claim['id']} output shape")
            expect(claim["max_abs_diff"] <= claim["output_bound"],
                   f"{claim['id']}: diff above bound")
            expect(claim["output_bound"] >= tolerances["output_abs"],
                   f"{claim['id']}: bound below the tolerance")
            expect(claim["max_abs_diff_float64"] <= tolerances["float64_abs"],
                   f"{claim['id']}: float64 diff above tolerance")
            expect(claim["max_grad_abs_diff"] is not None,
                   f"{claim['id']}: no gradient check")


def statuses(result):
    return {claim["id"]: claim["status"] for claim in result["claims"]}


def case_example_table(verifier):
    code, out, err = verifier.run("--example")
    expect_equal(code, 0, "exit status")
    lines = out.splitlines()
    header = re.match(r"vmap-tidy-verify: LibTorch [^ ]+( \(CUDA ([0-9.]+)\))?"
                      r" on (cpu|cuda:0); ", lines[0])
    expect(header, lines[0])
    expect_equal(err, expected_stderr([], header.group(2), header.group(3)),
                 "stderr")
    headers = [line for line in lines if line and not line.startswith(" ")]
    expect_equal(headers[2:5], [
        "BatchNorm2d(8)  examples/model.cpp:10:32  input [4, 3, 8, 4, 4]",
        "BatchNorm2d(16, momentum=0.05)  examples/model.cpp:14:32  "
        "input [4, 3, 16, 4, 4]",
        "BatchNorm1d(32, track_running_stats=false)  examples/model.cpp:19:7"
        "  input [4, 3, 32]"], "configuration headers")
    rows = [line.split() for line in lines if line.startswith("  ")]
    expect_equal([row[0] for row in rows], ["PASS"] * 11, "row statuses")
    expect(sum(RUNNING_STATS_ERROR in line for line in lines) == 2,
           "the functorch error is shown for both BatchNorm2d")
    expect(any("GroupNorm(8, 8)" in line for line in lines), "GroupNorm(8, 8)")
    expect(any("GroupNorm(16, 16)" in line for line in lines),
           "GroupNorm(16, 16)")
    expect_equal(lines[-1], "3 configurations, 11 claims: 11 pass, 0 fail, "
                 "0 skip (0 configurations from cache)", "summary line")


def case_example_json(verifier):
    report = verifier.run_json("--example")
    check_report_schema(report)
    expect_equal(report["ok"], True, "ok")
    expect_equal(report["summary"]["passed"], 11, "passed")
    first, second, head = report["configurations"]
    for result, channels, groups in [(first, 8, 8), (second, 16, 16)]:
        expect_equal(result["configuration"]["channels"], channels, "channels")
        expect_equal(result["groups"], groups, "groups")
        expect_equal([c["id"] for c in result["claims"]], TRACKING_CLAIMS,
                     "claims")
        expect_equal(set(statuses(result).values()), {"pass"}, "statuses")
        original = result["claims"][0]
        expect(original["error"].startswith(RUNNING_STATS_ERROR),
               f"captured error {original['error']!r}")
        expect_equal(original["detail"], RUNNING_STATS_ERROR, "detail")
    expect_equal(second["configuration"]["momentum"], 0.05, "momentum")
    expect_equal(second["description"], "BatchNorm2d(16, momentum=0.05)",
                 "description")
    expect_equal(head["configuration"]["track_running_stats"], False,
                 "head_norm tracks no statistics")
    expect_equal(statuses(head), {"original-runs-under-vmap": "pass"},
                 "head_norm claims")
    expect_equal(head["input_shape"], [4, 3, 32], "BatchNorm1d input")


def case_failing_claim(verifier):
    # One sample per member: BatchNorm cannot normalise in training mode,
    # so the original fails for another reason and two fixes fail too.
    report = verifier.run_json("--module", "BatchNorm1d", "--channels", "4",
                               "--minibatch", "1", expected_exit=1)
    check_report_schema(report)
    expect_equal(report["ok"], False, "ok")
    (result,) = report["configurations"]
    expect_equal(statuses(result), {
        "original-fails-under-vmap": "fail",
        "fix-track-running-stats": "fail",
        "fix-group-norm": "pass",
        "fix-eval-mode": "pass",
        "replace-all-batch-norm-modules": "fail",
    }, "statuses")
    expect_equal(result["claims"][0]["detail"],
                 "failed with another error: Expected more than 1 value per "
                 "channel when training, got input size [1, 4]", "detail")
    # Failing results are cached like passing ones, and still fail.
    code, out, _ = verifier.run("--module", "BatchNorm1d", "--channels", "4",
                                "--minibatch", "1")
    expect_equal(code, 1, "table exit status")
    expect_equal(out.splitlines()[-1], "1 configuration, 5 claims: 2 pass, "
                 "3 fail, 0 skip (1 configuration from cache)", "summary")


def case_module_options(verifier):
    report = verifier.run_json("--module=BatchNorm1d", "--channels=1")
    (result,) = report["configurations"]
    group_norm = result["claims"][2]
    expect_equal(group_norm["status"], "skip", "GroupNorm for one feature")
    expect_equal(group_norm["detail"], "every grouping of 1 features leaves "
                 "one feature per group, which GroupNorm normalises to zero",
                 "skip reason")

    report = verifier.run_json("--module", "BatchNorm2d", "--channels", "48",
                               "--eps", "1e-3", "--affine", "false",
                               "--max-groups", "16")
    (result,) = report["configurations"]
    expect_equal(result["groups"], 16, "largest divisor of 48 up to 16")
    expect_equal(result["claims"][2]["module"],
                 "GroupNorm(16, 48, eps=0.001, affine=false)", "GroupNorm")
    expect_equal(result["configuration"]["affine"], False, "affine")
    expect_equal(statuses(result)["fix-group-norm"], "pass", "GroupNorm runs")

    report = verifier.run_json("--module", "InstanceNorm2d", "--channels",
                               "6", "--groups", "3")
    (result,) = report["configurations"]
    expect_equal(result["description"],
                 "InstanceNorm2d(6, track_running_stats=true)", "description")
    expect_equal(result["claims"][2]["module"],
                 "GroupNorm(3, 6, affine=false)",
                 "given groups; InstanceNorm is not affine by default")
    expect_equal(report["ok"], True, "ok")


def case_fix_data(verifier):
    path = verifier.write("fix-data.json", json.dumps(CHECKER_FIX_DATA))
    report = verifier.run_json("--fix-data", path)
    check_report_schema(report)
    expect_equal(report["ok"], True, "ok")
    first, second, unknown, instance = report["configurations"]
    expect_equal(first["description"],
                 "BatchNorm2d(64, eps=0.001, momentum=0.2, affine=false)",
                 "description")
    expect_equal(first["configuration"]["fix_kind"], "group-norm", "fix_kind")
    expect_equal(first["configuration"]["location"], "/src/model.cpp:4:15",
                 "location")
    expect_equal(first["groups"], 32, "groups")
    expect_equal(second["description"], "BatchNorm1d(10)",
                 "nulls are defaults")
    expect_equal(second["groups"], 5, "groups")
    expect_equal(statuses(unknown), {"replay": "skip"}, "null channels")
    expect_equal(unknown["input_shape"], [], "no input without channels")
    expect_equal(instance["groups"], 6, "InstanceNorm uses GroupNorm(C, C)")
    expect_equal(instance["input_shape"], [4, 3, 6, 3, 3, 3], "3d input")
    expect_equal(report["summary"]["skipped"], 1, "skipped")
    expect_equal(report["summary"]["passed"], 15, "passed")


def case_dropout(verifier):
    path = verifier.write("dropout.json", json.dumps(RANDOM_OP_FIX_DATA))
    cache = os.path.join(verifier.scratch, "dropout-cache")
    shutil.rmtree(cache, ignore_errors=True)
    report = verifier.run_json("--fix-data", path, "--cache-dir", cache)
    check_report_schema(report)
    expect_equal(report["ok"], True, "ok")
    results = report["configurations"]
    expect_equal([r["description"] for r in results],
                 ["Dropout(0.25)", "Dropout2d(0.2, inplace=true)",
                  "Dropout3d(0.5)", "AlphaDropout(0.5)",
                  "FeatureAlphaDropout(0.3, inplace=true)", "Dropout(0)",
                  "BatchNorm2d(8)"], "descriptions")
    for result in results[:5]:
        expect_equal(statuses(result),
                     {claim: "pass" for claim in DROPOUT_CLAIMS},
                     result["description"])
        expect_equal(result["groups"], None, "no groups for dropout")
        original = result["claims"][0]
        expect_equal(original["error"], RANDOMNESS_ERROR,
                     "functorch's randomness error, whole")
    expect_equal(results[0]["configuration"],
                 {"module": "Dropout", "p": 0.25, "inplace": False,
                  "location": "/src/net.cpp:4:11", "fix_kind": "eval-mode"},
                 "configuration")
    expect_equal(results[2]["configuration"]["p"], 0.5, "null p: 0.5")
    expect_equal(results[0]["input_shape"], [4, 3, 8, 4, 4], "input")
    expect_equal(results[2]["input_shape"], [4, 3, 8, 3, 3, 3], "3d input")
    # p 0 draws nothing: it runs under vmap as written.
    expect_equal(statuses(results[5]), {"original-runs-under-vmap": "pass"},
                 "p 0")
    expect_equal(statuses(results[6]),
                 {claim: "pass" for claim in TRACKING_CLAIMS}, "norm module")
    if report["device"] == "cpu":
        different = results[1]["claims"][2]
        expect("bit for bit" in different["detail"], different["detail"])
        expect("channels dropped" in different["detail"],
               different["detail"])

    # One cache record per configuration: dropout keys collide with neither
    # the norm module's nor each other's; a rerun reads them all.
    expect_equal(len(os.listdir(cache)), 7, "one record per configuration")
    again = verifier.run_json("--fix-data", path, "--cache-dir", cache)
    expect_equal(again["summary"]["cached"], 7, "rerun reads the cache")
    for result in again["configurations"]:
        result["cached"] = False
    again["summary"]["cached"] = 0
    expect_equal(again, report, "cached results equal computed ones")

    # --module takes a dropout module with --p and --inplace.
    code, out, err = verifier.run("--module", "Dropout2d", "--p", "0.25",
                                  "--no-cache")
    expect_equal(code, 0, "exit status")
    expect("\nDropout2d(0.25)  input [4, 3, 8, 4, 4]\n" in out, out)
    expect(re.search(r"  PASS  original fails under vmap +Dropout2d\(0\.25\)"
                     r" +vmap: called random operation while in randomness "
                     r"error mode", out), out)
    expect(re.search(r"  PASS  fix: randomness same +Dropout2d\(0\.25\), "
                     r"Randomness::Same +every member the same mask", out),
           out)
    expect(out.endswith("1 configuration, 4 claims: 4 pass, 0 fail, 0 skip "
                        "(0 configurations from cache)\n"), out)


def case_cache(verifier):
    cache = os.path.join(verifier.scratch, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    first = verifier.run_json("--example", "--cache-dir", cache)
    expect_equal(first["summary"]["cached"], 0, "first run computes")
    files = sorted(os.listdir(cache))
    expect_equal(len(files), 3, "one record per configuration")
    expect(all(f.endswith(".json") for f in files), f"leftovers: {files}")
    second = verifier.run_json("--example", "--cache-dir", cache)
    expect_equal(second["summary"]["cached"], 3, "second run reads the cache")
    for result in second["configurations"]:
        expect_equal(result["cached"], True, "cached flag")
        result["cached"] = False
    second["summary"]["cached"] = 0
    expect_equal(second, first, "cached results equal computed ones")

    # Another device or setting is another key; a damaged record is
    # recomputed and rewritten.
    third = verifier.run_json("--example", "--cache-dir", cache,
                              "--minibatch", "2")
    expect_equal(third["summary"]["cached"], 0, "other settings, other key")
    damaged = os.path.join(cache, files[0])
    with open(damaged, "w") as file:
        file.write('{"key": "')
    fourth = verifier.run_json("--example", "--cache-dir", cache)
    expect_equal(fourth["summary"]["cached"], 2, "damaged record ignored")
    with open(damaged) as file:
        expect("result" in json.load(file), "damaged record rewritten")
    expect_equal(len(os.listdir(cache)), 6, "no temporary files left")


def case_default_cache_dir(verifier):
    xdg = os.path.join(verifier.scratch, "xdg-default")
    shutil.rmtree(xdg, ignore_errors=True)
    env = {"XDG_CACHE_HOME": xdg}
    code, _, _ = verifier.run("--module", "BatchNorm3d", "--channels", "2",
                              "--no-cache", env=env)
    expect_equal(code, 0, "exit status")
    expect(not os.path.exists(xdg), "--no-cache wrote a cache")
    code, _, _ = verifier.run("--module", "BatchNorm3d", "--channels", "2",
                              env=env)
    expect_equal(code, 0, "exit status")
    records = os.listdir(os.path.join(xdg, "vmap-tidy", "verify"))
    expect_equal(len(records), 1, "one record under $XDG_CACHE_HOME")
    code, out, _ = verifier.run("--module", "BatchNorm3d", "--channels", "2",
                                env=env)
    expect(out.splitlines()[-1].endswith("(1 configuration from cache)"),
           "second run reads $XDG_CACHE_HOME")


def check_usage_errors(verifier, cases):
    for args, message in cases:
        code, out, err = verifier.run(*args)
        expect_equal(code, 2, f"exit status of {args}")
        expect_equal(out, "", f"stdout of {args}")
        expect_equal(err, f"vmap-tidy-verify: error: {message}\n",
                     f"stderr of {args}")


def case_usage_errors(verifier):
    # A sample end to end; VerifyInputTest checks every message in-process.
    check_usage_errors(verifier, [
        (["--module", "BatchNorm4d", "--channels", "8"],
         "unknown module 'BatchNorm4d'"),
        (["--module", "BatchNorm2d", "--channels", "0"],
         "channels must be positive, got 0"),
        (["--module", "BatchNorm2d", "--channels", "64", "--groups", "5"],
         "groups 5 does not divide channels 64"),
        (["--module", "BatchNorm2d", "--channels", "x"],
         "invalid value 'x' for --channels: expected an integer"),
        (["--module", "BatchNorm2d"], "--module needs --channels"),
        (["--example", "--frobnicate"], "unknown option '--frobnicate'"),
        (["--example", "--device"], "option '--device' needs a value"),
        (["--example", "--format", "xml"],
         "invalid value 'xml' for --format: expected table or json"),
        (["--example", "--fix-data", "f.json"],
         "use only one of --module, --fix-data and --example"),
        ([], "nothing to verify: give --module NAME --channels C, "
             "--fix-data FILE or --example"),
    ])


def case_fix_data_errors(verifier):
    missing = os.path.join(verifier.scratch, "missing.json")
    check_usage_errors(verifier, [
        (["--fix-data", missing],
         f"cannot read '{missing}': No such file or directory"),
        (["--fix-data", verifier.scratch],
         f"cannot read '{verifier.scratch}': Is a directory"),
    ])
    for text, message in [
        ('{"version": 1,\n "configurations": [],}',
         "2:23: expected a string key"),
        ('{"version": 2, "configurations": []}',
         "unsupported version 2 (expected 1)"),
        ('{"version": 1, "configurations": [{"module": "BatchNorm4d", '
         '"channels": 8}]}',
         "configurations[0]: unknown module 'BatchNorm4d'"),
        ('{"version": 1, "configurations": [{"module": "BatchNorm2d", '
         '"channels": 0}]}', "configurations[0]: channels must be positive, "
                             "got 0"),
        ('{"version": 1, "configurations": [{"module": "BatchNorm2d", '
         '"channels": 64, "groups": 5}]}',
         "configurations[0]: groups 5 does not divide channels 64"),
    ]:
        path = verifier.write("bad.json", text)
        code, out, err = verifier.run("--fix-data", path)
        expect_equal(code, 2, f"exit status for {text!r}")
        expect_equal(out, "", f"stdout for {text!r}")
        separator = ":" if message[0].isdigit() else ": "
        expect_equal(err,
                     f"vmap-tidy-verify: error: {path}{separator}{message}\n",
                     f"stderr for {text!r}")


def case_help(verifier):
    code, out, err = verifier.run("--help")
    expect_equal(code, 0, "exit status")
    expect(out.startswith("usage: vmap-tidy-verify SOURCE [options]\n"), out)
    expect("exit status: 0 every claim holds, 1 a claim fails, 2 bad input"
           in out, "exit statuses documented")
    code, out, err = verifier.run("--version")
    expect_equal(code, 0, "exit status")
    expect(out.startswith(
        "vmap-tidy-verify (vmap-tidy runtime) with LibTorch "), out)


def case_device_auto(verifier):
    # The device the default --device auto chose, and why, for the kind of
    # LibTorch CMake linked: CPU-only, or CUDA on a machine with or without
    # a GPU.
    args = ["--module", "BatchNorm2d", "--channels", "4"]
    report = verifier.run_json(*args)
    code, out, err = verifier.run(*args, "--device", "cuda", "--no-cache")
    if not TORCH_HAS_CUDA:
        expect_equal(report["cuda"], None, "cuda of a CPU-only LibTorch")
        expect_equal(report["device"], "cpu", "device")
        expect_equal(err, "vmap-tidy-verify: error: device 'cuda' requested, "
                     "but this LibTorch is built without CUDA\n",
                     "--device cuda")
        return
    expect(re.fullmatch(r"[0-9]+\.[0-9]+", report["cuda"] or ""),
           f"cuda of a CUDA LibTorch: {report['cuda']!r}")
    if report["device"] == "cpu":  # no GPU: run_json checked the note
        expect_equal(code, 2, "exit status of --device cuda without a GPU")
        expect_equal(err, "vmap-tidy-verify: error: device 'cuda' requested, "
                     "but no GPU found (LibTorch is built with CUDA "
                     f"{report['cuda']} but sees no CUDA device)\n",
                     "--device cuda")
    else:
        expect_equal(report["device"], "cuda:0", "device with a GPU")
        expect_equal(code, 0, "exit status of --device cuda")
    code, _, err = verifier.run(*args, "--device", "cpu")
    expect_equal((code, err), (0, ""), "--device cpu prints no note")


CASES = {name[len("case_"):].replace("_", "-"): function
         for name, function in globals().items() if name.startswith("case_")}


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in CASES:
        sys.exit(f"usage: {sys.argv[0]} VERIFIER SCRATCH_DIR "
                 f"{{{','.join(sorted(CASES))}}}")
    verifier_path, scratch, case = sys.argv[1:]
    scratch = os.path.join(scratch, case)
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    try:
        CASES[case](Verifier(verifier_path, scratch))
    except Failure as failure:
        sys.exit(f"FAIL {case}: {failure}")
    print(f"PASS {case}")


if __name__ == "__main__":
    main()
