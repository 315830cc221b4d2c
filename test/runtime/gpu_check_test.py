#!/usr/bin/env python3
"""Tests of scripts/gpu-check: it runs, and its report says what ran.

usage: gpu_check_test.py cpu-report VERIFIER SCRATCH_DIR
       gpu_check_test.py no-gpu VERIFIER SCRATCH_DIR
       gpu_check_test.py full TORCH_DIR WORK_DIR [--gtest-source DIR]

cpu-report  gpu-check --device cpu with a built verifier: the report files
            and every claim of the example and the spread
no-gpu      gpu-check --device cuda: on a machine without a GPU it fails,
            and the report says why; with one, it passes on cuda:0
full        gpu-check --device cpu with its own build in WORK_DIR (kept, so
            a rerun only rebuilds what changed): configure, build and CTest
            pass too; several minutes on two cores the first time

CTest runs the first two (test/runtime/CMakeLists.txt); `full` is for
scripts/test or by hand. Exits non-zero with a message on the first
expectation that does not hold.
"""

import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expectations import Failure, expect, expect_equal  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GPU_CHECK = os.path.join(HERE, "..", "..", "scripts", "gpu-check")
# Set by CMake: whether the LibTorch is built with CUDA.
TORCH_HAS_CUDA = os.environ.get("VMAP_TIDY_TEST_TORCH_HAS_CUDA") == "1"

VERIFY_STEPS = ["verify example", "verify spread",
                "verify spread-minibatch-16"]
TRACKING_CLAIMS = ["original-fails-under-vmap", "fix-track-running-stats",
                   "fix-group-norm", "fix-eval-mode",
                   "replace-all-batch-norm-modules"]
EXAMPLE = ["BatchNorm2d(8)", "BatchNorm2d(16, momentum=0.05)",
           "BatchNorm1d(32, track_running_stats=false)"]
# The spread's configurations as the verifier describes them.
SPREAD = [
    "BatchNorm1d(1)",
    "BatchNorm1d(10, eps=0.001, momentum=0.01, affine=false)",
    "BatchNorm1d(64)", "BatchNorm1d(256, momentum=0.3)",
    "BatchNorm2d(3, affine=false)", "BatchNorm2d(48, eps=0.001)",
    "BatchNorm2d(64, momentum=0.01)",
    "BatchNorm2d(512, eps=1e-04, momentum=0.2)", "BatchNorm3d(4)",
    "BatchNorm3d(16, eps=0.001, affine=false)",
    "BatchNorm3d(32, momentum=0.05)",
    "InstanceNorm1d(3, track_running_stats=true)",
    "InstanceNorm1d(16, affine=true, track_running_stats=true)",
    "InstanceNorm2d(8, track_running_stats=true)",
    "InstanceNorm2d(64, eps=0.001, momentum=0.2, affine=true, "
    "track_running_stats=true)",
    "InstanceNorm3d(4, track_running_stats=true)",
    "InstanceNorm3d(32, affine=true, track_running_stats=true)",
    "BatchNorm2d(16, track_running_stats=false)", "InstanceNorm2d(8)",
]
ALREADY_FINE = {"BatchNorm1d(32, track_running_stats=false)",
                "BatchNorm2d(16, track_running_stats=false)",
                "InstanceNorm2d(8)"}


def gpu_check(out_dir, *args):
    completed = subprocess.run([sys.executable, GPU_CHECK, out_dir, *args],
                               capture_output=True, text=True, timeout=900)
    return completed.returncode, completed.stdout, completed.stderr


def load_report(out_dir):
    for name in ["report.json", "report.md"]:
        expect(os.path.isfile(os.path.join(out_dir, name)), f"no {name}")
    with open(os.path.join(out_dir, "report.json")) as file:
        report = json.load(file)
    failed = [f"{s['name']}: {s['status']} {s.get('detail', '')}"
              for s in report["steps"] if s["status"] not in ("pass",
                                                              "skipped")]
    for name in ["spread.json", "verify-example.json", "verify-spread.json",
                 "verify-spread-minibatch-16.json"]:
        expect(os.path.isfile(os.path.join(out_dir, name)),
               f"no {name}; steps not passed: {failed}")
    with open(os.path.join(out_dir, "report.md")) as file:
        return report, file.read()


# LibTorch 1.13's InstanceNorm writes its running statistics back in eval
# mode too, as the mean of one copy per sample, which moves them by a
# rounding error (2.4e-7 for 16 samples) depending on the values and the
# CPU's vector code. The eval-mode claim, which compares them exactly,
# then fails; 2.x does not write them back.
ROUNDING_WRITE_BACK = "eval mode changed the running statistics"


def expected_claims(configuration):
    if configuration in ALREADY_FINE:
        return {"original-runs-under-vmap": "pass"}
    statuses = dict.fromkeys(TRACKING_CLAIMS, "pass")
    if configuration == "BatchNorm1d(1)":  # no GroupNorm for one feature
        statuses["fix-group-norm"] = "skip"
    return statuses


def allow_rounding_write_back(report, run, claim):
    return (report["libtorch"].startswith("1.") and run != "example" and
            claim["configuration"].startswith("InstanceNorm") and
            claim["id"] == "fix-eval-mode" and claim["status"] == "fail" and
            claim["detail"] == ROUNDING_WRITE_BACK)


def check_claims(report, markdown, device):
    """Every configuration of every run, with its exact claims and their
    float32 and float64 measurements, in the JSON and in the Markdown."""
    for run, configurations in [("example", EXAMPLE), ("spread", SPREAD),
                                ("spread-minibatch-16", SPREAD)]:
        claims = [c for c in report["claims"] if c["run"] == run]
        expect_equal(list(dict.fromkeys(c["configuration"] for c in claims)),
                     configurations, f"{run} configurations")
        for configuration in configurations:
            actual = {c["id"]: "pass" if allow_rounding_write_back(
                report, run, c) else c["status"] for c in claims
                if c["configuration"] == configuration}
            expect_equal(actual, expected_claims(configuration),
                         f"{run} {configuration}")
        for claim in claims:
            row = (f"| {claim['configuration']} | {claim['id']} | "
                   f"{claim['status']} |")
            expect(row in markdown, f"report.md has no row {row}")
            if claim["status"] == "pass" and claim["id"] != \
                    "original-fails-under-vmap":
                expect(claim["max_abs_diff"] <= claim["output_bound"],
                       f"{run} {claim['configuration']} {claim['id']} float32")
                expect(claim["max_abs_diff_float64"] <= 1e-9,
                       f"{run} {claim['configuration']} {claim['id']} float64")
        passed = sum(c["status"] == "pass" for c in claims)
        failed = sum(c["status"] == "fail" for c in claims)
        skipped = sum(c["status"] == "skip" for c in claims)
        expect(f"### {run}: {passed} pass, {failed} fail, {skipped} skip, "
               in markdown, f"report.md has no heading for {run}")
    failed = report["summary"]["failed"]
    expect_equal(report["summary"], {"claims": 185, "passed": 183 - failed,
                                     "failed": failed, "skipped": 2},
                 "summary")
    expect_equal(report["ok"], failed == 0, "ok")
    expect_equal(report["tolerances"]["output_abs"],
                 1e-5 if device == "cpu" else 1e-4, "float32 tolerance")


def check_passing_report(report, markdown, device, steps,
                         has_cuda=TORCH_HAS_CUDA):
    """A report of a check that ran everything and whose claims hold (but
    for LibTorch 1.13's rounding write-back). \p has_cuda: whether the
    LibTorch is built with CUDA, None when not known here."""
    verdict = "PASS" if report["ok"] else "FAIL"
    expect(markdown.startswith(f"# vmap-tidy GPU check: {verdict}\n"),
           markdown.splitlines()[0])
    verify = [(name, "pass") for name in VERIFY_STEPS]
    if report["summary"]["failed"]:  # the verifier exits 1 for a failed claim
        verify[-1] = (VERIFY_STEPS[-1], "fail")
    expect_equal([(s["name"], s["status"]) for s in report["steps"]],
                 steps + verify, "steps")
    expect_equal(report["device"], device, "device")
    expect(re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", report["libtorch"] or ""),
           f"libtorch {report['libtorch']!r}")
    if has_cuda is not None:
        expect_equal(report["cuda"] is not None, has_cuda or device != "cpu",
                     "cuda version present")
    expect(report["environment"]["device_name"], "no device name")
    check_claims(report, markdown, device)


def case_cpu_report(verifier, scratch):
    out = os.path.join(scratch, "cpu-report")
    code, stdout, stderr = gpu_check(out, "--device", "cpu",
                                     "--verifier", verifier)
    report, markdown = load_report(out)
    passed = report["summary"]["passed"]
    expect_equal(code, 0 if report["ok"] else 1, f"exit status ({stderr})")
    verdict = "PASS" if report["ok"] else "FAIL"
    expect(stdout.startswith(f"gpu-check: {verdict}: {passed} of 185 claims "
                             "pass on cpu, "), stdout)
    expect_equal(report["requested_device"], "cpu", "requested device")
    check_passing_report(report, markdown, "cpu",
                         [(name, "skipped") for name in
                          ["configure", "build", "ctest"]])


def case_no_gpu(verifier, scratch):
    out = os.path.join(scratch, "no-gpu")
    has_gpu = subprocess.run(
        [verifier, "--module", "BatchNorm2d", "--channels", "1", "--device",
         "cuda", "--no-cache"], capture_output=True).returncode == 0
    code, stdout, stderr = gpu_check(out, "--verifier", verifier)
    report, markdown = load_report(out)
    if has_gpu:
        expect_equal(code, 0 if report["ok"] else 1, f"exit status ({stderr})")
        check_passing_report(report, markdown, "cuda:0",
                             [(name, "skipped") for name in
                              ["configure", "build", "ctest"]])
        return
    expect_equal(code, 1, "exit status without a GPU")
    expect_equal(report["ok"], False, "ok")
    expect(markdown.startswith("# vmap-tidy GPU check: FAIL\n"),
           markdown.splitlines()[0])
    with open(os.path.join(out, "verify-example.json")) as file:
        expect_equal(file.read(), "", "nothing verified")
    if TORCH_HAS_CUDA:
        why = (re.escape("no GPU found (LibTorch is built with CUDA ") +
               r"[0-9]+\.[0-9]+" +
               re.escape(" but sees no CUDA device)"))
    else:
        why = re.escape("this LibTorch is built without CUDA")
    error = (re.escape("vmap-tidy-verify: error: device 'cuda' requested, "
                       "but ") + why)
    for step in report["steps"][3:]:
        expect_equal(step["status"], "fail", step["name"])
        expect(re.fullmatch(error, step["detail"]), step["detail"])
    expect_equal(report["claims"], [], "claims")


def case_full(torch_dir, work, *gtest):
    out = os.path.join(work, "report")
    code, stdout, stderr = gpu_check(
        out, "--device", "cpu", "--torch-dir", torch_dir, "--build-dir",
        os.path.join(work, "build"), *gtest)
    report, markdown = load_report(out)
    expect_equal(code, 0 if report["ok"] else 1, f"exit status ({stderr})")
    # Whether the LibTorch has CUDA is checked by CTest's VerifyDeviceTest,
    # against what CMake found.
    check_passing_report(report, markdown, "cpu",
                         [(name, "pass") for name in
                          ["configure", "build", "ctest"]], has_cuda=None)
    expect_equal(report["unit_tests_built"], True, "unit tests built")
    names = [test["name"] for test in report["ctest"]]
    for name in ["runtime.VerifyTests", "runtime.VmapTest",
                 "runtime.verify.device-auto", "runtime.gpu-check.no-gpu"]:
        expect(name in names, f"CTest ran no {name}: {names}")
    expect_equal({test["status"] for test in report["ctest"]}, {"pass"},
                 "CTest statuses")


def main():
    cases = {"cpu-report": case_cpu_report, "no-gpu": case_no_gpu,
             "full": case_full}
    if len(sys.argv) < 4 or sys.argv[1] not in cases:
        sys.exit(__doc__.split("\n\n")[1])
    case, first, directory, *rest = sys.argv[1:]
    if case != "full":  # first is the verifier
        first = os.path.abspath(first)
    directory = os.path.abspath(directory)
    os.makedirs(directory, exist_ok=True)
    try:
        cases[case](first, directory, *rest)
    except Failure as failure:
        sys.exit(f"FAIL {case}: {failure}")
    print(f"PASS {case}")


if __name__ == "__main__":
    main()
