#!/usr/bin/env python3
"""Soak: N minutes of mixed, seeded, random traffic against SockScope's
headless echo listener, watching its memory, descriptors and threads.
Not a test (not in ctest or CI); see docs/performance.md, "Soak".

  python3 bench/soak.py --sockscope build/app/sockscope            # 10 minutes
  python3 bench/soak.py --sockscope build/app/sockscope --minutes 0.5 --seed 7

It starts `sockscope --headless --listen 127.0.0.1:0 --respond echo
--capture-budget B` with stdout to a file (read only for the port) and runs,
all at once:
  workers   --workers tasks, each looping over a random choice of
            echo      1-8 sends of 1 B-256 KiB, reading the echo meanwhile,
                      then a half-close, read to EOF, checked byte for byte
            chat      1-20 request/response round trips, then a half-close
                      (checked to EOF) or a plain close
            reset     sends 0 B-256 KiB, maybe reads a little, then RST
                      (SO_LINGER {1,0}), sometimes while the echo flows back
            slow      a slow reader: sends 1-16 MiB as fast as it can while
                      reading the echo at 1-8 MiB/s, then checks it to EOF
  idle      0 to --max-idle idle connections, a new random target every
            20-60 s (one phase at the maximum); each one leaves with a
            checked ping, a FIN or an RST
  bursts    every 15-45 s, --burst quick connect/close
Every --sample seconds it prints SockScope's RSS, descriptors
(/proc/PID/fd) and threads. At the end it closes everything, lets SockScope
settle, and checks:
  echo      every echo read to EOF was byte-exact (and none was cut short)
  rss-peak  peak RSS (VmHWM) < capture budget + --rss-headroom (100 MiB)
  rss-end   RSS after settling <= start + --rss-slack (32 MiB)
  fd-end    descriptors after settling == the baseline
  alive     SockScope still echoes, and exits 0 on SIGTERM
The baseline (RSS, descriptors) is taken after one warm-up echo. Exit 0 if
every check passed, 1 if one failed (each failure is named), 2 if the soak
could not run. The last lines are a Markdown table for docs/performance.md.
"""
import argparse
import asyncio
import json
import os
import random
import resource
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

KiB = 1 << 10
MiB = 1 << 20

# Payload comes from one seeded random pool, so every stream is checked
# against its expected bytes without keeping what was sent. The pool's odd
# size keeps 256 KiB chunks from lining up with its period.
POOL_SIZE = 8 * MiB + 4099
MAX_CHUNK = 256 * KiB


def log(*parts):
    print(*parts, flush=True)


def size(text):
    text = str(text)
    units = {"K": KiB, "M": MiB, "G": 1 << 30}
    if text[-1:].upper() in units:
        return int(float(text[:-1]) * units[text[-1:].upper()])
    return int(text)


# --- the process under test ---------------------------------------------------

def proc_status(pid):
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM", "Threads"):
                    out[key] = int(value.split()[0])
    except OSError:
        return None
    return out


def fd_count(pid):
    try:
        return len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return None


class SockScope:
    """sockscope --headless as an echo listener; stdout goes to a file (or
    /dev/null), never to a pipe that nobody reads."""

    def __init__(self, args, tmp):
        self.args = args
        self.out_path = args.output or os.path.join(tmp, "sockscope.out")
        self.proc = None
        self.port = None
        self.exit_s = None

    def start(self):
        a = self.args
        cmd = [a.sockscope, "--headless", "--listen", "127.0.0.1:0", "--respond", "echo",
               "--capture-budget", str(a.capture_budget)] + a.extra
        env = dict(os.environ, QT_LOGGING_RULES="*.debug=false")
        env.setdefault("XDG_CONFIG_HOME", os.path.dirname(self.out_path))
        if a.stdout == "null":
            out = subprocess.DEVNULL
        else:
            out = os.open(self.out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND,
                          0o644)
        self.proc = subprocess.Popen(cmd, stdout=out, stdin=subprocess.DEVNULL, env=env)
        if out != subprocess.DEVNULL:
            os.close(out)
        log("sockscope: %s (pid %d)" % (" ".join(cmd), self.proc.pid))
        deadline = time.monotonic() + 20
        while self.port is None:
            if self.proc.poll() is not None:
                raise RuntimeError("sockscope exited with %d before listening" %
                                   self.proc.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("sockscope did not listen within 20 s")
            self.port = self.port_from_output() if a.stdout == "file" else \
                self.port_from_proc()
            time.sleep(0.05)
        return self

    def port_from_output(self):
        try:
            with open(self.out_path, "rb") as f:
                head = f.read(4096)
        except OSError:
            return None
        for line in head.split(b"\n")[:-1]:
            if line.startswith(b"listening "):
                return int(line.split()[1].rsplit(b":", 1)[1])
        return None

    def port_from_proc(self):
        """The listening port of one of the process's sockets, from
        /proc/net/tcp (state 0A), when stdout is /dev/null."""
        inodes = set()
        try:
            for fd in os.listdir("/proc/%d/fd" % self.proc.pid):
                target = os.readlink("/proc/%d/fd/%s" % (self.proc.pid, fd))
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            return None
        with open("/proc/net/tcp") as f:
            next(f)
            for line in f:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:
                    return int(fields[1].rsplit(":", 1)[1], 16)
        return None

    def sample(self):
        st = proc_status(self.proc.pid) or {}
        return {"rss_kb": st.get("VmRSS"), "hwm_kb": st.get("VmHWM"),
                "threads": st.get("Threads"), "fds": fd_count(self.proc.pid),
                "disk_kb": self.capture_file_kb(), "cpu_s": self.cpu_s()}

    def cpu_s(self):
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None

    def capture_file_kb(self):
        """Disk held by the (deleted) capture file: allocated blocks, not size."""
        fd_dir = "/proc/%d/fd" % self.proc.pid
        try:
            for fd in os.listdir(fd_dir):
                if "sockscope-capture-" in os.readlink(os.path.join(fd_dir, fd)):
                    return os.stat(os.path.join(fd_dir, fd)).st_blocks // 2
        except OSError:
            pass
        return None

    def trim_probe(self):
        """RSS after calling malloc_trim(0) inside SockScope through gdb: what
        is left is live memory, the difference was free heap kept by malloc."""
        try:
            subprocess.run(["gdb", "-p", str(self.proc.pid), "-batch", "-nx",
                            "-ex", "call (int) malloc_trim(0)"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            log("trim probe failed: %s" % e)
            return None
        return (proc_status(self.proc.pid) or {}).get("VmRSS")

    def output_counts(self):
        """Event lines SockScope printed, by name (information only)."""
        counts = {}
        if self.args.stdout != "file":
            return counts
        tail = b""
        with open(self.out_path, "rb") as f:
            while True:
                block = f.read(16 * MiB)
                if not block:
                    break
                lines = (tail + block).split(b"\n")
                tail = lines.pop()
                for line in lines:
                    name = line.split(b" ", 1)[0].decode(errors="replace")
                    counts[name] = counts.get(name, 0) + 1
        counts["bytes"] = os.path.getsize(self.out_path)
        return counts

    def stop(self, timeout):
        t0 = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
            self.exit_s = time.monotonic() - t0
            return code
        except subprocess.TimeoutExpired:
            self.proc.kill()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                # Blocked in the kernel (D state): SIGKILL waits for it too.
                log("sockscope (pid %d) is still exiting 60 s after SIGKILL" % self.proc.pid)
            return None


# --- the traffic ---------------------------------------------------------------

class Stats:
    def __init__(self):
        self.conns = 0          # connections established
        self.errors = 0         # connects or sends that failed (each also a failure)
        self.bytes_out = 0
        self.bytes_in = 0
        self.kinds = {}         # action -> count
        self.checked = 0        # echoes read to EOF and compared
        self.resets = 0         # RSTs we sent
        self.bursts = 0
        self.idle = 0
        self.idle_peak = 0
        self.active = 0
        self.slow_active = 0
        self.failures = []      # (check, message)

    def fail(self, check, message):
        self.failures.append((check, message))
        if len(self.failures) <= 20:
            log("FAIL %s: %s" % (check, message))


class Traffic:
    def __init__(self, args, port, seed):
        self.args = args
        self.port = port
        self.seed = seed
        self.stats = Stats()
        pool = random.Random(seed).randbytes(POOL_SIZE)
        self.pool = pool + pool[:MAX_CHUNK]
        self.stopping = False
        self.idle_conns = []
        self.conn_counter = 0

    def chunk(self, offset, n):
        start = offset % POOL_SIZE
        return self.pool[start:start + n]

    async def connect(self):
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", self.port, limit=MAX_CHUNK), 30)
        self.stats.conns += 1
        return reader, writer

    @staticmethod
    def reset(writer):
        """Close with an RST: SO_LINGER {1, 0}, then close."""
        sock = writer.get_extra_info("socket")
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        writer.transport.abort()

    async def send(self, writer, base, sizes, rng):
        """Sends `sizes` from the pool at stream offset 0 of `base`, each size in
        1-4 writes; returns the total."""
        offset = 0
        for n in sizes:
            pieces = rng.randint(1, 4)
            left = n
            while left:
                part = left if pieces == 1 else rng.randint(1, left)
                pieces = max(1, pieces - 1)
                while part:
                    step = min(part, MAX_CHUNK)
                    writer.write(self.chunk(base + offset, step))
                    self.stats.bytes_out += step
                    offset += step
                    part -= step
                    left -= step
                await writer.drain()
        return offset

    async def expect(self, reader, base, offset, total, what, rate=None):
        """Reads the echo of stream bytes [offset, total) and compares them.
        Returns the new offset; `rate` (bytes/s) makes a slow reader."""
        while offset < total:
            slow = rate and not self.stopping
            want = min(16 * KiB if slow else MAX_CHUNK, total - offset)
            data = await reader.read(want)
            if not data:
                self.stats.fail("echo", "%s: EOF after %d of %d bytes" % (what, offset, total))
                return None
            self.stats.bytes_in += len(data)
            if data != self.chunk(base + offset, len(data)):
                good = self.chunk(base + offset, len(data))
                at = next(i for i in range(len(data)) if data[i] != good[i])
                self.stats.fail("echo", "%s: byte %d of %d differs" % (what, offset + at, total))
                return None
            offset += len(data)
            if slow:
                await asyncio.sleep(len(data) / rate)
        return offset

    async def expect_eof(self, reader, what):
        data = await reader.read(1)
        if data:
            self.stats.fail("echo", "%s: %d bytes more than sent" % (what, len(data)))
            return False
        self.stats.checked += 1
        return True

    def payload_size(self, rng, top=MAX_CHUNK):
        # Half log-uniform (many small sends), half uniform (the bytes).
        if rng.random() < 0.5:
            return min(top, int(2 ** rng.uniform(0, 18)))
        return rng.randint(1, top)

    # Each action opens one connection and closes it in its own way.

    async def act_echo(self, rng, what):
        reader, writer = await self.connect()
        try:
            base = rng.randrange(POOL_SIZE)
            sizes = [self.payload_size(rng) for _ in range(rng.randint(1, 8))]
            total = sum(sizes)

            async def send_then_half_close():
                await self.send(writer, base, sizes, rng)
                writer.write_eof()

            sender = asyncio.ensure_future(send_then_half_close())
            try:
                got = await self.expect(reader, base, 0, total, what)
                await sender
            finally:
                sender.cancel()
            if got is not None:
                await self.expect_eof(reader, what)
        finally:
            writer.close()

    async def act_chat(self, rng, what):
        reader, writer = await self.connect()
        base = rng.randrange(POOL_SIZE)
        offset = 0
        try:
            for _ in range(rng.randint(1, 20)):
                n = self.payload_size(rng, 64 * KiB)
                writer.write(self.chunk(base + offset, n))
                self.stats.bytes_out += n
                await writer.drain()
                if await self.expect(reader, base, offset, offset + n, what) is None:
                    return
                offset += n
            if rng.random() < 0.7:
                writer.write_eof()
                await self.expect_eof(reader, what)
        finally:
            writer.close()

    async def act_reset(self, rng, what):
        reader, writer = await self.connect()
        base = rng.randrange(POOL_SIZE)
        n = 0 if rng.random() < 0.2 else self.payload_size(rng)
        if n:
            await self.send(writer, base, [n], rng)
        if n and rng.random() < 0.5:
            # Some of the echo, then reset while the rest may still flow.
            await self.expect(reader, base, 0, rng.randint(1, n), what)
        elif rng.random() < 0.5:
            await asyncio.sleep(rng.uniform(0, 0.05))
        self.reset(writer)
        self.stats.resets += 1

    async def act_slow(self, rng, what):
        """A reader that pauses 0-10 s, then reads at 0.5-8 MiB/s while its
        sender floods: SockScope has to hold the echo back."""
        self.stats.slow_active += 1
        try:
            reader, writer = await self.connect()
            try:
                base = rng.randrange(POOL_SIZE)
                total = rng.randint(1 * MiB, self.args.slow_bytes)
                rate = rng.uniform(0.5, 8) * MiB
                pause = rng.uniform(0, 10)

                async def flood():
                    await self.send(writer, base, [total], rng)
                    writer.write_eof()

                sender = asyncio.ensure_future(flood())
                try:
                    await self.sleep(pause)
                    got = await self.expect(reader, base, 0, total, what, rate)
                    await sender
                finally:
                    sender.cancel()
                if got is not None:
                    await self.expect_eof(reader, what)
            finally:
                writer.close()
        finally:
            self.stats.slow_active -= 1

    ACTIONS = [("echo", 50), ("chat", 25), ("reset", 25)]

    async def worker(self, index):
        rng = random.Random("%d/worker/%d" % (self.seed, index))
        names = [a for a, _ in self.ACTIONS]
        weights = [w for _, w in self.ACTIONS]
        while not self.stopping:
            kind = rng.choices(names, weights)[0]
            await self.run_action(kind, rng)

    async def slow_reader(self, index):
        rng = random.Random("%d/slow/%d" % (self.seed, index))
        while not self.stopping:
            await self.sleep(rng.uniform(0, 5))
            if not self.stopping:
                await self.run_action("slow", rng)

    async def run_action(self, kind, rng):
        self.conn_counter += 1
        what = "%s #%d" % (kind, self.conn_counter)
        self.stats.kinds[kind] = self.stats.kinds.get(kind, 0) + 1
        self.stats.active += 1
        timeout = self.args.slow_bytes / MiB * 2 + 70 if kind == "slow" else 60
        try:
            await asyncio.wait_for(getattr(self, "act_" + kind)(rng, what), timeout)
        except asyncio.TimeoutError:
            self.stats.fail("echo", "%s: not done within %d s" % (what, timeout))
        except ConnectionResetError as e:
            self.stats.fail("echo", "%s: reset by SockScope (%s)" % (what, e))
        except OSError as e:
            self.stats.errors += 1
            self.stats.fail("echo", "%s: %s" % (what, e))
        finally:
            self.stats.active -= 1

    async def idle_open(self, n):
        for _ in range(n):
            if self.stopping:
                return
            try:
                conn = await self.connect()
            except (OSError, asyncio.TimeoutError) as e:
                self.stats.errors += 1
                self.stats.fail("echo", "idle connect: %s" % e)
                return
            self.idle_conns.append(conn)
            self.stats.idle = len(self.idle_conns)
            self.stats.idle_peak = max(self.stats.idle_peak, self.stats.idle)

    async def idle_close(self, rng, conn, checked):
        reader, writer = conn
        try:
            if checked:
                n = rng.randint(1, 100)
                base = rng.randrange(POOL_SIZE)
                writer.write(self.chunk(base, n))
                self.stats.bytes_out += n
                writer.write_eof()
                if await self.expect(reader, base, 0, n, "idle ping") is not None:
                    await self.expect_eof(reader, "idle ping")
            elif rng.random() < 0.5:
                self.reset(writer)
                self.stats.resets += 1
                return
        except (OSError, asyncio.TimeoutError) as e:
            self.stats.fail("echo", "idle ping: %s" % e)
        writer.close()

    async def idle_shrink(self, rng, n):
        rng.shuffle(self.idle_conns)
        leaving, self.idle_conns = self.idle_conns[:n], self.idle_conns[n:]
        self.stats.idle = len(self.idle_conns)
        await asyncio.gather(*(asyncio.wait_for(self.idle_close(rng, c, rng.random() < 0.3), 60)
                               for c in leaving), return_exceptions=True)

    async def idle_manager(self, duration):
        rng = random.Random("%d/idle" % self.seed)
        # Phases of 20-60 s (shorter in short runs); one holds the maximum.
        longest = max(5.0, min(60.0, duration / 4))
        at_max = rng.uniform(0.2, 0.6) * duration
        t0 = time.monotonic()
        while not self.stopping:
            if at_max is not None and time.monotonic() - t0 >= at_max:
                target, at_max = self.args.max_idle, None
            else:
                target = rng.randint(0, self.args.max_idle)
            have = len(self.idle_conns)
            if target > have:
                await self.idle_open(target - have)
            elif target < have:
                await self.idle_shrink(rng, have - target)
            phase = rng.uniform(longest / 3, longest)
            if at_max is not None:
                phase = min(phase, max(1.0, at_max - (time.monotonic() - t0)))
            await self.sleep(phase)

    async def burst(self):
        """--burst quick connect/close, 64 at a time."""
        sem = asyncio.Semaphore(64)

        async def one():
            async with sem:
                try:
                    _, writer = await self.connect()
                    writer.close()
                except (OSError, asyncio.TimeoutError) as e:
                    self.stats.errors += 1
                    self.stats.fail("echo", "burst connect: %s" % e)

        await asyncio.gather(*(one() for _ in range(self.args.burst)))
        self.stats.bursts += 1

    async def burster(self):
        rng = random.Random("%d/burst" % self.seed)
        await self.sleep(rng.uniform(5, 15))
        while not self.stopping:
            await self.burst()
            await self.sleep(rng.uniform(15, 45))

    async def sleep(self, seconds):
        end = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < end:
            await asyncio.sleep(min(0.5, end - time.monotonic()))

    async def warm_up(self):
        rng = random.Random("%d/warm-up" % self.seed)
        await self.act_echo(rng, "warm-up")


# --- the run -------------------------------------------------------------------

class Soak:
    def __init__(self, args, seed):
        self.args = args
        self.seed = seed
        self.samples = []
        self.t0 = None
        self.baseline = None
        self.trimmed_kb = None
        self.traffic_s = None

    def sample(self, phase):
        s = self.server.sample()
        st = self.traffic.stats
        s.update(t=time.monotonic() - self.t0, phase=phase, conns=st.conns,
                 bytes_out=st.bytes_out, bytes_in=st.bytes_in, idle=st.idle, active=st.active,
                 slow=st.slow_active, failures=len(st.failures))
        self.samples.append(s)
        def mib(kb):
            return "%7.1f" % (kb / KiB) if kb is not None else "    n/a"

        log("sample %-6s t=%6.1fs rss=%s MiB peak=%s MiB fds=%5s threads=%3s disk=%s MiB | "
            "conns=%7d idle=%4d active=%3d slow=%2d | out=%9.1f MiB in=%9.1f MiB | failures=%d" %
            (phase, s["t"], mib(s["rss_kb"]), mib(s["hwm_kb"]), s["fds"], s["threads"],
             mib(s["disk_kb"]), st.conns,
             st.idle, st.active, st.slow_active, st.bytes_out / MiB, st.bytes_in / MiB,
             len(st.failures)))
        return s

    async def sampler(self, phase_of):
        while True:
            await asyncio.sleep(self.args.sample)
            if self.server.proc.poll() is not None:
                log("sockscope exited with %s" % self.server.proc.returncode)
                self.traffic.stopping = True
                return
            self.sample(phase_of())

    async def main(self, server):
        a = self.args
        self.server = server
        self.traffic = t = Traffic(a, server.port, self.seed)
        self.t0 = time.monotonic()
        try:
            await asyncio.wait_for(t.warm_up(), 30)
        except (OSError, asyncio.TimeoutError) as e:
            t.stats.fail("alive", "the warm-up echo failed: %r" % e)
        if t.stats.failures:
            return
        await asyncio.sleep(1)
        base = self.sample("start")
        self.baseline = base
        phase = ["soak"]
        sampler = asyncio.ensure_future(self.sampler(lambda: phase[0]))
        duration = a.minutes * 60
        tasks = [asyncio.ensure_future(t.worker(i)) for i in range(a.workers)]
        tasks += [asyncio.ensure_future(t.slow_reader(i)) for i in range(a.slow_max)]
        tasks.append(asyncio.ensure_future(t.idle_manager(duration)))
        tasks.append(asyncio.ensure_future(t.burster()))
        deadline = time.monotonic() + duration
        while time.monotonic() < deadline and not t.stopping:
            await asyncio.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
        t.stopping = True
        self.traffic_s = time.monotonic() - self.t0
        phase[0] = "drain"
        done, pending = await asyncio.wait(tasks, timeout=a.slow_bytes / MiB * 2 + 120)
        for task in pending:
            task.cancel()
            t.stats.fail("drain", "a client task did not end within its timeout")
        for task in done:
            if task.exception():
                t.stats.fail("soak", "client task failed: %r" % task.exception())
        await t.idle_shrink(random.Random("%d/end" % self.seed), len(t.idle_conns))
        self.soak_end = self.sample("closed")
        phase[0] = "settle"
        # Settle: until descriptors are back and RSS is near the start, or
        # --settle seconds.
        settle_end = time.monotonic() + a.settle
        while time.monotonic() < settle_end and server.proc.poll() is None:
            s = server.sample()
            if s["fds"] == base["fds"] and s["rss_kb"] <= base["rss_kb"] + a.rss_slack * KiB:
                break
            await asyncio.sleep(1)
        sampler.cancel()
        if server.proc.poll() is not None:
            t.stats.fail("alive", "sockscope exited with %s during the soak" %
                         server.proc.returncode)
            return
        self.end = self.sample("end")
        if a.trim_probe:
            self.trimmed_kb = server.trim_probe()
        try:
            await asyncio.wait_for(t.act_echo(random.Random("%d/final" % self.seed), "final"), 30)
        except (OSError, asyncio.TimeoutError) as e:
            t.stats.fail("alive", "the final echo failed: %r" % e)


def verdicts(soak, args, exit_code):
    """(check, passed, detail) for every check."""
    st = soak.traffic.stats
    base, end = soak.baseline, getattr(soak, "end", None)
    out = []
    by_check = {}
    for check, message in st.failures:
        by_check.setdefault(check, []).append(message)
    echo_fail = by_check.pop("echo", [])
    out.append(("echo", not echo_fail,
                "%d echoes read to EOF and compared, %d failures%s" %
                (st.checked, len(echo_fail), ": " + echo_fail[0] if echo_fail else "")))
    peak_kb = max([s["hwm_kb"] or 0 for s in soak.samples])
    limit = args.capture_budget / MiB + args.rss_headroom
    out.append(("rss-peak", peak_kb / KiB < limit,
                "peak %.1f MiB, limit %.0f MiB (budget %.0f + %d)" %
                (peak_kb / KiB, limit, args.capture_budget / MiB, args.rss_headroom)))
    if end:
        near = base["rss_kb"] / KiB + args.rss_slack
        out.append(("rss-end", end["rss_kb"] / KiB <= near,
                    "end %.1f MiB, start %.1f MiB, limit %.1f MiB (start + %d)" %
                    (end["rss_kb"] / KiB, base["rss_kb"] / KiB, near, args.rss_slack)))
        out.append(("fd-end", end["fds"] == base["fds"],
                    "end %d, baseline %d" % (end["fds"], base["fds"])))
    else:
        out.append(("rss-end", False, "no end sample: sockscope had exited"))
        out.append(("fd-end", False, "no end sample: sockscope had exited"))
    alive_fail = by_check.pop("alive", [])
    if exit_code != 0:
        alive_fail.append("still running %d s after SIGTERM" % args.exit_timeout
                          if exit_code is None else
                          "exit status %s after SIGTERM (want 0)" % exit_code)
    out.append(("alive", not alive_fail, "; ".join(alive_fail) or
                "echoed at the end, exit 0 %.1f s after SIGTERM" % soak.server.exit_s))
    for check, messages in sorted(by_check.items()):
        out.append((check, False, "; ".join(messages[:3])))
    return out


def summary(soak, args, checks, counts, elapsed):
    st = soak.traffic.stats
    base = soak.baseline
    end = getattr(soak, "end", None) or soak.samples[-1]
    peak = max([s["hwm_kb"] or 0 for s in soak.samples])
    threads = [s["threads"] for s in soak.samples if s["threads"]]
    disks = [s["disk_kb"] for s in soak.samples if s["disk_kb"] is not None]
    kinds = ", ".join("%s %d" % (k, st.kinds.get(k, 0)) for k in ("echo", "chat", "reset", "slow"))
    rows = [
        ("seed", "%d" % soak.seed),
        ("duration", "%.1f min of traffic (%.1f min in all)" %
         ((soak.traffic_s or 0) / 60, elapsed / 60)),
        ("connections", "%d (%s; %d bursts of %d; idle up to %d)" %
         (st.conns, kinds, st.bursts, args.burst, st.idle_peak)),
        ("bytes sent to SockScope", "%.1f MiB" % (st.bytes_out / MiB)),
        ("bytes echoed back (read)", "%.1f MiB" % (st.bytes_in / MiB)),
        ("echoes read to EOF and compared", "%d" % st.checked),
        ("RSTs sent", "%d" % st.resets),
        ("connects or sends that failed", "%d" % st.errors),
        ("RSS start / peak / end", "%s / %s / %s MiB" %
         (fmt_mib(base["rss_kb"]), fmt_mib(peak), fmt_mib(end["rss_kb"]))),
        ("RSS after malloc_trim(0) (--trim-probe)", "%.1f MiB" % (soak.trimmed_kb / KiB)
         if soak.trimmed_kb else "not measured"),
        ("CPU time: SockScope / this soak client", "%s / %.0f s" %
         ("n/a" if end["cpu_s"] is None else "%.0f" % end["cpu_s"],
          sum(resource.getrusage(resource.RUSAGE_SELF)[:2]))),
        ("descriptors baseline / max / end", "%s / %s / %s" %
         (base["fds"], max(s["fds"] or 0 for s in soak.samples), na(end["fds"]))),
        ("threads start / max / end", "%s / %s / %s" %
         (base["threads"], max_or_none(threads), na(end["threads"]))),
        ("capture file on disk start / max / end (information)", "%s / %s / %s MiB" %
         tuple(fmt_mib(v) for v in (base["disk_kb"], max_or_none(disks), end["disk_kb"]))),
    ]
    if counts:
        rows.append(("SockScope's output", "%.1f MiB: %d accept, %d data, %d close, %d error, "
                     "%d drop lines" % (counts.get("bytes", 0) / MiB, counts.get("accept", 0),
                                        counts.get("data", 0), counts.get("close", 0),
                                        counts.get("error", 0), counts.get("drop", 0))))
    for check, ok, detail in checks:
        rows.append(("check " + check, ("PASS" if ok else "FAIL") + ": " + detail))
    print()
    print("| soak | value |")
    print("| --- | --- |")
    for name, value in rows:
        print("| %s | %s |" % (name, value.replace("|", "\\|")))


def fmt_mib(kb):
    return "n/a" if kb is None else "%.1f" % (kb / KiB)


def na(value):
    return "n/a" if value is None else str(value)


def max_or_none(values):
    return max(values) if values else None


def default_sockscope():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for path in ("build-bench-suite/sockscope/app/sockscope", "build/app/sockscope"):
        if os.access(os.path.join(root, path), os.X_OK):
            return os.path.join(root, path)
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sockscope", default=default_sockscope(),
                   help="the executable (default: build-bench-suite/ or build/ of this tree)")
    p.add_argument("--minutes", type=float, default=10.0, help="traffic time (fractions allowed)")
    p.add_argument("--seed", type=int, help="seed of every random choice (default: random, "
                   "printed)")
    p.add_argument("--capture-budget", type=size, default=64 * MiB)
    p.add_argument("--workers", type=int, default=24, help="concurrent client tasks")
    p.add_argument("--max-idle", type=int, default=2000)
    p.add_argument("--burst", type=int, default=500, help="connect/close per burst")
    p.add_argument("--slow-max", type=int, default=16, help="slow readers at once")
    p.add_argument("--slow-bytes", type=size, default=32 * MiB, help="most a slow reader sends")
    p.add_argument("--sample", type=float, default=5.0, help="seconds between samples")
    p.add_argument("--settle", type=float, default=60.0,
                   help="seconds to wait at the end for descriptors and RSS to come back")
    p.add_argument("--rss-headroom", type=int, default=100,
                   help="MiB over the capture budget that peak RSS must stay under")
    p.add_argument("--rss-slack", type=int, default=32,
                   help="MiB over the start that RSS may end at ('near the start')")
    p.add_argument("--exit-timeout", type=float, default=300,
                   help="seconds SockScope may take to exit after SIGTERM")
    p.add_argument("--trim-probe", action="store_true",
                   help="at the end, call malloc_trim(0) in SockScope with gdb and report the "
                   "RSS left (live memory vs heap kept by malloc)")
    p.add_argument("--stdout", choices=["file", "null"], default="file",
                   help="SockScope's stdout: a file read only for the port and counted at the "
                   "end, or /dev/null (the port then comes from /proc/net/tcp)")
    p.add_argument("--output", help="keep SockScope's stdout in this file")
    p.add_argument("--json", help="write every sample and the checks here")
    p.add_argument("extra", nargs="*", help="more sockscope options, after --")
    args = p.parse_args()
    if not args.sockscope or not os.access(args.sockscope, os.X_OK):
        p.error("no sockscope executable; build it (bash bench/soak.sh does) or pass --sockscope")
    if args.minutes <= 0 or args.workers < 1 or args.sample <= 0:
        p.error("--minutes, --workers and --sample must be positive")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)

    # Every idle connection and burst costs a descriptor on each side.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = 2 * (args.max_idle + args.burst + args.workers) + 200
    if hard < need:
        sys.exit("soak: RLIMIT_NOFILE hard limit %d is below the %d needed" % (hard, need))
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    log("soak: seed=%d minutes=%g budget=%d workers=%d max-idle=%d burst=%d (rerun: --seed %d)" %
        (seed, args.minutes, args.capture_budget, args.workers, args.max_idle, args.burst, seed))
    with tempfile.TemporaryDirectory(prefix="sockscope-soak-") as tmp:
        server = SockScope(args, tmp)
        try:
            server.start()
        except (OSError, RuntimeError) as e:
            log("soak: %s" % e)
            server.proc and server.proc.poll() is None and server.stop(10)
            sys.exit(2)
        soak = Soak(args, seed)
        t0 = time.monotonic()
        try:
            asyncio.run(soak.main(server))
        finally:
            exit_code = server.stop(args.exit_timeout)
        counts = server.output_counts()
    if soak.baseline is None:
        log("soak: SockScope did not echo the warm-up connection; nothing measured")
        sys.exit(2)
    checks = verdicts(soak, args, exit_code)
    summary(soak, args, checks, counts, time.monotonic() - t0)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(seed=seed, args=vars(args), samples=soak.samples,
                           failures=soak.traffic.stats.failures,
                           checks=[dict(check=c, passed=ok, detail=d) for c, ok, d in checks]),
                      f, indent=1)
    failed = [c for c, ok, _ in checks if not ok]
    if failed:
        log("\nsoak FAILED: %s (seed %d)" % (", ".join(failed), seed))
        sys.exit(1)
    log("\nsoak passed (seed %d)" % seed)


if __name__ == "__main__":
    main()
