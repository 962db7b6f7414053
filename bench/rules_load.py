#!/usr/bin/env python3
"""Issue 18's rules figure: a rules listener answering 10,000 framed requests
from an asyncio client over 100 concurrent connections (0 mismatches), and
its time against the same traffic through a plain echo listener, both
SockScope headless, in the same run. Min and median over --runs.

    python3 bench/rules_load.py build/app/sockscope [--runs 5]
"""
import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

RULES = {"sockscope_rules": 1, "framing": "line",
         "rules": [{"name": "req", "when": {"regex": r"^REQ (\d+)$"},
                    "reply": {"text": "RSP ${1} #${conn_counter}\n"}}],
         "default": {"text": "ERR\n"}}


async def one_connection(port, first, count, rules, mismatches):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for i in range(first, first + count):
        request = b"REQ %d\n" % i
        # Written in two pieces: the rules must frame, not match reads.
        writer.write(request[:3])
        await writer.drain()
        writer.write(request[3:])
        await writer.drain()
        line = await reader.readline()
        want = (b"RSP %d #%d\n" % (i, i - first + 1)) if rules else request
        if line != want:
            mismatches.append((i, line))
    writer.close()
    await writer.wait_closed()


async def load(port, rules, connections, requests):
    mismatches = []
    per = requests // connections
    started = time.monotonic()
    await asyncio.gather(*(one_connection(port, c * per, per, rules, mismatches)
                           for c in range(connections)))
    return time.monotonic() - started, mismatches


def run_server(binary, respond):
    proc = subprocess.Popen([binary, "--headless", "--listen", "127.0.0.1:0", "--respond",
                             respond], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    # The first line names the port; the rest is read in the background
    # (drained()), so that a full pipe never holds the listener up.
    port = int(proc.stdout.readline().strip().rsplit(":", 1)[1])
    return proc, port


async def drained(proc):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, proc.stdout.read)


def measure(binary, respond, rules, connections, requests):
    proc, port = run_server(binary, respond)
    try:
        async def both():
            drain = asyncio.ensure_future(drained(proc))
            result = await load(port, rules, connections, requests)
            proc.terminate()
            await drain
            return result
        return asyncio.run(both())
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rules_path = os.path.join(tmp, "rules.json")
        with open(rules_path, "w") as f:
            json.dump(RULES, f)
        rules_times, echo_times, total_mismatches = [], [], 0
        for _ in range(args.runs):
            seconds, mismatches = measure(args.binary, "rules:" + rules_path, True,
                                          args.connections, args.requests)
            rules_times.append(seconds)
            total_mismatches += len(mismatches)
            seconds, mismatches = measure(args.binary, "echo", False, args.connections,
                                          args.requests)
            echo_times.append(seconds)
            total_mismatches += len(mismatches)
    rate = lambda t: args.requests / t  # noqa: E731
    rules_rate = statistics.median(rate(t) for t in rules_times)
    echo_rate = statistics.median(rate(t) for t in echo_times)
    print(f"rules: {args.requests} requests over {args.connections} connections, "
          f"{args.runs} runs")
    print(f"  rules listener: median {rules_rate:.0f} req/s (min time {min(rules_times):.2f} s)")
    print(f"  echo listener:  median {echo_rate:.0f} req/s (min time {min(echo_times):.2f} s)")
    ratio = rules_rate / echo_rate
    print(f"  ratio {ratio:.2f}x (target >= 0.8x): {'PASS' if ratio >= 0.8 else 'FAIL'}")
    print(f"  mismatches: {total_mismatches} (target 0): "
          f"{'PASS' if total_mismatches == 0 else 'FAIL'}")
    return 0 if ratio >= 0.8 and total_mismatches == 0 else 1


sys.exit(main())
