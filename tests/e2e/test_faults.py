"""Faults the way they happen in the field, against the real executable:
a privileged port as a normal user, running out of file descriptors, a
burst of clients that connect and vanish, a flood under a small capture
budget, and quitting with live connections while recording."""
import os
import resource
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, fields, read_jsonl  # noqa: E402


def privileged_port_as_nobody():
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        print("privileged port: skipped (needs root to drop privileges, and setpriv)")
        return
    result = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                             "--inh-caps=-all", BINARY, "--headless", "--listen", "127.0.0.1:80"],
                            capture_output=True, text=True, timeout=30)
    if result.returncode in (126, 127):  # the build folder is not open to "nobody"
        print(f"privileged port: skipped ({result.stderr.strip()})")
        return
    check(result.returncode == 1, f"exit {result.returncode}: {result.stderr}")
    check("CAP_NET_BIND_SERVICE" in result.stderr and "80" in result.stderr,
          f"the reason is not named: {result.stderr!r}")


def out_of_descriptors_pauses_and_resumes():
    if os.environ.get("SOCKSCOPE_SANITIZED"):
        # The sanitizers' own checks need descriptors (UBSan probes memory
        # through a pipe) and report false errors when there are none left.
        print("out of descriptors: skipped under sanitizers")
        return
    limit = 48

    def low_fd_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    # discard closes after the peer's FIN, so descriptors come back when clients go.
    app = Headless("--listen", "127.0.0.1:0", "--respond", "discard", preexec_fn=low_fd_limit)
    port = app.listening_port()
    clients = []
    for _ in range(limit + 20):  # more than the process may hold
        clients.append(socket.create_connection(("127.0.0.1", port), timeout=10))
    app.wait_line(lambda l: l.startswith("error ") and "code=out-of-descriptors" in l)
    start_cpu = cpu_seconds(app.proc.pid)
    wait_s = 1.5
    time.sleep(wait_s)  # a spinning accept loop would burn this whole interval
    burned = cpu_seconds(app.proc.pid) - start_cpu
    check(burned < 0.5 * wait_s, f"accepting spins while out of descriptors: {burned:.2f}s CPU")
    for client in clients:
        client.close()
    # With descriptors free again, queued and new connections are accepted.
    late = socket.create_connection(("127.0.0.1", port), timeout=10)
    late_port = late.getsockname()[1]
    app.wait_line(lambda l: l.startswith("accept ") and f":{late_port}" in fields(l)["peer"])
    late.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(parts[11]) + int(parts[12])) / ticks


def burst_of_vanishing_clients():
    """1000 clients that connect and close at once, then 1000 that vanish with
    RST: every accepted connection must end, and the listener must go on."""
    app = Headless("--listen", "127.0.0.1:0", "--respond", "echo")
    port = app.listening_port()

    def ended(line):
        return line.startswith("close conn=") or line.startswith("error conn=")
    count = 1000
    for _ in range(count):
        socket.create_connection(("127.0.0.1", port), timeout=10).close()
    check(app.wait_count(lambda l: l.startswith("accept "), count, timeout=60) == count,
          "not every client was accepted")
    check(app.wait_count(ended, count, timeout=60) == count, "not every connection ended")
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
    # A reset in the accept queue may remove it before accept(); whatever was
    # accepted must end, and the listener must still serve.
    probe = socket.create_connection(("127.0.0.1", port), timeout=10)
    probe.sendall(b"still serving")
    check(probe.recv(100) == b"still serving", "listener stopped serving after the burst")
    probe.close()
    accepted = app.wait_count(lambda l: l.startswith("accept "), 2 * count + 1, timeout=5)
    check(app.wait_count(ended, accepted, timeout=60) == accepted, "accepted connections left open")
    check(app.stop() == 0, "exit code")


def flood_under_small_budget(workdir):
    # --export: without it nothing is stored, so no budget applies.
    app = Headless("--listen", "127.0.0.1:0", "--respond", "discard",
                   "--capture-budget", "8M", "--export", os.path.join(workdir, "flood.jsonl"))
    port = app.listening_port()
    total = 256 * 1024 * 1024
    block = os.urandom(1 << 20)
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    peak_rss = 0
    for i in range(total // len(block)):
        s.sendall(block)
        if i % 16 == 0:
            peak_rss = max(peak_rss, rss_bytes(app.proc.pid))
    s.shutdown(socket.SHUT_WR)
    s.recv(1)
    s.close()
    app.wait_line(lambda l: l.startswith("close conn="), timeout=120)
    peak_rss = max(peak_rss, rss_bytes(app.proc.pid))
    drop = app.wait_line(lambda l: l.startswith("drop "))
    check(int(fields(drop)["events"]) > 0 and int(fields(drop)["bytes"]) > 0, drop)
    if os.environ.get("SOCKSCOPE_SANITIZED"):
        print("flood RSS bound: not checked under sanitizers (ASan keeps freed memory)")
    else:
        check(peak_rss < (8 + 100) * 1024 * 1024,
              f"RSS {peak_rss >> 20} MiB over budget + 100 MiB")
    check(app.stop() == 0, "exit code")


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def quit_while_recording():
    with tempfile.TemporaryDirectory() as workdir:
        record = os.path.join(workdir, "quit.jsonl")
        app = Headless("--listen", "127.0.0.1:0", "--record", record)
        port = app.listening_port()
        peers = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(3)]
        for peer in peers:
            peer.sendall(b"still open at quit")
        check(app.wait_count(lambda l: l.startswith("data "), 3) == 3, "data not captured")
        check(app.stop(signal.SIGTERM) == 0, "exit code after SIGTERM")
        for peer in peers:
            check(peer.recv(10) == b"", "the peer did not see a graceful close")
            peer.close()
        records = read_jsonl(record)
        closes = [r for r in records if r["event"] == "close" and "conn" in r]
        check(len(closes) == 3, f"record has {len(closes)} of 3 closes")
        check(any(r["event"] == "close" and r.get("listener") == 1 and "conn" not in r
                  for r in records), "listener close missing from the record")


def main():
    privileged_port_as_nobody()
    out_of_descriptors_pauses_and_resumes()
    burst_of_vanishing_clients()
    with tempfile.TemporaryDirectory() as workdir:
        flood_under_small_budget(workdir)
    quit_while_recording()
    print("faults: ok")


main()
