#!/usr/bin/env python3
"""A scripted LSP client for the language server tests.

Runs the server command, then the steps of a scenario (a JSON list):
  {"send": MESSAGE}            frame and send MESSAGE ("raw": TEXT sends
                               TEXT as the body, for malformed input)
  {"expect": {"id": N}}        wait for the response with id N and print it
  {"expect": {"method": M}}    wait for the next notification M and print it
  {"expect": {"method": M, "version": V}}
                               ... whose params.version is V
  {"exit": true}               close the server's input
and prints the server's exit code. "${DIR}" in the scenario is replaced by
--dir, "${URI}" by file://--dir. Printed messages are JSON with sorted keys,
so FileCheck can match them exactly. Every wait times out after --timeout
seconds (exit status 3).
"""
import argparse
import json
import subprocess
import sys
import threading
import queue


def frame(body):
    data = body.encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def reader(stream, out):
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                out.put(None)
                return
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        out.put(json.loads(stream.read(length)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("scenario")
    p.add_argument("--dir", required=True)
    p.add_argument("--timeout", type=float, default=180)
    p.add_argument("server", nargs=argparse.REMAINDER)
    args = p.parse_args()
    text = open(args.scenario).read()
    text = text.replace("${URI}", "file://" + args.dir).replace("${DIR}", args.dir)
    steps = json.loads(text)
    server = subprocess.Popen(args.server[1:] if args.server[:1] == ["--"] else args.server,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    messages = queue.Queue()
    threading.Thread(target=reader, args=(server.stdout, messages), daemon=True).start()
    pending = []

    def matches(m, want):
        if "id" in want:
            return m.get("id") == want["id"] and "method" not in m
        if m.get("method") != want["method"]:
            return False
        if "version" in want:
            return m.get("params", {}).get("version") == want["version"]
        return True

    for step in steps:
        if "send" in step:
            body = step["send"] if isinstance(step["send"], str) else json.dumps(step["send"])
            server.stdin.write(frame(body))
            server.stdin.flush()
        elif "raw" in step:
            server.stdin.write(step["raw"].encode())
            server.stdin.flush()
        elif "expect" in step:
            want = step["expect"]
            found = next((m for m in pending if matches(m, want)), None)
            while found is None:
                try:
                    m = messages.get(timeout=args.timeout)
                except queue.Empty:
                    print("timeout waiting for %s" % json.dumps(want), flush=True)
                    server.kill()
                    sys.exit(3)
                if m is None:
                    print("server closed its output waiting for %s" % json.dumps(want))
                    sys.exit(3)
                if matches(m, want):
                    found = m
                else:
                    pending.append(m)
            if found in pending:
                pending.remove(found)
            print(json.dumps(found, sort_keys=True), flush=True)
        elif step.get("exit"):
            server.stdin.close()
    try:
        code = server.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print("server did not exit")
        server.kill()
        sys.exit(3)
    print("exit code %d" % code)


if __name__ == "__main__":
    main()
