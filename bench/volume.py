#!/usr/bin/env python3
"""The capture at volume (issue 12): each figure against its peer in the same
run, min/median over repeated runs, printed as ratios.

  capture  1 GiB into a discard listener, payload captured to disk, with
           --keep all and --keep head:64K, vs the C epoll server
  chatty   a 4 GiB flood into one connection while 100 others chat, all
           captured: whole-process peak RSS, headless and (with --gui-probe)
           with the window open, the flood connection selected
  record   64 clients echoing 10 MiB each with --record: peak RSS and time,
           vs the same run without --record
  import   --import of a recorded session holding a multi-GiB connection:
           time and peak RSS, vs reading the file once with cat

Usage: python3 bench/volume.py --sockscope PATH --epoll PATH [--gui-probe PATH] [--runs N]
       [--bytes SIZE] [--big-bytes SIZE] [--only capture,chatty,record,import]
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

MiB = 1 << 20
GiB = 1 << 30


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


class Peak:
    """Peak VmRSS of a process, sampled every 20 ms."""

    def __init__(self, pid):
        self.pid, self.peak_kb, self.alive = pid, 0, True
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while self.alive:
            try:
                with open("/proc/%d/status" % self.pid) as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
            except OSError:
                return
            time.sleep(0.02)

    def mib(self):
        self.alive = False
        return self.peak_kb / 1024


def start_headless(binary, *args):
    proc = subprocess.Popen([binary, "--headless", "--listen", "127.0.0.1:0", *args],
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    if not line.startswith("listening "):
        raise RuntimeError("sockscope did not listen: %r" % line)
    port = int(line.split()[1].rsplit(":", 1)[1])
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, port


def start_window(binary, tmp):
    """bench/gui_probe: the real MainWindow on the offscreen platform, with
    a discard listener and a disk budget that keeps the whole flood."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tmp, TMPDIR=tmp,
               QT_LOGGING_RULES="*.debug=false;qt.qpa.*=false")
    proc = subprocess.Popen([binary, "--budget", "6G"], stdout=subprocess.PIPE,
                            stdin=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    for line in proc.stdout:
        if line.startswith("listening "):
            port = int(line.split()[1].rsplit(":", 1)[1])
            break
    else:
        raise RuntimeError("gui_probe did not listen")
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, port


def start_epoll(binary, mode):
    proc = subprocess.Popen([binary, mode], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            text=True)
    port = int(proc.stdout.readline().rsplit(":", 1)[1])
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, port


def stop(proc, sig=signal.SIGINT, timeout=120):
    proc.send_signal(sig)
    proc.wait(timeout)


def flood(port, n, block=b"\0" * MiB):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    t0 = time.monotonic()
    sent = 0
    while sent < n:
        s.sendall(block)
        sent += len(block)
    s.shutdown(socket.SHUT_WR)
    s.recv(1)
    s.close()
    return n / (time.monotonic() - t0) / MiB


def chatter(port, stop_event, messages):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    while not stop_event.is_set():
        s.sendall(b"PING %d\r\n" % messages[0])
        messages[0] += 1
        stop_event.wait(0.05)
    s.close()


def echo_client(port, n, done):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    block = os.urandom(64 * 1024)

    def reader():
        got = 0
        while got < n:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            got += len(chunk)
        done.append(got)

    t = threading.Thread(target=reader)
    t.start()
    sent = 0
    while sent < n:
        s.sendall(block)
        sent += len(block)
    t.join()
    s.close()


class Volume:
    def __init__(self, args):
        self.a = args
        self.tmp = tempfile.mkdtemp(prefix="sockscope-volume-")
        self.raw = {}

    def put(self, key, value):
        self.raw.setdefault(key, []).append(value)

    def capture(self):
        n = self.a.bytes
        for name, extra in (("all", []), ("head64k", ["--keep", "head:64K"])):
            proc, port = start_headless(self.a.sockscope, "--respond", "discard",
                                        "--capture-dir", self.tmp, *extra)
            peak = Peak(proc.pid)
            rate = flood(port, n)
            stop(proc)
            self.put("capture/" + name, rate)
            self.put("capture-rss/" + name, peak.mib())
            log("  capture keep=%-8s %7.0f MiB/s  peak %.0f MiB" % (name, rate, peak.mib()))
        proc, port = start_epoll(self.a.epoll, "discard")
        rate = flood(port, n)
        stop(proc, signal.SIGTERM)
        self.put("capture/c", rate)
        log("  capture C epoll       %7.0f MiB/s" % rate)

    def chatty(self):
        for name in ("headless", "window") if self.a.gui_probe else ("headless",):
            if name == "headless":
                proc, port = start_headless(self.a.sockscope, "--respond", "discard",
                                            "--capture-dir", self.tmp)
            else:
                proc, port = start_window(self.a.gui_probe, self.tmp)
            peak = Peak(proc.pid)
            stop_event = threading.Event()
            messages = [0]
            threads = [threading.Thread(target=chatter, args=(port, stop_event, messages))
                       for _ in range(100)]
            for t in threads:
                t.start()
            if name == "window":
                # A person watches the flood: its row selected, Follow stream shown.
                threading.Timer(2.0, lambda: (proc.stdin.write("select biggest\n"),
                                              proc.stdin.flush())).start()
            rate = flood(port, self.a.big_bytes)
            stop_event.set()
            for t in threads:
                t.join()
            if name == "window":
                proc.stdin.write("close\n")
                proc.stdin.close()
                proc.wait(120)
            else:
                stop(proc)
            self.put("chatty/rss/" + name, peak.mib())
            log("  chatty  %-8s %g GiB flood + 100 chatty: %.0f MiB/s, peak %.0f MiB, "
                "%d messages" % (name, self.a.big_bytes / GiB, rate, peak.mib(), messages[0]))

    def record(self):
        n = 10 * MiB
        for name in ("plain", "record"):
            extra = ["--record", os.path.join(self.tmp, "rec.jsonl")] if name == "record" else []
            proc, port = start_headless(self.a.sockscope, "--respond", "echo",
                                        "--capture-budget", "16M", "--capture-dir", self.tmp,
                                        *extra)
            peak = Peak(proc.pid)
            done = []
            t0 = time.monotonic()
            clients = [threading.Thread(target=echo_client, args=(port, n, done))
                       for _ in range(64)]
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            seconds = time.monotonic() - t0
            stop(proc)
            if sum(done) != 64 * n:
                raise RuntimeError("echo lost bytes: %d of %d" % (sum(done), 64 * n))
            self.put("record-rss/" + name, peak.mib())
            self.put("record-s/" + name, seconds)
            log("  record  %-7s 64 x 10 MiB echo in %.2f s, peak %.0f MiB" %
                (name, seconds, peak.mib()))

    def make_session(self):
        path = os.path.join(self.tmp, "big.jsonl")
        if os.path.exists(path):
            return path
        proc, port = start_headless(self.a.sockscope, "--respond", "discard", "--capture-dir",
                                    self.tmp, "--record", path)
        flood(port, self.a.big_bytes, os.urandom(MiB))
        stop(proc)
        return path

    def imports(self):
        path = self.make_session()
        size = os.path.getsize(path)
        t0 = time.monotonic()
        subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)
        cat_s = time.monotonic() - t0
        t0 = time.monotonic()
        proc = subprocess.Popen([self.a.sockscope, "--headless", "--import", path],
                                stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        peak = Peak(proc.pid)
        proc.wait(600)
        seconds = time.monotonic() - t0
        if proc.returncode != 0:
            raise RuntimeError("--import failed")
        self.put("import-s", seconds)
        self.put("import-cat-s", cat_s)
        self.put("import-rss", peak.mib())
        log("  import  %.1f GiB file in %.2f s (cat %.2f s), peak %.0f MiB" %
            (size / GiB, seconds, cat_s, peak.mib()))

    def table(self):
        rows = []

        def fmt(vals, digits=0):
            f = "%%.%df" % digits
            return (f + " (min " + f + ")") % (statistics.median(vals), min(vals))

        def ratio(figure, key, peer, target):
            s, p = self.raw.get(key), self.raw.get(peer)
            if not s or not p:
                return
            r = statistics.median(s) / statistics.median(p)
            rows.append((figure, fmt(s), fmt(p), "%.2fx" % r, "≥ %.1fx" % target,
                         "PASS" if r >= target else "FAIL"))

        def limit(figure, key, peer, target, peer_key=None):
            s = self.raw.get(key)
            if not s:
                return
            p = fmt(self.raw[peer_key]) if peer_key and self.raw.get(peer_key) else peer
            rows.append((figure, fmt(s), p, "", "≤ %g (worst)" % target,
                         "PASS" if max(s) <= target else "FAIL"))

        gib = self.a.bytes / GiB
        ratio("Capture %g GiB to disk, keep all, vs C epoll [MiB/s]" % gib, "capture/all",
              "capture/c", 0.5)
        ratio("Capture %g GiB, keep head:64K, vs C epoll [MiB/s]" % gib, "capture/head64k",
              "capture/c", 0.9)
        limit("Capture %g GiB to disk: peak RSS [MiB]" % gib, "capture-rss/all", "", 150)
        limit("%g GiB flood + 100 chatty, headless: peak RSS [MiB]" % (self.a.big_bytes / GiB),
              "chatty/rss/headless", "", 150)
        limit("%g GiB flood + 100 chatty, window open: peak RSS [MiB]" % (self.a.big_bytes / GiB),
              "chatty/rss/window", "", 200)
        limit("--record, 64 busy echo clients: peak RSS [MiB]", "record-rss/record",
              "no --record: ", 150, "record-rss/plain")
        s, p = self.raw.get("record-s/record"), self.raw.get("record-s/plain")
        if s and p:
            rows.append(("--record, 64 x 10 MiB echo: time [s]", fmt(s, 2), fmt(p, 2),
                         "%.2fx" % (statistics.median(s) / statistics.median(p)), "-", "info"))
        limit("--import of the %g GiB session: peak RSS [MiB]" % (self.a.big_bytes / GiB),
              "import-rss", "", 200)
        s, p = self.raw.get("import-s"), self.raw.get("import-cat-s")
        if s and p:
            rows.append(("--import of the %g GiB session: time [s]" % (self.a.big_bytes / GiB),
                         fmt(s, 2), "cat: " + fmt(p, 2),
                         "%.2fx" % (statistics.median(s) / statistics.median(p)), "-", "info"))
        widths = [max(len(str(r[i])) for r in rows + [HEADER]) for i in range(6)]
        for r in [HEADER] + rows:
            print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths)))

    def run(self):
        want = set(self.a.only.split(",")) if self.a.only else None
        for run in range(self.a.runs):
            log("volume run %d/%d" % (run + 1, self.a.runs))
            for name, fn in (("capture", self.capture), ("chatty", self.chatty),
                             ("record", self.record), ("import", self.imports)):
                if want is None or name in want:
                    fn()
        self.table()


HEADER = ("figure", "SockScope median (min)", "peer", "ratio", "target", "result")


def size(text):
    units = {"K": 1 << 10, "M": MiB, "G": GiB}
    return int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sockscope", required=True)
    p.add_argument("--epoll", required=True)
    p.add_argument("--gui-probe", help="bench/gui_probe, for the window-open figure")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--bytes", type=size, default=GiB)
    p.add_argument("--big-bytes", type=size, default=4 * GiB)
    p.add_argument("--only")
    v = Volume(p.parse_args())
    try:
        v.run()
    finally:
        subprocess.run(["rm", "-rf", v.tmp])


main()
