"""Interrupts `vmap-tidy --fix` runs at several moments with SIGINT and
SIGTERM, and checks that each leaves the file either as it was or fixed
whole, and no temporary file beside it or in TMPDIR.

usage: interrupt.py ORIGINAL FIXED WORKDIR -- VMAP-TIDY-COMMAND (with
{file} for the file to fix)"""
import os
import shutil
import signal
import subprocess
import sys
import time

original, fixed, work = sys.argv[1:4]
command = sys.argv[5:]
want = {open(original, "rb").read(): "original", open(fixed, "rb").read(): "fixed"}
tmp = os.path.join(work, "tmp")
seen = set()
for sig in (signal.SIGINT, signal.SIGTERM):
    for delay in (0.1, 0.4, 0.8, 1.2, 1.6, 2.0, 2.5):
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(tmp)
        target = os.path.join(work, "a.cpp")
        shutil.copy(original, target)
        argv = [a.replace("{file}", target) for a in command]
        env = dict(os.environ, TMPDIR=tmp)
        child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(sig)
        child.wait()
        state = want.get(open(target, "rb").read())
        if state is None:
            sys.exit("half-written file after %s at %.1f s" % (sig.name, delay))
        leftovers = sorted(set(os.listdir(work)) - {"a.cpp", "tmp"}) + os.listdir(tmp)
        if leftovers:
            sys.exit("left behind after %s at %.1f s: %s" % (sig.name, delay, leftovers))
        seen.add(state)
print("ok: every interrupted run left the file %s" % " or ".join(sorted(seen)))
