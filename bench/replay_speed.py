#!/usr/bin/env python3
"""Issue 18's replay figure: a 10,000-message session recorded against a
Python server (each line answered "ACK <n>"), then replayed as its client
with --timing asap against the same server. Target: the replay takes at
most 1.5x the original exchange. The original is timed at the client, the
replay from the sockscope process's start to its exit, so the replay's
figure includes loading the file. Min and median over --runs.

    python3 bench/replay_speed.py build/app/sockscope [--runs 3]
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def server():
    listening = socket.create_server(("127.0.0.1", 0))

    def serve(conn):
        with conn:
            count, pending = 0, b""
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                pending += data
                answers = []
                while b"\n" in pending:
                    _, pending = pending.split(b"\n", 1)
                    count += 1
                    answers.append(b"ACK %d\n" % count)
                conn.sendall(b"".join(answers))

    def accept():
        while True:
            try:
                conn, _ = listening.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()
    return listening


def record(binary, upstream, path, messages):
    """The original exchange: a client through a recording relay, each
    message's answer awaited before the next."""
    app = subprocess.Popen([binary, "--headless", "--listen", "127.0.0.1:0", "--respond",
                            f"forward:127.0.0.1:{upstream}", "--record", path],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(app.stdout.readline().strip().rsplit(":", 1)[1])
    threading.Thread(target=app.stdout.read, daemon=True).start()
    with socket.create_connection(("127.0.0.1", port)) as s:
        reader = s.makefile("rb")
        started = time.monotonic()
        for i in range(messages):
            s.sendall(b"MSG %d\n" % i)
            reader.readline()
        original = time.monotonic() - started
        reader.close()
    time.sleep(0.5)  # bench only: let the relay record the close
    app.terminate()
    app.wait(30)
    return original


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    listening = server()
    upstream = listening.getsockname()[1]
    originals, replays = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            path = os.path.join(tmp, f"session-{run}.jsonl")
            originals.append(record(args.binary, upstream, path, args.messages))
            started = time.monotonic()
            result = subprocess.run([args.binary, "--replay", path, "--target",
                                     f"127.0.0.1:{upstream}", "--timing", "asap"],
                                    capture_output=True, text=True, timeout=600)
            replays.append(time.monotonic() - started)
            if result.returncode != 0:
                print(f"replay exited {result.returncode}: {result.stdout}{result.stderr}")
                return 1
    ratio = statistics.median(replays) / statistics.median(originals)
    print(f"replay: {args.messages} messages, {args.runs} runs")
    print(f"  original exchange: median {statistics.median(originals):.2f} s "
          f"(min {min(originals):.2f})")
    print(f"  replay --timing asap: median {statistics.median(replays):.2f} s "
          f"(min {min(replays):.2f})")
    print(f"  ratio {ratio:.2f}x (target <= 1.5x): {'PASS' if ratio <= 1.5 else 'FAIL'}")
    return 0 if ratio <= 1.5 else 1


sys.exit(main())
