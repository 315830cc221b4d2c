#!/usr/bin/env python3
"""vmap-tidy's speed and memory benchmark (run by scripts/bench).

Times, in one run on this machine and with hyperfine, vmap-tidy against
`clang++-19 -fsyntax-only` and `clang-tidy-19 --load libVmapTidyModule.so`
(the same checks inside clang-tidy), on the bundled example's model.cpp and
on a generated project of LibTorch translation units, cold (empty preamble
cache) and warm; project mode on 1 and 2 cores; and the peak RSS of each
(/usr/bin/time). Writes results.json and results.md to --out.
"""
import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def sh(cmd):
    return " ".join(shlex.quote(c) for c in cmd)


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.work = os.path.abspath(args.work)
        self.vmap_tidy = os.path.join(self.build, "bin", "vmap-tidy")
        self.plugin = os.path.join(self.build, "lib", "libVmapTidyModule.so")
        self.cache = os.path.join(self.work, "cache")
        self.results = []
        # Every vmap-tidy process of the benchmark uses its own cache.
        os.environ["VMAP_TIDY_CACHE_DIR"] = self.cache
        os.environ.pop("VMAP_TIDY_PREAMBLE_CACHE", None)

    # Cache states -------------------------------------------------------
    def wait_for_builders(self):
        """Background preamble builds of a cold run must not overlap the
        next measurement."""
        return ("while pgrep -f -- '[-]-build-preamble=' > /dev/null; "
                "do sleep 0.2; done")

    def cold(self, extra=""):
        return "%s; rm -rf %s %s" % (self.wait_for_builders(),
                                     shlex.quote(self.cache), extra)

    # Measurements -------------------------------------------------------
    def hyperfine(self, group, name, command, runs, prepare=None, warmup=0):
        out = os.path.join(self.work, "hyperfine-%d.json" % len(self.results))
        cmd = ["hyperfine", "--style", "basic", "--runs", str(runs),
               "--export-json", out, "--command-name", name]
        if warmup:
            cmd += ["--warmup", str(warmup)]
        if prepare:
            cmd += ["--prepare", prepare]
        cmd.append(command)
        print("== %s: %s" % (group, name), flush=True)
        run(cmd, stdout=sys.stderr)
        with open(out) as f:
            data = json.load(f)["results"][0]
        times = data["times"]
        entry = {
            "group": group, "name": name, "command": command,
            "runs": len(times), "min": min(times),
            "median": statistics.median(times), "max": max(times),
            "mean": statistics.mean(times),
        }
        # Peak RSS of one more run, in the state the prepare step leaves.
        if prepare:
            run(["bash", "-c", prepare])
        rss = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "bash", "-c", command],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            entry["peak_rss_mb"] = int(rss.stderr.strip().splitlines()[-1]) / 1024
        except (ValueError, IndexError):
            entry["peak_rss_mb"] = None
        self.results.append(entry)
        return entry

    # Inputs -------------------------------------------------------------
    def prepare_inputs(self):
        os.makedirs(self.work, exist_ok=True)
        example_build = os.path.join(self.work, "example-build")
        example_src = os.path.join(self.work, "example")
        shutil.rmtree(example_src, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "examples"), example_src)
        run(["cmake", "-S", example_src, "-B", example_build, "-G", "Ninja",
             "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-DVMAP_TIDY_ROOT=" + ROOT],
            stdout=subprocess.DEVNULL)
        with open(os.path.join(example_build, "compile_commands.json")) as f:
            db = json.load(f)
        model = next(e for e in db if e["file"].endswith("model.cpp"))
        self.example_db = example_build
        self.example_file = model["file"]
        argv = model.get("arguments") or shlex.split(model["command"])
        # The flags of a real build, without compiler, input and output.
        flags, skip = [], False
        for a in argv[1:]:
            if skip:
                skip = False
                continue
            if a in ("-o", "-MF", "-MT", "-MQ"):
                skip = True
                continue
            if a in ("-c", model["file"]) or a.startswith("-M"):
                continue
            flags.append(a)
        self.flags = [f for f in flags if not f.startswith("-I" + example_src)]
        self.example_flags = flags
        # The same build with LibTorch on the include path through -I, as
        # CMake's include_directories() and many Makefiles put it: it must be
        # as fast (checker/CodeOwnership.h).
        self.example_db_i = os.path.join(self.work, "example-build-I")
        os.makedirs(self.example_db_i, exist_ok=True)
        entry = {k: v for k, v in model.items() if k != "command"}
        entry["arguments"] = ["-I" if a == "-isystem" else a for a in argv]
        with open(os.path.join(self.example_db_i, "compile_commands.json"), "w") as f:
            json.dump([entry], f)
        self.example_variants = [("", self.example_db),
                                 (" (LibTorch via -I)", self.example_db_i)]
        project = os.path.join(self.work, "project")
        shutil.rmtree(project, ignore_errors=True)
        run([sys.executable, os.path.join(HERE, "generate_project.py"),
             project, "--units", str(self.args.units),
             "--flags", sh(self.flags)])
        self.project_db = os.path.join(project, "build")
        self.project_files = sorted(
            os.path.join(project, "src", f)
            for f in os.listdir(os.path.join(project, "src"))
            if f.endswith(".cpp"))

    # Benchmarks ---------------------------------------------------------
    def per_file(self, variant="", example_db=None):
        group = "example model.cpp" + variant
        f = shlex.quote(self.example_file)
        db = shlex.quote(example_db or self.example_db)
        runs = self.args.runs
        flags = self.example_flags
        if variant:
            flags = ["-I" if a == "-isystem" else a for a in flags]
        self.hyperfine(group, "clang++-19 -fsyntax-only",
                       "clang++-19 -fsyntax-only %s %s" % (sh(flags), f),
                       runs)
        self.hyperfine(group, "clang-tidy-19 --load libVmapTidyModule.so",
                       "clang-tidy-19 --quiet --load=%s --checks='-*,vmap-*' -p %s %s"
                       % (shlex.quote(self.plugin), db, f), runs)
        tidy = "%s --quiet -p %s %s" % (shlex.quote(self.vmap_tidy), db, f)
        self.hyperfine(group, "vmap-tidy cold (empty cache)", tidy, runs,
                       prepare=self.cold())
        self.hyperfine(group, "vmap-tidy warm", tidy, runs,
                       prepare=self.wait_for_builders(), warmup=1)

    def project(self):
        n = len(self.project_files)
        group = "generated project, %d files" % n
        files = sh(self.project_files)
        db = shlex.quote(self.project_db)
        summaries = shlex.quote(os.path.join(self.project_db, ".vmap-tidy"))
        base_runs = self.args.project_baseline_runs
        self.hyperfine(group, "clang++-19 -fsyntax-only, 2 processes",
                       "printf '%%s\\n' %s | xargs -P 2 -n 1 clang++-19 -fsyntax-only %s"
                       % (files, sh(self.flags + ["-I", os.path.join(
                           os.path.dirname(self.project_db), "src")])),
                       base_runs)
        self.hyperfine(group, "clang-tidy-19 --load, 2 processes",
                       "printf '%%s\\n' %s | xargs -P 2 -n 1 clang-tidy-19 --quiet "
                       "--load=%s --checks='-*,vmap-*' -p %s"
                       % (files, shlex.quote(self.plugin), db), base_runs)
        proj = "%s --quiet --project -p %s" % (shlex.quote(self.vmap_tidy), db)
        runs = self.args.project_runs
        self.hyperfine(group, "vmap-tidy --project -j 2 cold (empty cache)",
                       proj + " -j 2", runs, prepare=self.cold(summaries))
        self.hyperfine(group, "vmap-tidy --project -j 1 cold (empty cache)",
                       proj + " -j 1", runs, prepare=self.cold(summaries))
        self.hyperfine(group, "vmap-tidy --project -j 2, warm preambles, "
                       "summaries rebuilt", proj + " -j 2", runs,
                       prepare="rm -rf %s" % summaries, warmup=1)
        self.hyperfine(group, "vmap-tidy --project -j 1, warm preambles, "
                       "summaries rebuilt", proj + " -j 1", runs,
                       prepare="rm -rf %s" % summaries, warmup=1)
        self.hyperfine(group, "vmap-tidy --project -j 2, nothing changed",
                       proj + " -j 2", runs, warmup=1)

    def language_server(self, variant="", example_db=None):
        """First open (cold and warm cache) and re-lint after an edit."""
        group = "language server, example model.cpp" + variant
        script = os.path.join(HERE, "lsp_latency.py")
        for state in ("cold", "warm"):
            if state == "cold":
                run(["bash", "-c", self.cold()])
            out = subprocess.run([sys.executable, script, self.vmap_tidy,
                                  self.example_file, "--edits", str(self.args.runs),
                                  "--compile-commands-dir", example_db or self.example_db],
                                 check=True, capture_output=True, text=True).stdout
            data = json.loads(out)
            print("== %s: open %s %.2f s, edits %s" % (group, state, data["open"],
                  ", ".join("%.3f" % e for e in data["edits"])), flush=True)
            self.results.append({"group": group, "name": "first open, %s cache" % state,
                                 "command": "vmap-tidy --lsp", "runs": 1,
                                 "min": data["open"], "median": data["open"],
                                 "max": data["open"], "mean": data["open"],
                                 "peak_rss_mb": None})
            if state == "warm":
                edits = data["edits"]
                self.results.append({"group": group, "name": "re-lint after an edit",
                                     "command": "vmap-tidy --lsp", "runs": len(edits),
                                     "min": min(edits), "median": statistics.median(edits),
                                     "max": max(edits), "mean": statistics.mean(edits),
                                     "peak_rss_mb": None})

    # Report -------------------------------------------------------------
    def find(self, group_prefix, name_prefix):
        for r in self.results:
            if r["group"].startswith(group_prefix) and r["name"].startswith(name_prefix):
                return r
        return None

    def ratios(self):
        out = []

        def ratio(label, num, den, target, better_below, key="median"):
            if not num or not den or not num.get(key) or not den.get(key):
                return
            value = num[key] / den[key]
            met = value <= target if better_below else value >= target
            out.append({"ratio": label, "value": round(value, 3),
                        "target": ("<= " if better_below else ">= ") + str(target),
                        "met": met})

        ex, pr = "example model.cpp", "generated"
        for variant, _ in self.example_variants[1:]:
            vex = ex + variant
            vtidy = self.find(vex, "clang-tidy-19")
            ratio("per-file warm vmap-tidy / clang-tidy-19" + variant, self.find(vex, "vmap-tidy warm"), vtidy, 0.2, True)
            vedit = self.find("language server, example model.cpp" + variant, "re-lint after an edit")
            if vedit:
                out.append({"ratio": "LSP re-lint after an edit, median seconds" + variant,
                            "value": round(vedit["median"], 3), "target": "<= 0.3",
                            "met": vedit["median"] <= 0.3})
        tidy = self.find(ex, "clang-tidy-19")
        ratio("per-file warm vmap-tidy / clang-tidy-19", self.find(ex, "vmap-tidy warm"), tidy, 0.2, True)
        ratio("per-file cold vmap-tidy / clang-tidy-19", self.find(ex, "vmap-tidy cold"), tidy, 1.15, True)
        ratio("per-file warm vmap-tidy / clang++ -fsyntax-only", self.find(ex, "vmap-tidy warm"), self.find(ex, "clang++"), 1.0, True)
        ratio("project cold vmap-tidy -j2 / clang-tidy-19 (2 processes)", self.find(pr, "vmap-tidy --project -j 2 cold"), self.find(pr, "clang-tidy-19"), 1.15, True)
        ratio("project -j1 / -j2 (warm preambles, summaries rebuilt)", self.find(pr, "vmap-tidy --project -j 1, warm"), self.find(pr, "vmap-tidy --project -j 2, warm"), 1.7, False)
        ratio("project -j1 / -j2 (cold)", self.find(pr, "vmap-tidy --project -j 1 cold"), self.find(pr, "vmap-tidy --project -j 2 cold"), 1.7, False)
        lsp = "language server"
        ratio("LSP first open (cold cache) / clang-tidy-19", self.find(lsp, "first open, cold"), tidy, 1.2, True)
        edit = self.find(lsp, "re-lint after an edit")
        if edit:
            out.append({"ratio": "LSP re-lint after an edit, median seconds", "value": round(edit["median"], 3),
                        "target": "<= 0.3", "met": edit["median"] <= 0.3})
        ratio("peak RSS warm vmap-tidy / clang-tidy-19", self.find(ex, "vmap-tidy warm"), tidy, 0.8, True, key="peak_rss_mb")
        return out

    def report(self):
        os.makedirs(self.args.out, exist_ok=True)
        versions = {}
        for tool in (["clang++-19", "--version"], ["clang-tidy-19", "--version"],
                     [self.vmap_tidy, "--version"], ["hyperfine", "--version"]):
            p = subprocess.run(tool, capture_output=True, text=True)
            versions[os.path.basename(tool[0])] = (p.stdout or p.stderr).strip().splitlines()[0]
        data = {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
            "versions": versions, "results": self.results, "ratios": self.ratios(),
        }
        with open(os.path.join(self.args.out, "results.json"), "w") as f:
            json.dump(data, f, indent=1)
        lines = ["| benchmark | tool | runs | min (s) | median (s) | max (s) | peak RSS (MB) |",
                 "|---|---|---:|---:|---:|---:|---:|"]
        for r in self.results:
            rss = "%.0f" % r["peak_rss_mb"] if r.get("peak_rss_mb") else "n/a"
            lines.append("| %s | %s | %d | %.2f | %.2f | %.2f | %s |" % (
                r["group"], r["name"], r["runs"], r["min"], r["median"], r["max"], rss))
        lines += ["", "| ratio (medians; RSS for memory) | measured | target | met |",
                  "|---|---:|---|---|"]
        for q in data["ratios"]:
            lines.append("| %s | %.3f | %s | %s |" % (q["ratio"], q["value"], q["target"],
                                                    "yes" if q["met"] else "**no**"))
        lines += ["", "Measured %s on %d CPUs (%s)." % (data["date"], os.cpu_count(), platform.platform())]
        with open(os.path.join(self.args.out, "results.md"), "w") as f:
            f.write("\n".join(lines) + "\n")
        print("\n".join(lines))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "vmap-tidy-bench"))
    p.add_argument("--out", default=os.path.join(HERE, "results"))
    p.add_argument("--runs", type=int, default=5, help="runs per per-file benchmark")
    p.add_argument("--units", type=int, default=20, help="translation units of the generated project")
    p.add_argument("--project-runs", type=int, default=5, help="runs per project-mode benchmark")
    p.add_argument("--project-baseline-runs", type=int, default=5,
                   help="runs of clang++/clang-tidy over the whole project (each takes minutes)")
    p.add_argument("--only", choices=["file", "project"], help="run one half")
    args = p.parse_args()
    for tool in ("hyperfine", "clang++-19", "clang-tidy-19", "cmake"):
        if not shutil.which(tool):
            sys.exit("bench: error: '%s' not found; run scripts/bootstrap" % tool)
    bench = Bench(args)
    if not os.access(bench.vmap_tidy, os.X_OK):
        sys.exit("bench: error: %s not built; run scripts/build" % bench.vmap_tidy)
    bench.prepare_inputs()
    if args.only in (None, "file"):
        for variant, db in bench.example_variants:
            bench.per_file(variant, db)
            bench.language_server(variant, db)
    if args.only in (None, "project"):
        bench.project()
    bench.report()


if __name__ == "__main__":
    main()
