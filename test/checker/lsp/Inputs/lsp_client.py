#!/usr/bin/env python3
"""A scripted LSP client for the language server tests.

Runs the server command, then the steps of a scenario (a JSON list):
  {"send": MESSAGE}            frame and send MESSAGE (a string is sent as
                               the body as it is, for malformed JSON)
  {"raw": TEXT}                send TEXT as it is, without a frame
  {"open": PATH, "version": V} send didOpen of the file PATH (relative to
                               --dir) with its text from disk
  {"sleep": SECONDS}           wait
  {"expect": {"id": N}}        wait for the response with id N and print it
  {"expect": {"method": M}}    wait for the next notification M and print it
  {"expect": {"method": M, "version": V}}
                               ... whose params.version is V
  "each": true                 (with expect) print each element of the
                               result, or of params.diagnostics, on a line,
                               and their count
  "omit": [KEY...]             (with each) leave these keys out of each
  {"exit": true}               close the server's input
Then it waits for the server to end, prints every message that no step
expected ("unexpected: ..."), and the server's exit code.

"${DIR}" in the scenario is replaced by --dir, "${URI}" by its file: URI.
Printed messages are JSON with sorted keys, so FileCheck can match them
exactly. Every wait times out after --timeout seconds (exit status 3).
"""
import argparse
import json
import queue
import subprocess
import sys
import threading
import time


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


def matches(message, want):
    if "id" in want:
        return message.get("id") == want["id"] and "method" not in message
    if message.get("method") != want["method"]:
        return False
    if "version" in want:
        return message.get("params", {}).get("version") == want["version"]
    return True


def show(message, each, omit):
    if not each:
        print(json.dumps(message, sort_keys=True), flush=True)
        return
    items = message.get("result")
    if items is None:
        items = message.get("params", {}).get("diagnostics", [])
    for item in items:
        shown = {k: v for k, v in item.items() if k not in omit}
        print(json.dumps(shown, sort_keys=True), flush=True)
    print("(%d)" % len(items), flush=True)


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
    command = args.server[1:] if args.server[:1] == ["--"] else args.server
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    messages = queue.Queue()
    threading.Thread(target=reader, args=(server.stdout, messages), daemon=True).start()
    pending = []

    def fail(why):
        print(why, flush=True)
        server.kill()
        sys.exit(3)

    def send(body):
        server.stdin.write(frame(body))
        server.stdin.flush()

    for step in steps:
        if "send" in step:
            body = step["send"]
            send(body if isinstance(body, str) else json.dumps(body))
        elif "raw" in step:
            server.stdin.write(step["raw"].encode())
            server.stdin.flush()
        elif "open" in step:
            path = args.dir + "/" + step["open"]
            send(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": "file://" + path, "languageId": "cpp",
                                 "version": step["version"], "text": open(path).read()}}}))
        elif "sleep" in step:
            time.sleep(step["sleep"])
        elif "expect" in step:
            want = step["expect"]
            found = next((m for m in pending if matches(m, want)), None)
            while found is None:
                try:
                    m = messages.get(timeout=args.timeout)
                except queue.Empty:
                    fail("timeout waiting for %s" % json.dumps(want))
                if m is None:
                    fail("server closed its output waiting for %s" % json.dumps(want))
                if matches(m, want):
                    found = m
                else:
                    pending.append(m)
            if found in pending:
                pending.remove(found)
            show(found, step.get("each", False), step.get("omit", []))
        elif step.get("exit"):
            server.stdin.close()
    try:
        code = server.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        fail("server did not exit")
    while True:
        m = messages.get(timeout=args.timeout)
        if m is None:
            break
        pending.append(m)
    for m in pending:
        print("unexpected: " + json.dumps(m, sort_keys=True))
    print("exit code %d" % code)


if __name__ == "__main__":
    main()
