#!/usr/bin/env python3
"""Runs every SockScope benchmark against its reference peers in the same run
and prints one table. Started by bench/run.sh, which builds the programs.

Each figure is measured --runs times (default 5) on a fresh server process,
the servers of one figure interleaved run by run, so that drift of the
machine hits all of them alike. Values are "median (min-max)"; ratios are
median over median. Every process is bounded by a timeout and is ended by
its own pid.
"""
import argparse
import json
import os
import resource
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

GiB = 1 << 30
MiB = 1 << 20


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_listening(port):
    needle = ":%04X" % port
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split()
            if fields[1].endswith(needle) and fields[3] == "0A":
                return True
    return False


def status_kb(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def thread_cpu(pid):
    """CPU seconds per thread role: "main" (the pid's own thread, which
    prints or paints), "engine" (SockScope's engine thread) and "other"."""
    out = {"main": 0.0, "engine": 0.0, "other": 0.0}
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return out
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                ns = int(f.read().split()[0])
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                comm = f.read().strip()
        except OSError:
            continue
        role = "main" if int(tid) == pid else "engine" if comm.startswith("sockscope-eng") \
            else "other"
        out[role] += ns / 1e9
    return out


def parse_kv(line):
    out = {}
    for word in line.split():
        if "=" in word:
            k, v = word.split("=", 1)
            try:
                out[k] = float(v) if "." in v else int(v)
            except ValueError:
                out[k] = v
    return out


class Lines:
    """Line reader over a child's stdout pipe, with deadlines."""

    def __init__(self, proc):
        self.proc = proc
        self.buf = b""
        self.fd = proc.stdout.fileno()

    def next(self, prefix, timeout):
        deadline = time.monotonic() + timeout
        while True:
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                text = line.decode(errors="replace")
                if text.startswith(prefix):
                    return text
                if text.startswith("error"):
                    raise RuntimeError("%s: %s" % (self.proc.args[0], text))
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no '%s' from %s" % (prefix, self.proc.args))
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise RuntimeError("%s ended before '%s'" % (self.proc.args, prefix))
                self.buf += chunk


class RssSampler(threading.Thread):
    """Peak RSS of a process, sampled every 20 ms, and its last VmHWM."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.hwm_kb = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            rss = status_kb(self.pid, "VmRSS")
            hwm = status_kb(self.pid, "VmHWM")
            if rss is None:
                return
            self.peak_kb = max(self.peak_kb, rss)
            self.hwm_kb = max(self.hwm_kb, hwm or 0)
            time.sleep(0.02)

    def peak_mib(self):
        self.stop.set()
        self.join(1)
        return max(self.peak_kb, self.hwm_kb) / 1024


class Server:
    """A server under test: started fresh for each run, ended by its pid."""

    def __init__(self, kind, tools, respond, budget, tmp, out=None):
        self.kind, self.tools, self.respond, self.budget, self.tmp = kind, tools, respond, budget, tmp
        self.out = out  # headless: "null" or "file"
        self.proc = None
        self.port = None
        self.outfile = None
        self.stats = {}

    def start(self):
        env = dict(os.environ, XDG_CONFIG_HOME=self.tmp, QT_LOGGING_RULES="*.debug=false")
        k = self.kind
        if k == "c":
            self.proc = subprocess.Popen([self.tools["epoll_server"], self.respond],
                                         stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
            self.lines = Lines(self.proc)
            self.port = int(self.lines.next("listening", 10).rsplit(":", 1)[1])
        elif k == "engine":
            self.proc = subprocess.Popen([self.tools["engine_server"], "--respond", self.respond,
                                          "--budget", str(self.budget)],
                                         stdout=subprocess.PIPE, stdin=subprocess.PIPE, env=env)
            self.lines = Lines(self.proc)
            self.port = int(self.lines.next("listening", 10).rsplit(":", 1)[1])
        elif k == "headless":
            self.port = free_port()
            if self.out == "file":
                self.outfile = os.path.join(self.tmp, "headless-%d.out" % self.port)
                stdout = open(self.outfile, "wb")
            else:
                stdout = subprocess.DEVNULL
            self.proc = subprocess.Popen([self.tools["sockscope"], "--headless", "--listen",
                                          "127.0.0.1:%d" % self.port, "--respond", self.respond,
                                          "--capture-budget", str(self.budget)],
                                         stdout=stdout, stdin=subprocess.DEVNULL, env=env)
            if self.out == "file":
                stdout.close()
            self.wait_listening()
        elif k in ("socat", "socat-pipe"):
            self.port = free_port()
            listen = "TCP-LISTEN:%d,bind=127.0.0.1,reuseaddr" % self.port
            args = ["socat", "-u", listen, "OPEN:/dev/null"] if k == "socat" else \
                   ["socat", listen, "PIPE"]
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL)
            self.wait_listening()
        self.sampler = RssSampler(self.proc.pid)
        self.sampler.start()
        self.cpu0 = thread_cpu(self.proc.pid)
        return self

    def wait_listening(self):
        deadline = time.monotonic() + 10
        while not is_listening(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("%s did not listen on %d" % (self.kind, self.port))
            time.sleep(0.01)

    def rss_kb(self):
        return status_kb(self.proc.pid, "VmRSS")

    def stop(self, timeout=60):
        """Ends the server gracefully; returns its final stats."""
        peak = self.sampler.peak_mib()
        cpu = thread_cpu(self.proc.pid)
        t0 = time.monotonic()
        if self.kind == "engine":
            self.proc.stdin.close()
            self.stats = parse_kv(self.lines.next("stats", timeout))
        elif self.kind == "c":
            self.proc.send_signal(signal.SIGTERM)
            self.stats = parse_kv(self.lines.next("stats", timeout))
        elif self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError("%s did not exit within %d s" % (self.kind, timeout))
        self.stats["exit_s"] = time.monotonic() - t0
        self.stats["peak_rss_mib"] = peak
        for role in cpu:
            self.stats["cpu_%s_s" % role] = cpu[role] - self.cpu0[role]
        if self.outfile:
            with open(self.outfile, "rb") as f:
                data = f.read()
            self.stats["accept_lines"] = data.count(b"\naccept ") + data.startswith(b"accept ")
            self.stats["out_bytes"] = len(data)
            os.unlink(self.outfile)
        return self.stats

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def blast(tools, mode, port, count, timeout):
    out = subprocess.run([tools["blast"], mode, "127.0.0.1", str(port), str(count),
                          "--timeout", str(timeout)],
                         stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=timeout + 10)
    text = out.stdout.decode()
    for line in text.splitlines():
        if line.startswith("result"):
            return parse_kv(line)
    raise RuntimeError("blast %s on %d failed: %s" % (mode, port, text.strip()))


def command(proc, line):
    proc.stdin.write(line.encode() + b"\n")
    proc.stdin.flush()


class Hold:
    """blast hold: N connections kept open until release()."""

    def __init__(self, tools, port, n, timeout):
        self.proc = subprocess.Popen([tools["blast"], "hold", "127.0.0.1", str(port), str(n),
                                      "--timeout", str(timeout)],
                                     stdout=subprocess.PIPE, stdin=subprocess.PIPE)
        lines = Lines(self.proc)
        self.result = parse_kv(lines.next("result", timeout))
        lines.next("held", timeout)

    def release(self):
        self.proc.stdin.close()
        self.proc.wait(60)


def children(pid):
    """The direct children of pid (socat's forked relays)."""
    try:
        # The kernel's own list (CONFIG_PROC_CHILDREN): far cheaper than a
        # scan of /proc while a sampler runs beside a flood.
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        if not os.path.exists("/proc/%d" % pid):
            return []
    except OSError:
        return []
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(name))
    return out


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kb(pid):
    """Proportional set size of pid and its children: a forking relay's
    memory with the pages its processes share counted once."""
    return pss_kb(pid) + sum(pss_kb(c) for c in children(pid))


class TreePssSampler(RssSampler):
    """Peak PSS of a process and its children, sampled every 100 ms (each
    sample reads every process's smaps_rollup)."""

    def run(self):
        while not self.stop.is_set():
            if not os.path.exists("/proc/%d" % self.pid):
                return
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))
            time.sleep(0.1)


class Refused(Exception):
    """The sockscope under test has no forward responder (yet)."""


class Relay(Server):
    """A relay under test in front of an upstream port: SockScope's forward
    responder (headless), socat (one forked process per connection) or the C
    splice relay. Started fresh for each run, ended by its pid."""

    def __init__(self, kind, tools, upstream, budget, tmp, out=None):
        super().__init__(kind, tools, None, budget, tmp, out)
        self.upstream = upstream
        self.exportfile = None

    def start(self):
        env = dict(os.environ, XDG_CONFIG_HOME=self.tmp, QT_LOGGING_RULES="*.debug=false")
        if self.kind == "sockscope-shm":
            # The capture's payload file (QTemporaryFile) in memory, not on
            # the disk: what the relay costs without the disk's write-back.
            env["TMPDIR"] = "/dev/shm"
        up = "127.0.0.1:%d" % self.upstream
        if self.kind.startswith("sockscope"):
            self.port = free_port()
            if self.out == "file":
                self.outfile = os.path.join(self.tmp, "relay-%d.out" % self.port)
                stdout = open(self.outfile, "wb")
            else:
                stdout = subprocess.DEVNULL
            errfile = os.path.join(self.tmp, "relay-%d.err" % self.port)
            # Everything captured, as the target says and as the window
            # does: only --export makes a headless run store payload
            # (1efaadf). The pcap is written at exit, after the figure's
            # clock has stopped, and removed once its size is read.
            self.exportfile = os.path.join(self.tmp, "relay-%d.pcap" % self.port)
            with open(errfile, "wb") as stderr:
                self.proc = subprocess.Popen([self.tools["sockscope"], "--headless", "--listen",
                                              "127.0.0.1:%d" % self.port, "--respond",
                                              "forward:" + up, "--capture-budget",
                                              str(self.budget), "--export", self.exportfile],
                                             stdout=stdout, stderr=stderr,
                                             stdin=subprocess.DEVNULL, env=env)
            if self.out == "file":
                stdout.close()
            try:
                self.wait_listening()
            except RuntimeError:
                if self.proc.poll() is None or self.proc.returncode == 0:
                    raise
                with open(errfile, "rb") as f:
                    why = f.read().decode(errors="replace").strip().splitlines()
                raise Refused("exit %d: %s" % (self.proc.returncode,
                                               why[0] if why else "no message"))
        elif self.kind == "c":
            self.proc = subprocess.Popen([self.tools["relay"], "127.0.0.1", str(self.upstream)],
                                         stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
            self.lines = Lines(self.proc)
            self.port = int(self.lines.next("listening", 10).rsplit(":", 1)[1])
        elif self.kind == "socat":
            self.port = free_port()
            # backlog=1024 as the others listen with (socat's default is 5,
            # which drops SYNs while 1,000 clients connect at once).
            self.proc = subprocess.Popen(
                ["socat", "TCP-LISTEN:%d,bind=127.0.0.1,fork,reuseaddr,backlog=1024" % self.port,
                 "TCP:" + up], stdin=subprocess.DEVNULL)
            self.wait_listening()
        self.sampler = TreePssSampler(self.proc.pid) if self.kind == "socat" else \
            RssSampler(self.proc.pid)
        self.sampler.start()
        self.cpu0 = thread_cpu(self.proc.pid)
        return self

    def memory_kb(self):
        """socat: PSS over the parent and its forks; else the RSS."""
        if self.kind == "socat":
            return tree_pss_kb(self.proc.pid)
        return self.rss_kb()

    def stop(self, timeout=60):
        peak = self.sampler.peak_mib()
        cpu = thread_cpu(self.proc.pid)
        t0 = time.monotonic()
        kids = children(self.proc.pid) if self.kind == "socat" else []
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        if self.kind == "c":
            self.stats = parse_kv(self.lines.next("stats", timeout))
        for kid in kids:
            try:
                os.kill(kid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError("relay %s did not exit within %d s" % (self.kind, timeout))
        self.stats["exit_s"] = time.monotonic() - t0
        self.stats["peak_rss_mib"] = peak
        self.stats["cpu_s"] = sum(cpu.values()) - sum(self.cpu0.values())
        if self.outfile:
            with open(self.outfile, "rb") as f:
                data = b"\n" + f.read()
            self.stats["accept_lines"] = data.count(b"\naccept ")
            self.stats["connect_lines"] = data.count(b"\nconnect ")
            self.stats["out_bytes"] = len(data) - 1
            os.unlink(self.outfile)
        if self.exportfile and os.path.exists(self.exportfile):
            self.stats["export_bytes"] = os.path.getsize(self.exportfile)
            os.unlink(self.exportfile)
        return self.stats

    def kill(self):
        if self.proc and self.kind == "socat":
            for kid in children(self.proc.pid):
                try:
                    os.kill(kid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        super().kill()


def pingpong(tools, mode, port, n, timeout, extra=()):
    out = subprocess.run([tools["pingpong"], mode, "127.0.0.1", str(port), str(n),
                          "--timeout", str(timeout), *extra],
                         stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=timeout + 10)
    for line in out.stdout.decode().splitlines():
        if line.startswith("result"):
            return parse_kv(line)
    raise RuntimeError("pingpong %s on %d failed: %s" % (mode, port, out.stdout.decode().strip()))


class Pairs:
    """pingpong pairs: N connections through a relay, each proven with one
    line, kept open until release()."""

    def __init__(self, tools, port, n, timeout):
        self.proc = subprocess.Popen([tools["pingpong"], "pairs", "127.0.0.1", str(port), str(n),
                                      "--timeout", str(timeout)],
                                     stdout=subprocess.PIPE, stdin=subprocess.PIPE)
        try:
            lines = Lines(self.proc)
            self.result = parse_kv(lines.next("result", timeout + 5))
            lines.next("held", 10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
            raise

    def release(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise


def proc_cpu_s(pid):
    """CPU seconds of pid (all its threads), of its children it has reaped
    (socat's finished forks) and of its live children (nginx's worker, a
    socat fork still lingering): /proc/PID/stat, in clock ticks."""
    hz = os.sysconf("SC_CLK_TCK")

    def ticks(p, reaped):
        try:
            with open("/proc/%d/stat" % p) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return 0
        # fields[0] is field 3 (state): utime is 14, stime 15, cutime 16, cstime 17
        return sum(int(x) for x in fields[11:15 if reaped else 13])

    return (ticks(pid, True) + sum(ticks(c, False) for c in children(pid))) / hz


class TlsServer(Server):
    """A TLS server under test on the bench's certificate, started fresh for
    each run and ended by its pid: SockScope (--listen-tls, headless, stdout
    to /dev/null), socat (OPENSSL-LISTEN ... PIPE, one fork per connection)
    or nginx (one worker, http, a 204 for any request)."""

    def __init__(self, kind, tools, respond, budget, tmp, cert, key):
        super().__init__(kind, tools, respond, budget, tmp)
        self.cert, self.key = cert, key

    def start(self):
        env = dict(os.environ, XDG_CONFIG_HOME=self.tmp, QT_LOGGING_RULES="*.debug=false")
        self.port = free_port()
        errfile = os.path.join(self.tmp, "%s-%d.err" % (self.kind, self.port))
        with open(errfile, "wb") as stderr:
            if self.kind.startswith("sockscope"):
                args = [self.tools["sockscope"], "--headless", "--listen-tls",
                        "127.0.0.1:%d" % self.port, "--respond", self.respond, "--cert",
                        self.cert, "--key", self.key, "--capture-budget", str(self.budget)]
                if self.kind == "sockscope-stored":
                    # Everything stored, as the window does: --export is
                    # what makes a headless run keep payload and records.
                    args += ["--export", os.path.join(self.tmp, "tls-%d.pcapng" % self.port)]
            elif self.kind == "socat":
                args = ["socat", "OPENSSL-LISTEN:%d,bind=127.0.0.1,reuseaddr,fork,cert=%s,key=%s,"
                        "verify=0" % (self.port, self.cert, self.key), "PIPE"]
            else:
                args = [self.tools["nginx"], "-p", self.tmp, "-c", self.nginx_conf(), "-e",
                        errfile]
            self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=stderr,
                                         stdin=subprocess.DEVNULL, env=env)
        try:
            self.wait_listening()
        except RuntimeError:
            with open(errfile, "rb") as f:
                why = f.read().decode(errors="replace").strip().splitlines()
            self.kill()
            raise RuntimeError("%s did not listen on %d: %s" %
                               (self.kind, self.port, why[0] if why else "no message"))
        self.sampler = RssSampler(self.proc.pid)
        self.sampler.start()
        self.cpu0 = proc_cpu_s(self.proc.pid)
        return self

    def nginx_conf(self):
        d = os.path.join(self.tmp, "nginx-%d" % self.port)
        os.makedirs(d, exist_ok=True)
        conf = os.path.join(d, "nginx.conf")
        # Session tickets and cache at nginx's defaults (tickets on, no
        # server-side cache), as SockScope's: the client never resumes.
        with open(conf, "w") as f:
            f.write("""worker_processes 1;
daemon off;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path %(d)s/body;
    proxy_temp_path %(d)s/proxy;
    fastcgi_temp_path %(d)s/fastcgi;
    uwsgi_temp_path %(d)s/uwsgi;
    scgi_temp_path %(d)s/scgi;
    server {
        listen 127.0.0.1:%(port)d ssl backlog=1024;
        ssl_certificate %(cert)s;
        ssl_certificate_key %(key)s;
        ssl_protocols TLSv1.3;
        return 204;
    }
}
""" % dict(d=d, port=self.port, cert=self.cert, key=self.key))
        return conf

    def stop(self, timeout=60):
        peak = self.sampler.peak_mib()
        cpu = proc_cpu_s(self.proc.pid) - self.cpu0
        t0 = time.monotonic()
        kids = children(self.proc.pid) if self.kind == "socat" else []
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        for kid in kids:
            try:
                os.kill(kid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError("%s did not exit within %d s" % (self.kind, timeout))
        self.stats = dict(exit_s=time.monotonic() - t0, peak_rss_mib=peak, cpu_s=cpu)
        return self.stats

    def kill(self):
        # nginx's worker and socat's forks are children of the pid started.
        kids = children(self.proc.pid) if self.proc and self.proc.poll() is None else []
        super().kill()
        for kid in kids:
            try:
                os.kill(kid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def tlsblast(tools, mode, port, count, timeout):
    out = subprocess.run([tools["tlsblast"], mode, "127.0.0.1", str(port), str(count),
                          "--timeout", str(timeout)],
                         stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=timeout + 10)
    text = out.stdout.decode()
    for line in text.splitlines():
        if line.startswith("result"):
            r = parse_kv(line)
            if r.get("version") != "TLSv1.3" or r.get("cipher") != TLS_CIPHER:
                raise RuntimeError("tlsblast %s on %d negotiated %s %s" %
                                   (mode, port, r.get("version"), r.get("cipher")))
            return r
    raise RuntimeError("tlsblast %s on %d failed: %s" % (mode, port, text.strip()))


TLS_CIPHER = "TLS_AES_128_GCM_SHA256"  # what tlsblast offers, alone


class Bench:
    def __init__(self, args):
        self.args = args
        b = args.build
        self.tools = {
            "sockscope": os.path.join(b, "sockscope", "app", "sockscope"),
            "engine_server": os.path.join(b, "engine_server"),
            "gui_probe": os.path.join(b, "gui_probe"),
            "epoll_server": os.path.join(b, "epoll_server"),
            "blast": os.path.join(b, "blast"),
            "relay": os.path.join(b, "relay"),
            "pingpong": os.path.join(b, "pingpong"),
            "tlsblast": os.path.join(b, "tlsblast"),
            "nginx": shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin"),
        }
        if args.sockscope:
            self.tools["sockscope"] = args.sockscope
        self.tmp = tempfile.mkdtemp(prefix="sockscope-bench-")
        self.raw = {}  # figure key -> list of per-run dicts
        self.live = []
        self.refused = None  # why sockscope has no forward responder
        self.cert = None  # the TLS figures' certificate and key, made once

    def record(self, key, value):
        self.raw.setdefault(key, []).append(value)

    def server(self, kind, respond, out=None):
        s = Server(kind, self.tools, respond, self.args.budget, self.tmp, out)
        self.live.append(s)
        return s.start()

    def done(self, s, timeout=60):
        stats = s.stop(timeout)
        self.live.remove(s)
        return stats

    def cleanup(self):
        for s in self.live:
            s.kill()

    # --- the figures -------------------------------------------------------

    def capture(self, run):
        n = self.args.bytes
        variants = [("engine", None), ("headless", "null"), ("headless", "file"), ("c", None),
                    ("socat", None)]
        for kind, out in variants:
            name = kind + ("-" + out if out else "")
            s = self.server(kind, "discard", out)
            r = blast(self.tools, "send", s.port, n, self.args.timeout)
            st = self.done(s)
            if kind == "engine" and st.get("bytes_in") != n:
                raise RuntimeError("engine counted %s of %d bytes" % (st.get("bytes_in"), n))
            self.record("discard/" + name, dict(r, **st))
            log("  discard %-14s %8.1f MiB/s  peak %6.1f MiB  exit %.2f s" %
                (name, r["mibps"], st["peak_rss_mib"], st["exit_s"]))

    def echo(self, run):
        n = self.args.bytes
        for kind in ("engine", "headless", "c", "socat-pipe"):
            s = self.server(kind, "echo", "null" if kind == "headless" else None)
            r = blast(self.tools, "echo", s.port, n, self.args.timeout)
            st = self.done(s)
            if kind == "engine" and (st.get("bytes_in") != n or st.get("bytes_out") != n):
                raise RuntimeError("engine echo counted in=%s out=%s" %
                                   (st.get("bytes_in"), st.get("bytes_out")))
            self.record("echo/" + kind, dict(r, **st))
            log("  echo    %-14s %8.1f MiB/s  peak %6.1f MiB" %
                (kind, r["mibps"], st["peak_rss_mib"]))

    def accepts(self, run):
        n = self.args.conns
        for kind, out in (("engine", None), ("headless", "file"), ("c", None)):
            s = self.server(kind, "discard", out)
            r = blast(self.tools, "connects", s.port, n, self.args.timeout)
            st = self.done(s)
            listed = st.get("accepts", st.get("accept_lines"))
            self.record("accept/" + kind, dict(r, **st, listed=listed))
            log("  accept  %-14s %8.0f /s  max connect %.1f ms  listed %s" %
                (kind, r["rate"], r["connect_max_ms"], listed))

    def scale(self, run):
        n = self.args.conns
        for kind, out in (("engine", None), ("headless", "file"), ("c", None)):
            s = self.server(kind, "discard", out)
            time.sleep(0.3)
            rss0 = s.rss_kb()
            hold = Hold(self.tools, s.port, n, self.args.timeout)
            time.sleep(0.5)  # let the engine's last batch reach its receiver
            rss1 = s.rss_kb()
            busy = blast(self.tools, "send", s.port, self.args.scale_bytes, self.args.timeout)
            hold.release()
            time.sleep(0.5)
            alone = blast(self.tools, "send", s.port, self.args.scale_bytes, self.args.timeout)
            st = self.done(s)
            listed = st.get("accepts", st.get("accept_lines"))
            if listed is not None:
                listed -= 3  # the sentinel and the two busy connections
            row = dict(per_conn_kib=(rss1 - rss0) / n, busy_mibps=busy["mibps"],
                       alone_mibps=alone["mibps"], ratio=busy["mibps"] / alone["mibps"],
                       listed=listed, hold_seconds=hold.result["seconds"],
                       connect_max_ms=hold.result["connect_max_ms"], **st)
            self.record("scale/" + kind, row)
            log("  scale   %-14s %5.2f KiB/conn  busy %7.1f / alone %7.1f MiB/s  listed %s" %
                (kind, row["per_conn_kib"], busy["mibps"], alone["mibps"], listed))

    # --- every queue bounded (issue 14) -------------------------------------

    def many(self, run):
        """N clients flooding a headless discard listener at once; the C
        epoll server in the same run is the throughput reference."""
        b = self.args.many_bytes
        for n in (64, 200):
            for kind, out in (("headless", "null"), ("c", None)):
                s = self.server(kind, "discard", out)
                r = self.blast_many("many", s.port, b, n)
                st = self.done(s)
                self.record("many%d/%s" % (n, kind), dict(r, **st))
                log("  many    %3d x %s %-9s %8.1f MiB/s  peak %6.1f MiB" %
                    (n, human(b), kind, r["mibps"], st["peak_rss_mib"]))

    def blast_many(self, mode, port, b, n):
        out = subprocess.run([self.tools["blast"], mode, "127.0.0.1", str(port), str(b),
                              "--conns", str(n), "--timeout", str(self.args.timeout * 4)],
                             stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             timeout=self.args.timeout * 4 + 10)
        for line in out.stdout.decode().splitlines():
            if line.startswith("result"):
                return parse_kv(line)
        raise RuntimeError("blast %s on %d failed: %s" % (mode, port, out.stdout.decode()))

    def stalled_stdout(self, run):
        """Headless with stdout into a pipe nobody reads (a paused terminal,
        `| less`), 64 clients flooding: RSS must stay flat, not grow."""
        seconds = self.args.stall_seconds
        r, w = os.pipe()
        port = free_port()
        env = dict(os.environ, XDG_CONFIG_HOME=self.tmp)
        proc = subprocess.Popen([self.tools["sockscope"], "--headless", "--listen",
                                 "127.0.0.1:%d" % port, "--respond", "discard",
                                 "--capture-budget", str(self.args.budget)],
                                stdout=w, stdin=subprocess.DEVNULL, env=env)
        os.close(w)
        clients = None
        try:
            deadline = time.monotonic() + 10
            while not is_listening(port):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("headless did not listen on %d" % port)
                time.sleep(0.01)
            sampler = RssSampler(proc.pid)
            sampler.start()
            clients = subprocess.Popen([self.tools["blast"], "many", "127.0.0.1", str(port),
                                        str(64 * GiB), "--conns", "64",
                                        "--timeout", str(seconds + 5)],
                                       stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
            time.sleep(2)
            rss2 = status_kb(proc.pid, "VmRSS") or 0
            time.sleep(seconds - 2)
            rss_end = status_kb(proc.pid, "VmRSS") or 0
            peak = sampler.peak_mib()
        finally:
            if clients and clients.poll() is None:
                clients.kill()
                clients.wait()
            proc.kill()
            proc.wait()
            os.close(r)
        row = dict(peak_rss_mib=peak, rss_2s_mib=rss2 / 1024, rss_end_mib=rss_end / 1024,
                   growth_mib_per_s=(rss_end - rss2) / 1024 / (seconds - 2))
        self.record("stalled/headless", row)
        log("  stalled stdout, 64 floods, %d s: RSS %.1f MiB at 2 s, %.1f MiB at %d s, "
            "peak %.1f MiB" % (seconds, row["rss_2s_mib"], row["rss_end_mib"], seconds, peak))

    def noread(self, run):
        """64 peers that send to an echo listener and never read."""
        n = 64
        s = self.server("headless", "echo", "null")
        proc = subprocess.Popen([self.tools["blast"], "noread", "127.0.0.1", str(s.port),
                                 str(self.args.noread_bytes), "--conns", str(n),
                                 "--timeout", str(self.args.timeout)],
                                stdout=subprocess.PIPE, stdin=subprocess.PIPE)
        try:
            lines = Lines(proc)
            res = parse_kv(lines.next("result", self.args.timeout))
            lines.next("stalled", self.args.timeout)
            held_kb = s.rss_kb()
            proc.stdin.close()
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        time.sleep(2)
        after_kb = s.rss_kb()
        st = self.done(s)
        row = dict(st, held_rss_mib=held_kb / 1024, after_rss_mib=after_kb / 1024,
                   sent_mib=res["sent"] / MiB)
        self.record("noread/headless", row)
        log("  noread  %d peers: sent %.0f MiB, RSS held %.1f MiB, 2 s after close %.1f MiB, "
            "peak %.1f MiB" % (n, row["sent_mib"], row["held_rss_mib"], row["after_rss_mib"],
                               st["peak_rss_mib"]))

    def big_flood(self):
        n = self.args.big_bytes
        for kind, out, respond in (("engine", None, "discard"), ("headless", "null", "discard"),
                                   ("engine", None, "echo")):
            s = self.server(kind, respond, out)
            r = blast(self.tools, "send" if respond == "discard" else "echo", s.port, n,
                      self.args.timeout * 4)
            st = self.done(s, 120)
            name = "%s-%s" % (kind, respond)
            self.record("big/" + name, dict(r, **st))
            log("  %g GiB %-15s %8.1f MiB/s  peak %6.1f MiB" %
                (n / GiB, name, r["mibps"], st["peak_rss_mib"]))

    def gui(self, run, mode):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=self.tmp,
                   QT_LOGGING_RULES="*.debug=false;qt.qpa.*=false")
        # The offscreen plugin warns about every window-manager hint; keep
        # that out of the report, but at hand if the probe fails.
        stderr = open(os.path.join(self.tmp, "gui_probe.err"), "wb")
        t_spawn = time.monotonic_ns()
        proc = subprocess.Popen([self.tools["gui_probe"], "--budget", str(self.args.budget)],
                                stdout=subprocess.PIPE, stdin=subprocess.PIPE, stderr=stderr,
                                env=env)
        stderr.close()
        try:
            lines = Lines(proc)
            paint = parse_kv(lines.next("first_paint", 20))
            port = int(lines.next("listening", 20).rsplit(":", 1)[1])
            sampler = RssSampler(proc.pid)
            sampler.start()
            time.sleep(0.3)
            proc.stdin.write(b"mark idle\n")
            proc.stdin.flush()
            idle = parse_kv(lines.next("gap", 10))
            idle_rss_kb = status_kb(proc.pid, "VmRSS")
            t0 = time.monotonic()
            r = {}
            fill = scroll = {}
            if mode == "flood":
                r = blast(self.tools, "send", port, self.args.bytes, self.args.timeout)
            elif mode == "burst":
                hold = Hold(self.tools, port, self.args.conns, self.args.timeout)
                hold.release()
                r = hold.result
            else:
                command(proc, "fill %d" % self.args.rows)
                fill = dict(parse_kv(lines.next("gap name=fill", 300)),
                            **parse_kv(lines.next("filled", 10)))
                command(proc, "scroll %d" % self.args.scroll_steps)
                scroll = dict(parse_kv(lines.next("gap name=scroll", 120)),
                              **parse_kv(lines.next("scrolled", 10)))
            load_s = time.monotonic() - t0
            command(proc, "close")
            load = parse_kv(lines.next("gap name=load", 120))
            st = parse_kv(lines.next("stats", 10))
            before_clear_kb = status_kb(proc.pid, "VmRSS")
            command(proc, "clear")
            cleared = parse_kv(lines.next("cleared", 60))
            # Whatever the window freed has been given back by now, or never is.
            time.sleep(0.5)
            cleared_rss_kb = status_kb(proc.pid, "VmRSS")
            proc.stdin.close()
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        row = dict(first_paint_exec_ms=(paint["mono_ns"] - t_spawn) / 1e6,
                   first_paint_main_ms=paint["main_ms"], idle_max_ms=idle["max_ms"],
                   max_ms=load["max_ms"], over50=load["over50"], net_s=load_s,
                   idle_rss_mib=(idle_rss_kb or 0) / 1024,
                   before_clear_rss_mib=(before_clear_kb or 0) / 1024,
                   cleared_rss_mib=(cleared_rss_kb or 0) / 1024,
                   cleared_growth_mib=((cleared_rss_kb or 0) - (idle_rss_kb or 0)) / 1024,
                   clear_ms=cleared["ms"], peak_rss_mib=sampler.peak_mib(), **st)
        if mode == "scroll":
            row.update(fill_max_ms=fill["max_ms"], fill_ms=fill["ms"], filled_rows=fill["rows"],
                       view_rows=fill["view_rows"], scroll_max_ms=scroll["max_ms"],
                       scroll_over50=scroll["over50"], scroll_steps=scroll["steps"])
        row.update({"client_" + k: v for k, v in r.items()})
        self.record("gui/" + mode, row)
        if mode == "scroll":
            log("  gui     %-14s fill %d rows in %.0f ms (max stall %.1f ms)  scroll %d steps: "
                "max stall %.1f ms (%d over 50 ms)  RSS idle %.1f / filled %.1f / cleared %.1f MiB"
                % (mode, fill["rows"], fill["ms"], fill["max_ms"], scroll["steps"],
                   scroll["max_ms"], scroll["over50"], row["idle_rss_mib"],
                   row["before_clear_rss_mib"], row["cleared_rss_mib"]))
            return
        log("  gui     %-14s max stall %6.1f ms (%d over 50 ms)  longest applyBatch %.1f ms "
            "(%s events)  first paint %.0f ms  catch-up %.0f ms  rows %s/%s  "
            "RSS idle %.1f / closed %.1f / cleared %.1f MiB" %
            (mode, load["max_ms"], load["over50"], st.get("max_apply_ms", 0),
             st.get("max_apply_events"), row["first_paint_exec_ms"], st.get("catch_up_ms", 0),
             st.get("traffic_rows"), st.get("connection_rows"), row["idle_rss_mib"],
             row["before_clear_rss_mib"], row["cleared_rss_mib"]))

    def open_big(self, run):
        """A person clicks the biggest connection: a --big-bytes flood, and a
        4-byte conversation beside it as the peer."""
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=self.tmp,
                   QT_LOGGING_RULES="*.debug=false;qt.qpa.*=false")
        stderr = open(os.path.join(self.tmp, "gui_probe_open.err"), "wb")
        budget = self.args.big_bytes + GiB
        proc = subprocess.Popen([self.tools["gui_probe"], "--budget", str(budget)],
                                stdout=subprocess.PIPE, stdin=subprocess.PIPE, stderr=stderr,
                                env=env)
        stderr.close()
        try:
            lines = Lines(proc)
            lines.next("first_paint", 20)
            port = int(lines.next("listening", 20).rsplit(":", 1)[1])
            small = socket.create_connection(("127.0.0.1", port))
            small.sendall(b"ping")
            blast(self.tools, "send", port, self.args.big_bytes, self.args.timeout * 4)
            # Until the window has every byte: the engine must not be busy.
            command(proc, "wait %d" % (self.args.big_bytes + 4))
            lines.next("waited", 120)
            row = {}
            for which in ("smallest", "biggest"):
                command(proc, "select " + which)
                sel = parse_kv(lines.next("selected", 60))
                command(proc, "followscroll 100")
                scr = parse_kv(lines.next("followscrolled", 120))
                row.update({which + "_ms": sel["ms"], which + "_bytes": sel["bytes"],
                            which + "_read": sel["read"], which + "_scroll_max_ms": scr["max_ms"],
                            which + "_scroll_read": scr["read"]})
            small.close()
            proc.stdin.close()
            proc.wait(60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.record("gui/open", row)
        log("  open    %.1f GiB connection: select+paint %.1f ms (4 bytes: %.1f ms), "
            "scroll max %.1f ms, read %d + %d bytes" %
            (row["biggest_bytes"] / GiB, row["biggest_ms"], row["smallest_ms"],
             row["biggest_scroll_max_ms"], row["biggest_read"], row["biggest_scroll_read"]))

    # --- the relay (issue 16) ------------------------------------------------

    RELAYS = ("sockscope", "socat", "c")

    def relay(self, kind, upstream, out=None, budget=None):
        """A fresh relay in front of upstream, or None when sockscope has no
        forward responder (remembered: its rows read "not measured")."""
        if kind.startswith("sockscope") and self.refused:
            return None
        r = Relay(kind, self.tools, upstream, budget or self.args.budget, self.tmp, out)
        self.live.append(r)
        try:
            return r.start()
        except Refused as e:
            self.live.remove(r)
            self.refused = str(e)
            self.record("relay-refused", dict(why=self.refused))
            log("  relay   sockscope refused --respond forward: (%s); its rows: not measured" % e)
            return None

    def attempt(self, figure, kind, body):
        """Runs one relay's part of a figure. A failure of SockScope's relay
        (a hang, a lost byte) is reported in its row and the bench goes on;
        a failure of a peer is the harness's and ends the bench."""
        before = list(self.live)
        try:
            body(kind)
        except (RuntimeError, TimeoutError, subprocess.TimeoutExpired) as e:
            if not kind.startswith("sockscope"):
                raise
            for p in [p for p in self.live if p not in before]:
                p.kill()
                self.live.remove(p)
            self.record("relay-failed", dict(figure=figure, why=str(e)))
            log("  relay   sockscope FAILED in %s: %s" % (figure, e))

    def relay_flood(self, run):
        """--bytes through each relay into the C discard server."""
        n = self.args.bytes
        sink = self.server("c", "discard")
        r = blast(self.tools, "send", sink.port, n, self.args.timeout)
        st = self.done(sink)
        self.record("relay-flood/direct", dict(r, **st))
        log("  relay   %-13s %8.1f MiB/s (no relay)" % ("direct", r["mibps"]))

        # The target is for everything captured: a budget that keeps both
        # legs whole (SockScope's own default, half the free disk up to
        # 4 GiB, does too). The evicting run, at the bench's --budget,
        # shows the cost of a full budget's hole punching.
        whole = 2 * n + 256 * MiB
        budgets = {"sockscope": whole, "sockscope-shm": whole,
                   "sockscope-evicting": self.args.budget}

        def one(kind):
            sink = self.server("c", "discard")
            rel = self.relay(kind, sink.port, "null", budgets.get(kind))
            if rel is None:
                self.done(sink)
                return
            r = blast(self.tools, "send", rel.port, n, self.args.timeout)
            st = self.done(rel)
            up = self.done(sink)
            if up.get("bytes_in") != n:
                raise RuntimeError("relay %s delivered %s of %d bytes" %
                                   (kind, up.get("bytes_in"), n))
            # Both legs whole in the export: the proof that it was all kept.
            if budgets.get(kind) == whole and st.get("export_bytes", 0) < 2 * n:
                raise RuntimeError("relay %s exported %s bytes, not both legs of %d" %
                                   (kind, st.get("export_bytes"), n))
            self.record("relay-flood/" + kind, dict(r, **st))
            log("  relay   %-13s %8.1f MiB/s  peak %6.1f MiB  cpu %.2f s" %
                (kind, r["mibps"], st["peak_rss_mib"], st["cpu_s"]))

        kinds = self.RELAYS + ("sockscope-evicting",)
        if os.path.isdir("/dev/shm"):
            kinds += ("sockscope-shm",)
        for kind in kinds:
            self.attempt("flood", kind, one)

    def relay_latency(self, run):
        """1-byte round trips through each relay to the C echo server, in
        blocks alternating with as many straight to that echo server."""
        n = self.args.round_trips

        def one(kind):
            echo = self.server("c", "echo")
            rel = self.relay(kind, echo.port)
            if rel is None:
                self.done(echo)
                return
            r = pingpong(self.tools, "rtt", rel.port, n, self.args.timeout,
                         ("--direct", str(echo.port)))
            st = self.done(rel)
            self.done(echo)
            row = dict(st, **r, added_median_us=r["median_us"] - r["direct_median_us"],
                       added_p99_us=r["p99_us"] - r["direct_p99_us"])
            self.record("relay-rtt/" + kind, row)
            log("  relay   %-13s rtt median %6.1f µs (direct %5.1f), p99 %6.1f µs (direct "
                "%5.1f): added %6.1f / %6.1f µs" %
                (kind, r["median_us"], r["direct_median_us"], r["p99_us"],
                 r["direct_p99_us"], row["added_median_us"], row["added_p99_us"]))

        for kind in self.RELAYS:
            self.attempt("ping-pong", kind, one)

    def relay_pairs(self, run):
        """--pairs clients through each relay to the C echo server, all open
        at once, each proven with one line; memory growth per pair."""
        n = self.args.pairs

        def one(kind):
            echo = self.server("c", "echo")
            rel = self.relay(kind, echo.port, "file")
            if rel is None:
                self.done(echo)
                return
            time.sleep(0.3)
            mem0 = rel.memory_kb()
            pairs = Pairs(self.tools, rel.port, n, self.args.timeout)
            time.sleep(0.5)  # SockScope: let the engine's last batch reach its receiver
            mem1 = rel.memory_kb()
            procs = len(children(rel.proc.pid)) if kind == "socat" else 1
            pairs.release()
            time.sleep(0.3)
            st = self.done(rel)
            up = self.done(echo)
            row = dict(st, per_pair_kib=(mem1 - mem0) / n, mem0_mib=mem0 / 1024,
                       mem1_mib=mem1 / 1024, open_s=pairs.result["seconds"],
                       connect_max_ms=pairs.result["connect_max_ms"],
                       echo_max_ms=pairs.result["echo_max_ms"], processes=procs,
                       upstream_accepts=up.get("accepts"))
            self.record("relay-pairs/" + kind, row)
            log("  relay   %-13s %d pairs open in %.2f s (slowest connect %.1f ms, line %.1f ms)"
                "  %.2f KiB/pair (%.1f -> %.1f MiB)%s" %
                (kind, n, row["open_s"], row["connect_max_ms"], row["echo_max_ms"],
                 row["per_pair_kib"], row["mem0_mib"], row["mem1_mib"],
                 "  listed %s accept / %s connect lines" %
                 (st.get("accept_lines"), st.get("connect_lines")) if kind == "sockscope"
                 else ""))

        for kind in self.RELAYS:
            self.attempt("pairs", kind, one)

    # --- TLS -------------------------------------------------------------------

    def tls_files(self):
        """One P-256 certificate and key for every TLS server of this bench."""
        if self.cert is None:
            cert, key = os.path.join(self.tmp, "tls-cert.pem"), os.path.join(self.tmp, "tls-key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost",
                            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "2",
                            "-keyout", key, "-out", cert],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                           check=True, timeout=30)
            self.cert = (cert, key)
        return self.cert

    def tls_server(self, kind, respond):
        cert, key = self.tls_files()
        s = TlsServer(kind, self.tools, respond, self.args.budget, self.tmp, cert, key)
        self.live.append(s)
        try:
            return s.start()
        except Exception:
            self.live.remove(s)
            raise

    def tls_attempt(self, figure, kind, body):
        """As attempt(): a failure of SockScope (a refused option, a hang, a
        lost byte) is reported in its row and the bench goes on; a failure
        of a peer ends the bench."""
        before = list(self.live)
        try:
            body(kind)
        except (RuntimeError, TimeoutError, subprocess.TimeoutExpired, OSError) as e:
            if not kind.startswith("sockscope"):
                raise
            for p in [p for p in self.live if p not in before]:
                p.kill()
                self.live.remove(p)
            self.record("tls-failed", dict(figure=figure, why=str(e)))
            log("  tls     sockscope FAILED in %s: %s" % (figure, e))

    def tls_echo(self, run):
        """--bytes through a TLS echo listener: SockScope against socat
        OPENSSL-LISTEN ... PIPE, same certificate, same cipher suite."""
        n = self.args.bytes

        def one(kind):
            s = self.tls_server(kind, "echo")
            r = tlsblast(self.tools, "echo", s.port, n, self.args.timeout * 2)
            st = self.done(s)
            self.record("tls-echo/" + kind, dict(r, **st))
            log("  tls     echo %-19s %8.1f MiB/s  cpu %.2f s  peak %6.1f MiB  (%s %s %s)" %
                (kind, r["mibps"], st["cpu_s"], st["peak_rss_mib"], r["version"], r["cipher"],
                 r["group"]))

        # sockscope: headless with nothing to keep (no --export), so no
        # payload is stored; sockscope-stored: the same listener storing
        # plaintext and records (--export), for the info row that splits
        # TLS from the capture.
        for kind in ("sockscope", "socat", "sockscope-stored"):
            self.tls_attempt("tls-echo", kind, one)

    def tls_handshakes(self, run):
        """--handshakes sequential full TLS 1.3 handshakes: SockScope's
        discard listener against nginx with one worker."""
        n = self.args.handshakes

        def one(kind):
            s = self.tls_server(kind, "discard")
            r = tlsblast(self.tools, "handshakes", s.port, n, self.args.timeout * 2)
            st = self.done(s)
            self.record("tls-hs/" + kind, dict(r, **st))
            log("  tls     handshakes %-9s %7.0f /s  p50 %.2f ms  p99 %.2f ms  cpu %.2f s  "
                "tickets %d  (%s %s)" % (kind, r["rate"], r["p50_ms"], r["p99_ms"], st["cpu_s"],
                                         r["tickets"], r["cipher"], r["group"]))

        kinds = ("sockscope", "nginx") if self.tools["nginx"] else ("sockscope",)
        if not self.tools["nginx"] and run == 0:
            log("  tls     nginx is missing (apt-get install nginx-light): its rows: not measured")
        for kind in kinds:
            self.tls_attempt("tls-handshakes", kind, one)

    def run(self):
        a = self.args
        want = set(a.only.split(",")) if a.only else None

        def on(name):
            return want is None or name in want

        gui = os.path.exists(self.tools["gui_probe"])
        for run in range(a.runs):
            log("run %d/%d" % (run + 1, a.runs))
            if on("capture"):
                self.capture(run)
            if on("echo"):
                self.echo(run)
            if on("accept"):
                self.accepts(run)
            if on("scale"):
                self.scale(run)
            if on("relay"):
                self.relay_flood(run)
                self.relay_latency(run)
                self.relay_pairs(run)
            if on("tls-echo"):
                self.tls_echo(run)
            if on("tls-handshakes"):
                self.tls_handshakes(run)
            if on("gui") and gui:
                self.gui(run, "flood")
                self.gui(run, "burst")
                if a.rows:
                    self.gui(run, "scroll")
        if on("open") and gui and a.big_bytes:
            log("open: the biggest connection in the window")
            for run in range(a.runs):
                self.open_big(run)
        if on("bounds"):
            log("bounds: many floods at once, a stalled stdout, peers that never read")
            for run in range(a.runs):
                self.many(run)
                self.noread(run)
            self.stalled_stdout(0)
        if on("memory") and a.big_bytes:
            log("memory: %g GiB floods" % (a.big_bytes / GiB))
            self.big_flood()


# --- the table ---------------------------------------------------------------

def values(raw, key, field):
    return [r[field] for r in raw.get(key, []) if r.get(field) is not None]


def fmt(vals, digits=0):
    if not vals:
        return "n/a"
    med = statistics.median(vals)
    f = "%%.%df" % digits
    if len(vals) == 1:
        return f % med
    return (f + " (" + f + "–" + f + ")") % (med, min(vals), max(vals))


def table(raw, args):
    rows = []
    budget_mib = args.budget / MiB
    mem_limit = budget_mib + 100

    def ratio_row(figure, sk, pk, field, target, unit="MiB/s", digits=0, higher=True):
        s, p = values(raw, sk, field), values(raw, pk, field)
        if not s or not p:
            rows.append((figure, fmt(s, digits), fmt(p, digits), "n/a", "≥ %.1fx" % target,
                         "not measured"))
            return
        ratio = statistics.median(s) / statistics.median(p)
        rows.append((figure + " [" + unit + "]", fmt(s, digits), fmt(p, digits), "%.2fx" % ratio,
                     "≥ %.1fx" % target, "PASS" if ratio >= target else "FAIL"))

    def limit_row(figure, vals, peer, limit, unit, digits=1, below=True, use="max", strict=False):
        if not vals:
            rows.append((figure, "n/a", peer, "", "", "not measured"))
            return
        worst = max(vals) if below else min(vals)
        pick = worst if use == "max" else statistics.median(vals)
        if strict:
            ok = pick < limit if below else pick > limit
        else:
            ok = pick <= limit if below else pick >= limit
        sign = ("<" if below else ">") if strict else ("≤" if below else "≥")
        rows.append(("%s [%s]" % (figure, unit), fmt(vals, digits), peer, "",
                     sign + " " + ("%g" % limit) +
                     (" (worst run)" if use == "max" and len(vals) > 1 else ""),
                     "PASS" if ok else "FAIL"))

    gib = args.bytes / GiB
    ratio_row("Capture %g GiB, engine, vs C epoll discard" % gib, "discard/engine", "discard/c",
              "mibps", 0.6)
    ratio_row("Capture %g GiB, engine, vs socat -u" % gib, "discard/engine", "discard/socat",
              "mibps", 1.0)
    ratio_row("Capture %g GiB, headless >/dev/null, vs C epoll" % gib, "discard/headless-null",
              "discard/c", "mibps", 0.6)
    ratio_row("Capture %g GiB, headless >file, vs C epoll" % gib, "discard/headless-file",
              "discard/c", "mibps", 0.6)
    ratio_row("Echo round trip %g GiB, engine, vs socat PIPE" % gib, "echo/engine",
              "echo/socat-pipe", "mibps", 2.0)
    ratio_row("Echo round trip %g GiB, headless, vs socat PIPE" % gib, "echo/headless",
              "echo/socat-pipe", "mibps", 2.0)
    s, p = values(raw, "echo/engine", "mibps"), values(raw, "echo/c", "mibps")
    if s and p:
        rows.append(("Echo round trip, engine, vs C epoll echo (info) [MiB/s]", fmt(s), fmt(p),
                     "%.2fx" % (statistics.median(s) / statistics.median(p)), "-", "info"))
    n = args.conns
    ratio_row("Accept %d sequential connects, engine, vs C" % n, "accept/engine", "accept/c",
              "rate", 0.8, "conn/s")
    ratio_row("Accept %d sequential connects, headless, vs C" % n, "accept/headless", "accept/c",
              "rate", 0.8, "conn/s")
    for kind in ("engine", "headless"):
        limit_row("Slowest connect, accept test, %s" % kind,
                  values(raw, "accept/" + kind, "connect_max_ms"),
                  fmt(values(raw, "accept/c", "connect_max_ms"), 1), 100, "ms")
    for kind in ("engine", "headless"):
        listed = values(raw, "scale/" + kind, "listed")
        if listed:
            ok = all(v == n for v in listed)
            rows.append(("Scale: %d held open, %s, accepts listed" % (n, kind), fmt(listed),
                         fmt(values(raw, "scale/c", "accepts"), 0) + " (incl. 3 extra)", "",
                         "= %d" % n, "PASS" if ok else "FAIL"))
        limit_row("Scale: user-space memory per connection, %s" % kind,
                  values(raw, "scale/" + kind, "per_conn_kib"),
                  fmt(values(raw, "scale/c", "per_conn_kib"), 2), 8, "KiB", 2)
        limit_row("Scale: slowest connect while opening %d, %s" % (n, kind),
                  values(raw, "scale/" + kind, "connect_max_ms"),
                  fmt(values(raw, "scale/c", "connect_max_ms"), 1), 100, "ms")
        r = values(raw, "scale/" + kind, "ratio")
        if r:
            med = statistics.median(r)
            busy = fmt(values(raw, "scale/" + kind, "busy_mibps"))
            alone = fmt(values(raw, "scale/" + kind, "alone_mibps"))
            rows.append(("Scale: busy-connection MiB/s with %d idle / without, %s" % (n, kind),
                         "%s / %s" % (busy, alone), "C: %s" % fmt(values(raw, "scale/c", "ratio"), 2),
                         "%.2fx" % med, "≥ 0.5x", "PASS" if med >= 0.5 else "FAIL"))
    def per(key, field, scale):
        return [r[field] * scale for r in raw.get(key, []) if r.get(field) is not None]

    def info_row(figure, svals, pvals, digits=0, peer_label=""):
        if not svals:
            return
        ratio = ""
        if pvals and statistics.median(pvals) > 0:
            ratio = "%.2fx" % (statistics.median(svals) / statistics.median(pvals))
        peer = peer_label + fmt(pvals, digits) if pvals else ""
        rows.append((figure, fmt(svals, digits), peer, ratio, "-", "info"))

    per_gib = GiB / args.bytes
    info_row("CPU per GiB captured, engine thread vs C server [ms]",
             per("discard/engine", "cpu_engine_s", 1e3 * per_gib),
             per("discard/c", "cpu_main_s", 1e3 * per_gib))
    info_row("Printing: main-thread CPU per GiB, headless >/dev/null [ms]",
             per("discard/headless-null", "cpu_main_s", 1e3 * per_gib),
             per("discard/engine", "cpu_main_s", 1e3 * per_gib), peer_label="no printer: ")
    info_row("Printing: main-thread CPU per GiB, headless >file [ms]",
             per("discard/headless-file", "cpu_main_s", 1e3 * per_gib),
             per("discard/engine", "cpu_main_s", 1e3 * per_gib), peer_label="no printer: ")
    info_row("CPU per accepted connection, engine thread vs C server [µs]",
             per("accept/engine", "cpu_engine_s", 1e6 / n), per("accept/c", "cpu_main_s", 1e6 / n),
             digits=1)
    info_row("Printing: main-thread CPU per connection, headless >file [µs]",
             per("accept/headless", "cpu_main_s", 1e6 / n),
             per("accept/engine", "cpu_main_s", 1e6 / n), digits=1, peer_label="no printer: ")
    info_row("Slow (> 100 ms, SYN retried) connects per accept run",
             values(raw, "accept/engine", "slow_connects"), values(raw, "accept/c", "slow_connects"))
    relay_rows(raw, args, rows, fmt, ratio_row, limit_row, mem_limit)
    tls_rows(raw, args, rows, fmt, ratio_row)
    mem = [("engine, discard", "discard/engine"), ("headless >/dev/null, discard",
                                                   "discard/headless-null"),
           ("headless >file, discard", "discard/headless-file"), ("engine, echo", "echo/engine"),
           ("headless, echo", "echo/headless")]
    for label, key in mem:
        limit_row("Memory: peak RSS, %g GiB flood, %s" % (gib, label),
                  values(raw, key, "peak_rss_mib"),
                  "C: " + fmt(values(raw, "discard/c", "peak_rss_mib"), 1), mem_limit, "MiB")
    for n in (64, 200):
        ratio_row("%d clients flooding at once, headless, vs C epoll" % n,
                  "many%d/headless" % n, "many%d/c" % n, "mibps", 0.6)
        limit_row("Memory: peak RSS, %d clients flooding at once, headless" % n,
                  values(raw, "many%d/headless" % n, "peak_rss_mib"),
                  "C: " + fmt(values(raw, "many%d/c" % n, "peak_rss_mib"), 1), mem_limit, "MiB")
    limit_row("Memory: peak RSS, stdout not read, 64 floods for %d s" % args.stall_seconds,
              values(raw, "stalled/headless", "peak_rss_mib"), "", mem_limit, "MiB")
    limit_row("Memory: RSS growth after the first 2 s, stdout not read",
              values(raw, "stalled/headless", "growth_mib_per_s"), "", 0.5, "MiB/s", 2)
    limit_row("Memory: peak RSS, 64 echo peers that never read",
              values(raw, "noread/headless", "peak_rss_mib"), "", mem_limit, "MiB")
    limit_row("Memory: RSS 2 s after those 64 peers closed",
              values(raw, "noread/headless", "after_rss_mib"), "", mem_limit, "MiB")
    for key in sorted(k for k in raw if k.startswith("big/")):
        limit_row("Memory: peak RSS, %g GiB flood, %s" % (args.big_bytes / GiB, key[4:]),
                  values(raw, key, "peak_rss_mib"), "", mem_limit, "MiB")
    if raw.get("gui/open"):
        big = args.big_bytes / GiB
        for field, label in (("ms", "select + paint"), ("scroll_max_ms", "longest scroll step")):
            s = values(raw, "gui/open", "biggest_" + field)
            p = values(raw, "gui/open", "smallest_" + field)
            ratio = statistics.median(s) / max(statistics.median(p), 0.01)
            ok = max(s) < 100
            rows.append(("Window: %s, %g GiB connection vs 4 bytes [ms]" % (label, big), fmt(s, 1),
                         fmt(p, 1), "%.2fx" % ratio, "< 100 (worst run)", "PASS" if ok else "FAIL"))
    if any(k.startswith("gui/") for k in raw):
        limit_row("GUI: longest GUI-thread stall, %g GiB flood" % gib,
                  values(raw, "gui/flood", "max_ms"), "", 50, "ms", strict=True)
        limit_row("GUI: longest GUI-thread stall, %d-connection burst" % n,
                  values(raw, "gui/burst", "max_ms"), "", 50, "ms", strict=True)
        paints = values(raw, "gui/flood", "first_paint_exec_ms") + \
            values(raw, "gui/burst", "first_paint_exec_ms")
        limit_row("GUI: first paint, from exec", paints, "", 150, "ms", use="median", strict=True)
        limit_row("GUI: peak RSS, %g GiB flood" % gib, values(raw, "gui/flood", "peak_rss_mib"),
                  "idle window: " + fmt(values(raw, "gui/flood", "idle_rss_mib"), 1), mem_limit,
                  "MiB")
        rows_n = "{:,}".format(args.rows)
        if raw.get("gui/scroll"):
            limit_row("GUI: longest stall scrolling %s traffic rows top to bottom, %d steps" %
                      (rows_n, args.scroll_steps),
                      values(raw, "gui/scroll", "scroll_max_ms"), "", 50, "ms", strict=True)
            info_row("GUI: time to fill the traffic view with %s rows [ms]" % rows_n,
                     values(raw, "gui/scroll", "fill_ms"), [])
            info_row("GUI: longest stall while filling %s rows [ms]" % rows_n,
                     values(raw, "gui/scroll", "fill_max_ms"), [], digits=1)
        # After everything closed and the window's clear actions ran: what RSS
        # kept over the idle window. The capture store keeps its events for
        # export (up to the budget), so after the flood that much may stay.
        clear_limit = 30
        for mode, label, limit in (("burst", "%d-connection burst" % n, clear_limit),
                                   ("scroll", "%s traffic rows" % rows_n, clear_limit),
                                   ("flood", "%g GiB flood (store keeps ≤ budget)" % gib,
                                    budget_mib + clear_limit)):
            if raw.get("gui/" + mode):
                limit_row("GUI: RSS over idle after close + clear, %s" % label,
                          values(raw, "gui/" + mode, "cleared_growth_mib"),
                          "idle %s, before clear %s" %
                          (fmt(values(raw, "gui/" + mode, "idle_rss_mib"), 1),
                           fmt(values(raw, "gui/" + mode, "before_clear_rss_mib"), 1)),
                          limit, "MiB")
    else:
        rows.append(("GUI responsiveness", "not measured", "", "", "", "window did not build"))
    return rows


def tls_rows(raw, args, rows, fmt, ratio_row):
    """The TLS figures: SockScope's TLS listener against socat (bulk echo)
    and nginx with one worker (handshakes), measured in the same runs."""
    if not any(k.startswith("tls-") for k in raw):
        return

    def median_ratio(s, p):
        if not s or not p or statistics.median(p) == 0:
            return "n/a"
        return "%.2fx" % (statistics.median(s) / statistics.median(p))

    for failed in raw.get("tls-failed", []):
        rows.append(("TLS: SockScope failed a run of the %s figure" % failed["figure"],
                     "failed", "", "", "", failed["why"][:70]))
    gib = args.bytes / GiB
    if any(k.startswith("tls-echo/") for k in raw):
        ratio_row("TLS echo round trip %g GiB, SockScope (headless, nothing stored) vs socat "
                  "OPENSSL PIPE" % gib,
                  "tls-echo/sockscope", "tls-echo/socat", "mibps", 1.5)
        per_gib = GiB / args.bytes
        s = [v * 1e3 * per_gib for v in values(raw, "tls-echo/sockscope", "cpu_s")]
        p = [v * 1e3 * per_gib for v in values(raw, "tls-echo/socat", "cpu_s")]
        if s or p:
            rows.append(("TLS echo: server CPU per GiB echoed, all threads and forks (info) [ms]",
                         fmt(s), fmt(p), median_ratio(s, p), "-", "info"))
        s = values(raw, "tls-echo/sockscope-stored", "mibps")
        if s:
            p = values(raw, "tls-echo/socat", "mibps")
            rows.append(("TLS echo %g GiB, SockScope storing everything (--export) vs socat "
                         "(info) [MiB/s]" % gib, fmt(s), fmt(p), median_ratio(s, p), "-", "info"))
            s = [v * 1e3 * per_gib for v in values(raw, "tls-echo/sockscope-stored", "cpu_s")]
            p = [v * 1e3 * per_gib for v in values(raw, "tls-echo/socat", "cpu_s")]
            rows.append(("TLS echo: server CPU per GiB, SockScope storing everything vs socat "
                         "(info) [ms]",
                         fmt(s), fmt(p), median_ratio(s, p), "-", "info"))
    if any(k.startswith("tls-hs/") for k in raw):
        n = "{:,}".format(args.handshakes)
        ratio_row("TLS 1.3: %s sequential handshakes, SockScope discard vs nginx (1 worker)" % n,
                  "tls-hs/sockscope", "tls-hs/nginx", "rate", 0.8, "handshakes/s")
        if not raw.get("tls-hs/nginx"):
            rows.append(("TLS 1.3 handshakes: nginx", "", "not measured", "", "",
                         "nginx missing (apt-get install nginx-light)"))
        for field, label in (("p50_ms", "median"), ("p99_ms", "p99")):
            s, p = values(raw, "tls-hs/sockscope", field), values(raw, "tls-hs/nginx", field)
            rows.append(("TLS 1.3 handshakes: one handshake's time, %s (info) [ms]" % label,
                         fmt(s, 2), fmt(p, 2), median_ratio(s, p), "-", "info"))
        per = 1e6 / args.handshakes
        s = [v * per for v in values(raw, "tls-hs/sockscope", "cpu_s")]
        p = [v * per for v in values(raw, "tls-hs/nginx", "cpu_s")]
        rows.append(("TLS 1.3 handshakes: server CPU per handshake (info) [µs]", fmt(s), fmt(p),
                     median_ratio(s, p), "-", "info"))
    # What the client negotiated with every server, every run: it offers
    # one version, one suite and one group, so they cannot differ.
    seen = sorted({"%s %s %s" % (r.get("version"), r.get("cipher"), r.get("group"))
                   for k in raw if k.startswith(("tls-echo/", "tls-hs/")) for r in raw[k]})
    if seen:
        rows.append(("TLS: negotiated with every server (info)", "", "; ".join(seen), "", "-",
                     "info"))


def relay_rows(raw, args, rows, fmt, ratio_row, limit_row, mem_limit):
    """The relay figures (issue 16): SockScope's forward responder against
    socat and the C splice relay, measured in the same runs."""
    if not any(k.startswith("relay-") for k in raw):
        return

    def peers(key, field, digits, socat_label="socat"):
        return "%s: %s; C: %s" % (socat_label, fmt(values(raw, "relay-%s/socat" % key, field),
                                                   digits),
                                  fmt(values(raw, "relay-%s/c" % key, field), digits))

    def median_ratio(s, p):
        if not s or not p or statistics.median(p) == 0:
            return "n/a"
        return "%.2fx" % (statistics.median(s) / statistics.median(p))

    for why in raw.get("relay-refused", []):
        rows.append(("Relay: SockScope's --respond forward:", "not measured", "", "", "",
                     why["why"][:70]))
    for failed in raw.get("relay-failed", []):
        rows.append(("Relay: SockScope failed a run of the %s figure" % failed["figure"],
                     "failed", "", "", "", failed["why"][:70]))
    gib = args.bytes / GiB
    if raw.get("relay-flood/direct"):
        ratio_row("Relay %g GiB to discard, SockScope vs socat" % gib, "relay-flood/sockscope",
                  "relay-flood/socat", "mibps", 2.0)
        ratio_row("Relay %g GiB to discard, SockScope vs C splice relay" % gib,
                  "relay-flood/sockscope", "relay-flood/c", "mibps", 0.5)
        s, p = values(raw, "relay-flood/socat", "mibps"), values(raw, "relay-flood/c", "mibps")
        rows.append(("Relay %g GiB to discard, socat vs C splice relay (info) [MiB/s]" % gib,
                     "", "socat: %s; C: %s" % (fmt(s), fmt(p)), median_ratio(s, p), "-", "info"))
        rows.append(("Relay %g GiB: no relay, client straight to discard (info) [MiB/s]" % gib,
                     "", fmt(values(raw, "relay-flood/direct", "mibps")), "", "-", "info"))
        limit_row("Relay: peak memory, %g GiB through it, SockScope" % gib,
                  values(raw, "relay-flood/sockscope", "peak_rss_mib"),
                  peers("flood", "peak_rss_mib", 1, "socat (PSS, parent + fork)"), mem_limit,
                  "MiB")
        for kind, how in (("sockscope-evicting", "a %g MiB capture budget (evicting)" %
                           (args.budget / MiB)),
                          ("sockscope-shm", "its capture file in /dev/shm")):
            s = values(raw, "relay-flood/" + kind, "mibps")
            if not s:
                continue
            for peer, label in (("socat", "socat"), ("c", "C splice relay")):
                p = values(raw, "relay-flood/" + peer, "mibps")
                rows.append(("Relay %g GiB, SockScope with %s, vs %s (info) [MiB/s]" %
                             (gib, how, label), fmt(s), fmt(p), median_ratio(s, p), "-", "info"))
        per_gib = GiB / args.bytes
        s = [v * 1e3 * per_gib for v in values(raw, "relay-flood/sockscope", "cpu_s")]
        p = [v * 1e3 * per_gib for v in values(raw, "relay-flood/c", "cpu_s")]
        if s:
            rows.append(("Relay: CPU per GiB relayed, SockScope (all threads) vs C [ms]", fmt(s),
                         fmt(p), median_ratio(s, p), "-", "info"))
    if any(k.startswith("relay-rtt/") for k in raw):
        n = "{:,}".format(args.round_trips)
        s = values(raw, "relay-rtt/sockscope", "added_median_us")
        p = values(raw, "relay-rtt/socat", "added_median_us")
        figure = "Relay ping-pong, %s x 1 byte: added latency, median [µs]" % n
        if s and p:
            ok = statistics.median(s) <= statistics.median(p)
            rows.append((figure, fmt(s, 1), peers("rtt", "added_median_us", 1),
                         median_ratio(s, p), "≤ socat", "PASS" if ok else "FAIL"))
        else:
            rows.append((figure, fmt(s, 1), peers("rtt", "added_median_us", 1), "n/a",
                         "≤ socat", "not measured"))
        s = values(raw, "relay-rtt/sockscope", "added_p99_us")
        rows.append(("Relay ping-pong: added latency, p99 (info) [µs]", fmt(s, 1),
                     peers("rtt", "added_p99_us", 1), median_ratio(
                         s, values(raw, "relay-rtt/socat", "added_p99_us")), "-", "info"))
        direct = sum((values(raw, "relay-rtt/" + k, "direct_median_us") for k in
                      ("sockscope", "socat", "c")), [])
        direct99 = sum((values(raw, "relay-rtt/" + k, "direct_p99_us") for k in
                        ("sockscope", "socat", "c")), [])
        rows.append(("Relay ping-pong: round trip straight to echo, median / p99 (info) [µs]", "",
                     "%s / %s" % (fmt(direct, 1), fmt(direct99, 1)), "", "-", "info"))
    if any(k.startswith("relay-pairs/") for k in raw):
        n = args.pairs
        s = values(raw, "relay-pairs/sockscope", "open_s")
        rows.append(("Relay: %d pairs at once, time to open all, 1 line each (info) [s]" % n,
                     fmt(s, 2), peers("pairs", "open_s", 2),
                     median_ratio(s, values(raw, "relay-pairs/socat", "open_s")), "-", "info"))
        limit_row("Relay: %d pairs at once, memory per pair, SockScope" % n,
                  values(raw, "relay-pairs/sockscope", "per_pair_kib"),
                  peers("pairs", "per_pair_kib", 2, "socat (PSS, %d forks)" % n), 16, "KiB", 2)
        listed = values(raw, "relay-pairs/sockscope", "accept_lines")
        if listed:
            connects = values(raw, "relay-pairs/sockscope", "connect_lines")
            ok = all(v == n for v in listed)
            rows.append(("Relay: %d pairs at once, SockScope accept lines (connect lines)" % n,
                         "%s (%s)" % (fmt(listed), fmt(connects)), "", "", "= %d" % n,
                         "PASS" if ok else "FAIL"))
        s = values(raw, "relay-pairs/sockscope", "connect_max_ms")
        rows.append(("Relay: %d pairs at once, slowest connect (info) [ms]" % n, fmt(s, 1),
                     peers("pairs", "connect_max_ms", 1), "", "-", "info"))


def describe_machine():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    try:
        commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--", "app", "ui"],
                               capture_output=True, text=True, timeout=10).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "?", []
    return ("machine: %d cores, %s, kernel %s; load average %s; SockScope %s%s" %
            (os.cpu_count(), model, os.uname().release,
             " ".join("%.2f" % x for x in os.getloadavg()), commit,
             " + uncommitted changes in %d files of app/ ui/" % len(dirty) if dirty else ""))


def print_table(rows, out):
    head = ("figure", "SockScope", "peer", "ratio", "target", "result")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(6)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |"
    out.write(line + "\n")
    out.write("|" + "|".join("-" * (w + 2) for w in widths) + "|\n")
    for r in rows:
        out.write("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |\n")


def human(n):
    for unit, scale in (("G", GiB), ("M", MiB), ("K", 1 << 10)):
        if n >= scale and n % scale == 0:
            return "%d%s" % (n // scale, unit)
    return str(n)


def size(text):
    text = str(text)
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    if text[-1:].upper() in units:
        return int(float(text[:-1]) * units[text[-1:].upper()])
    return int(text)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--build", required=True)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--bytes", type=size, default=GiB)
    p.add_argument("--scale-bytes", type=size, default=GiB // 2)
    p.add_argument("--big-bytes", type=size, default=4 * GiB)
    p.add_argument("--conns", type=int, default=10000)
    p.add_argument("--budget", type=size, default=64 * MiB)
    p.add_argument("--rows", type=int, default=1000000,
                   help="traffic rows the GUI scroll figure fills in (0: no scroll figure)")
    p.add_argument("--scroll-steps", type=int, default=200)
    p.add_argument("--timeout", type=int, default=60, help="seconds for one client run")
    p.add_argument("--only",
                   help="comma list: capture,echo,accept,scale,relay,tls-echo,tls-handshakes,gui,"
                   "open,memory,bounds")
    p.add_argument("--handshakes", type=int, default=2000,
                   help="sequential TLS handshakes of the tls-handshakes figure")
    p.add_argument("--round-trips", type=int, default=10000,
                   help="1-byte round trips of the relay latency figure")
    p.add_argument("--pairs", type=int, default=1000,
                   help="relay pairs the relay scale figure holds open at once")
    p.add_argument("--many-bytes", type=size, default=16 * MiB,
                   help="bytes each of the 64 and 200 clients flooding at once sends")
    p.add_argument("--noread-bytes", type=size, default=64 * MiB,
                   help="bytes each echo peer that never reads tries to send")
    p.add_argument("--stall-seconds", type=int, default=10,
                   help="how long 64 clients flood while stdout is not read")
    p.add_argument("--sockscope", help="this sockscope executable instead of the build's "
                   "(e.g. an older one, to compare)")
    p.add_argument("--json", help="write the raw per-run numbers here")
    args = p.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < args.conns + 200:
        sys.exit("RLIMIT_NOFILE hard limit %d is too low for %d connections" % (hard, args.conns))
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    bench = Bench(args)
    before = describe_machine()
    log(before)
    t0 = time.monotonic()
    try:
        bench.run()
    finally:
        bench.cleanup()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(args=vars(args), machine=before, raw=bench.raw), f, indent=1)
    log("all runs took %.0f s" % (time.monotonic() - t0))
    rows = table(bench.raw, args)
    print()
    print(before)
    print("load average after: %s; %d runs each, values: median (min–max)" %
          (" ".join("%.2f" % x for x in os.getloadavg()), args.runs))
    print()
    print_table(rows, sys.stdout)
    sys.exit(0)


if __name__ == "__main__":
    main()
