#!/usr/bin/env python3
"""Times vmap-tidy --lsp on one file (used by run_bench.py).

Opens FILE, waits for its diagnostics (first open), then makes --edits
edits, each waiting for the re-lint's diagnostics, with no debounce so the
lint itself is timed. Prints JSON: {"open": seconds, "edits": [seconds...]}.
"""
import argparse
import json
import subprocess
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("server")
    p.add_argument("file")
    p.add_argument("--edits", type=int, default=5)
    p.add_argument("--compile-commands-dir")
    args = p.parse_args()
    cmd = [args.server, "--lsp"]
    if args.compile_commands_dir:
        cmd.append("--compile-commands-dir=" + args.compile_commands_dir)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(message):
        body = json.dumps(message).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def receive():
        length = None
        while True:
            line = proc.stdout.readline().strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(proc.stdout.read(length))

    def wait_for(version):
        while True:
            m = receive()
            if (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"].get("version") == version):
                return m

    uri = "file://" + args.file
    text = open(args.file).read()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"capabilities": {}, "initializationOptions": {"debounceMs": 0}}})
    receive()
    start = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "cpp", "version": 1, "text": text}}})
    wait_for(1)
    result = {"open": time.monotonic() - start, "edits": []}
    lines = text.count("\n")
    for i in range(args.edits):
        version = 2 + i
        start = time.monotonic()
        # Append a comment line: a real edit that keeps the findings.
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": lines + i, "character": 0},
                                          "end": {"line": lines + i, "character": 0}},
                                "text": "// edit %d\n" % i}]}})
        wait_for(version)
        result["edits"].append(time.monotonic() - start)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=60)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
