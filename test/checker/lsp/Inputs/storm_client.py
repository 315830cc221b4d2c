#!/usr/bin/env python3
"""Drives the language server through an editing storm and measures it.

Copies --template into --files files under --dir/src (plus --broken, a file
that does not parse) with a compile database in --dir/build, opens them
all, then for --seconds sends --rate incremental didChange notifications a
second, spread over the files, and --actions-per-second codeAction
requests, timing each answer. Meanwhile the compile database is truncated,
deleted and written back with other flags. After the storm it waits for
every file's last version to be linted, asks for the quick fixes of the
first file, reads the server's peak RSS (VmHWM in /proc/PID/status), and
shuts the server down.

It prints the measurements and one "... : yes/no" line for each bound, so
a test can FileCheck the bounds and still show the figures:
  --max-latency-ms   the slowest codeAction answer during the storm
  --max-rss-mib      the server's peak RSS
"""
import argparse
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import frame, reader  # noqa: E402


# How the server reports a lint that crashed, hung or could not start.
LINT_FAILURE = "vmap-tidy could not lint this file"


class Connection:
    """The server process, with a thread that sorts what it sends."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        self.write_lock = threading.Lock()
        self.state = threading.Condition()
        self.responses = {}  # id -> (arrival time, message)
        self.published = {}  # uri -> last published version
        self.failed = set()  # uris whose last result says the lint failed
        self.publish_count = 0
        self.closed = False
        messages = queue.Queue()
        threading.Thread(target=reader, args=(self.process.stdout, messages),
                         daemon=True).start()
        threading.Thread(target=self.sort, args=(messages,), daemon=True).start()

    def sort(self, messages):
        while True:
            message = messages.get()
            with self.state:
                if message is None:
                    self.closed = True
                elif "id" in message and "method" not in message:
                    self.responses[message["id"]] = (time.monotonic(), message)
                elif message.get("method") == "textDocument/publishDiagnostics":
                    params = message["params"]
                    self.published[params["uri"]] = params.get("version")
                    if any(d.get("message", "").startswith(LINT_FAILURE)
                           for d in params.get("diagnostics", [])):
                        self.failed.add(params["uri"])
                    else:
                        self.failed.discard(params["uri"])
                    self.publish_count += 1
                self.state.notify_all()
            if message is None:
                return

    def send(self, message):
        with self.write_lock:
            self.process.stdin.write(frame(json.dumps(message)))
            self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, id, method, params):
        sent = time.monotonic()
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        return sent

    def wait_for(self, predicate, timeout):
        with self.state:
            return self.state.wait_for(lambda: predicate() or self.closed, timeout)

    def response(self, id, timeout):
        self.wait_for(lambda: id in self.responses, timeout)
        return self.responses.get(id)


def write_database(path, entries, truncated=False):
    text = json.dumps(entries, indent=1)
    with open(path, "w") as out:
        out.write(text[:len(text) // 2] if truncated else text)


def code_action_params(uri, lines):
    """Asks for the actions of the whole document, of \p lines lines."""
    return {"textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0},
                      "end": {"line": lines, "character": 0}},
            "context": {"diagnostics": []}}


def preamble_builders(cache_dir):
    """How many preamble builders of \p cache_dir are running."""
    prefix = b"--build-preamble=" + os.path.join(cache_dir, "").encode()
    count = 0
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as cmdline:
                if any(arg.startswith(prefix) for arg in cmdline.read().split(b"\0")):
                    count += 1
        except (OSError, ValueError):
            pass
    return count


class BuilderSampler:
    """Samples preamble_builders() on a thread, keeping the most seen."""

    def __init__(self, cache_dir):
        self.most = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, args=(cache_dir,), daemon=True)
        self.thread.start()

    def run(self, cache_dir):
        while not self.stopped.wait(0.1):
            self.most = max(self.most, preamble_builders(cache_dir))

    def stop(self):
        self.stopped.set()
        self.thread.join()
        return self.most


def peak_rss_mib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--template", required=True)
    p.add_argument("--broken", required=True)
    p.add_argument("--files", type=int, default=200)
    p.add_argument("--rate", type=float, default=100)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--actions-per-second", type=float, default=10)
    p.add_argument("--debounce-ms", type=int, default=300)
    p.add_argument("--flags", default="-std=c++17", help="compile flags in the database")
    p.add_argument("--settle-timeout", type=float, default=120)
    p.add_argument("--max-latency-ms", type=float, default=1000)
    p.add_argument("--max-rss-mib", type=float, default=1024)
    p.add_argument("--edit-preamble", action="store_true",
                   help="each edit adds a #define to the preamble, not a comment")
    p.add_argument("--builders-of", metavar="CACHE_DIR",
                   help="count the preamble builders of this cache that run at once")
    p.add_argument("--max-builders", type=int, default=2)
    p.add_argument("server", nargs=argparse.REMAINDER)
    args = p.parse_args()
    command = args.server[1:] if args.server[:1] == ["--"] else args.server

    src = os.path.join(args.dir, "src")
    build = os.path.join(args.dir, "build")
    os.makedirs(src, exist_ok=True)
    os.makedirs(build, exist_ok=True)
    template = open(args.template).read()
    paths = [os.path.join(src, "file%03d.cpp" % i) for i in range(args.files)]
    paths.append(os.path.join(src, "broken.cpp"))
    for path in paths[:-1]:
        with open(path, "w") as out:
            out.write(template)
    with open(paths[-1], "w") as out:
        out.write(open(args.broken).read())
    database = os.path.join(build, "compile_commands.json")

    def entries(extra):
        return [{"directory": build, "file": path,
                 "command": "clang++ %s%s -c %s" % (args.flags, extra, path)}
                for path in paths]
    write_database(database, entries(""))

    server = Connection(command)
    server.request(1, "initialize", {"capabilities": {},
                                     "initializationOptions": {"debounceMs": args.debounce_ms}})
    if not server.response(1, 30):
        print("no answer to initialize")
        return 3
    server.notify("initialized", {})
    uris = ["file://" + path for path in paths]
    versions = {}
    lines = {}
    for uri, path in zip(uris, paths):
        versions[uri] = 1
        lines[uri] = open(path).read().count("\n")
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": open(path).read()}})
    print("opened %d files" % len(uris))

    # The storm: edits at a fixed rate, code actions between them, and the
    # compile database rewritten under the server's feet.
    rng = random.Random(17)
    database_steps = [(0.3, lambda: write_database(database, entries(""), truncated=True)),
                      (0.5, lambda: os.remove(database)),
                      (0.7, lambda: write_database(database, entries(" -DSTORM=1")))]
    sampler = BuilderSampler(args.builders_of) if args.builders_of else None
    edits = int(args.rate * args.seconds)
    action_every = max(1, int(args.rate / args.actions_per_second))
    action_sent = {}
    next_id = 100
    start = time.monotonic()
    for k in range(edits):
        delay = start + k / args.rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        while database_steps and k >= database_steps[0][0] * edits:
            database_steps.pop(0)[1]()
        uri = rng.choice(uris)
        versions[uri] += 1
        lines[uri] += 1
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": versions[uri]},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0},
                                          "end": {"line": 1, "character": 0}},
                                "text": ("#define STORM_EDIT_%d 1\n" if args.edit_preamble
                                         else "// edit %d\n") % k}]})
        if k % action_every == 0:
            target = rng.choice(uris)
            action_sent[next_id] = server.request(next_id, "textDocument/codeAction",
                                                  code_action_params(target, lines[target]))
            next_id += 1
    storm_seconds = time.monotonic() - start
    print("sent %d changes in %.1f s (%.0f/s) and %d codeAction requests"
          % (edits, storm_seconds, edits / storm_seconds, len(action_sent)))

    latencies = []
    for id, sent in action_sent.items():
        answer = server.response(id, 30)
        if answer is None:
            print("codeAction %d: no answer" % id)
            latencies.append(float("inf"))
        else:
            latencies.append((answer[0] - sent) * 1000)
    print("codeAction during the storm: %d answered, p50 %.1f ms, max %.1f ms"
          % (sum(l != float("inf") for l in latencies), statistics.median(latencies),
             max(latencies)))
    print("codeAction latency under %g ms: %s"
          % (args.max_latency_ms, "yes" if max(latencies) < args.max_latency_ms else "no"))

    settled = server.wait_for(
        lambda: all(server.published.get(uri) == versions[uri] for uri in uris),
        args.settle_timeout)
    print("every file's last version linted: %s (%d publishes, %.1f s after the storm)"
          % ("yes" if settled else "no", server.publish_count,
             time.monotonic() - start - storm_seconds))
    print("lint failures among the last results: %d" % len(server.failed))
    if not settled or server.failed:
        for uri in uris:
            if server.published.get(uri) != versions[uri] or uri in server.failed:
                print("  %s: version %s, published %s"
                      % (uri, versions[uri], server.published.get(uri)))

    if sampler:
        most = sampler.stop()
        print("most preamble builders at once: %d" % most)
        print("preamble builders at most %d: %s"
              % (args.max_builders, "yes" if most <= args.max_builders else "no"))

    server.request(next_id, "textDocument/codeAction", code_action_params(uris[0], lines[uris[0]]))
    answer = server.response(next_id, 30)
    fixes = [a for a in (answer[1].get("result") or []) if a.get("kind") == "quickfix"] \
        if answer else []
    print("quick fixes of the first file after the storm: %s" % ("some" if fixes else "none"))

    rss = peak_rss_mib(server.process.pid)
    print("server peak RSS (VmHWM): %.1f MiB" % rss)
    print("peak RSS under %g MiB: %s" % (args.max_rss_mib, "yes" if rss < args.max_rss_mib else "no"))

    server.request(next_id + 1, "shutdown", None)
    server.response(next_id + 1, 30)
    server.notify("exit", None)
    try:
        code = server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        print("server did not exit")
        return 3
    print("exit code %d" % code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
