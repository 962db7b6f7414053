"""Issue 14, faults 1-3, against real peers: a clients-only run ends when the
server closes first; a recording onto a full file system names ENOSPC and
fails the run; a bad --export or --record path fails at start, not at exit."""
import http.server
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, fields, read_jsonl, stream  # noqa: E402

END_WITHIN_S = 15


def serve_once(handler):
    """A one-connection TCP server on a free loopback port; handler(conn) runs on a thread."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def run():
        conn, _ = server.accept()
        try:
            handler(conn)
        finally:
            conn.close()
            server.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return server.getsockname()[1], thread


def redis_like(conn):
    """Answers PING and QUIT as redis-server does, then closes first."""
    request = b""
    while b"QUIT\r\n" not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return
        request += chunk
    conn.sendall(b"+PONG\r\n+OK\r\n")


def ends_by_itself(app, what):
    try:
        code = app.finish(timeout=END_WITHIN_S)
    except subprocess.TimeoutExpired:
        app.proc.kill()
        app.finish()  # collects the lines for the message
        raise AssertionError(f"{what}: still running {END_WITHIN_S}s after the peer closed "
                             f"(CLOSE-WAIT); lines: {app.lines}")
    check(code == 0, f"{what}: exit {code}; stderr {app.stderr!r}")


def server_closes_first():
    with tempfile.TemporaryDirectory() as workdir:
        request = os.path.join(workdir, "q.resp")
        with open(request, "wb") as f:
            f.write(b"PING\r\nQUIT\r\n")
        export = os.path.join(workdir, "q.jsonl")
        port, _ = serve_once(redis_like)
        app = Headless("--connect", f"127.0.0.1:{port}", "--send-file", request,
                       "--export", export)
        ends_by_itself(app, "redis-like server")
        check("half-close conn=1 by=peer" in app.lines, f"lines: {app.lines}")
        closes = [l for l in app.lines if l.startswith("close conn=1 ")]
        check(len(closes) == 1 and fields(closes[0])["by"] == "peer", f"lines: {app.lines}")
        records = read_jsonl(export)
        check(stream(records, 1, "in") == b"+PONG\r\n+OK\r\n", "reply missing from the export")


def http_server_closes_first():
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app = Headless("--connect", f"127.0.0.1:{server.server_address[1]}",
                       "--send", "GET / HTTP/1.0\r\n\r\n")
        ends_by_itself(app, "python http.server")
        check(any(l.startswith("data conn=1 dir=in") and "HTTP/1.0 200" in l
                  for l in app.lines), f"no HTTP reply: {app.lines}")
    finally:
        server.shutdown()
        server.server_close()


def unsent_bytes_go_first():
    """The peer's FIN while 8 MiB is still queued: all of it is sent, then the client closes."""
    size = 8 * 1024 * 1024
    received = []

    def half_close_then_read(conn):
        conn.shutdown(socket.SHUT_WR)
        total = 0
        while True:
            chunk = conn.recv(1 << 16)
            if not chunk:
                break
            total += len(chunk)
        received.append(total)

    with tempfile.TemporaryDirectory() as workdir:
        payload = os.path.join(workdir, "big.bin")
        with open(payload, "wb") as f:
            f.write(os.urandom(size))
        port, thread = serve_once(half_close_then_read)
        app = Headless("--connect", f"127.0.0.1:{port}", "--send-file", payload,
                       "--keep", "none")
        ends_by_itself(app, "peer half-closed first")
        thread.join(timeout=END_WITHIN_S)
        check(received == [size], f"peer received {received}, want [{size}]")


def talking_peer_keeps_the_client():
    """No FIN from the peer: the client stays, however long the peer talks."""
    stop = threading.Event()

    def tick(conn):
        while not stop.is_set():
            conn.sendall(b"tick\n")
            time.sleep(0.05)

    port, _ = serve_once(tick)
    app = Headless("--connect", f"127.0.0.1:{port}", "--send", "hello")
    check(app.wait_count(lambda l: l.startswith("data conn=1 dir=in"), 10) == 10, "no ticks")
    check(app.proc.poll() is None, "the client ended while the peer was still talking")
    stop.set()
    code = app.stop()
    check(code == 0, f"exit {code}")


def run(args, timeout=10):
    try:
        return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{args}: still running after {timeout}s; a bad output path "
                             "must fail at start")


def bad_output_paths_fail_at_start():
    with tempfile.TemporaryDirectory() as workdir:
        a_file = os.path.join(workdir, "plain")
        with open(a_file, "w") as f:
            f.write("x")
        a_folder = os.path.join(workdir, "folder.jsonl")
        os.mkdir(a_folder)
        for option, path, needle in [
            ("--export", os.path.join(workdir, "no", "such", "s.jsonl"), "ENOENT"),
            ("--export", os.path.join(a_file, "s.pcap"), "ENOTDIR"),
            ("--export", a_folder, "is a folder"),
            ("--record", os.path.join(workdir, "missing", "r.jsonl"), "ENOENT"),
        ]:
            result = run(["--headless", "--listen", "127.0.0.1:0", option, path])
            check(result.returncode == 2, f"{option} {path}: exit {result.returncode}, want 2")
            check(option in result.stderr and needle in result.stderr,
                  f"{option} {path}: stderr {result.stderr!r} lacks {needle!r}")
            check("listening" not in result.stdout, f"{option} {path}: it started anyway")
        # A good path still works, and leaves no probe file behind.
        good = os.path.join(workdir, "ok.jsonl")
        result = run(["--headless", "--export", good])
        check(result.returncode == 0, f"good export path: exit {result.returncode}")
        check(sorted(os.listdir(workdir)) == ["folder.jsonl", "ok.jsonl", "plain"],
              f"left behind: {os.listdir(workdir)}")


class Tmpfs:
    """A tiny real file system; None when this machine will not mount one (not root)."""

    def __init__(self, path, size):
        self.path = path
        os.makedirs(path, exist_ok=True)
        self.mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path],
            capture_output=True).returncode == 0

    def remount_read_only(self):
        return subprocess.run(["mount", "-o", "remount,ro", self.path]).returncode == 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.mounted:
            subprocess.run(["umount", self.path])


def send_through_discard(port, size):
    with socket.create_connection(("127.0.0.1", port)) as peer:
        peer.sendall(os.urandom(size))
        peer.shutdown(socket.SHUT_WR)
        peer.recv(1)  # discard closes after our FIN


def recording_fails(record, what, needles, **popen_options):
    app = Headless("--listen", "127.0.0.1:0", "--respond", "discard", "--record", record,
                   **popen_options)
    port = app.listening_port()
    send_through_discard(port, 4 * 1024 * 1024)
    app.wait_line(lambda l: l.startswith("close conn=2"))
    code = app.stop()
    check(code == 1, f"{what}: a failed recording exited {code}, want 1")
    for needle in needles:
        check(needle in app.stderr, f"{what}: stderr {app.stderr!r} lacks {needle!r}")
    check("Unknown error" not in app.stderr, f"{what}: stderr {app.stderr!r}")
    check("incomplete" in app.stderr, f"{what}: the exit does not say so: {app.stderr!r}")


def recording_onto_a_full_file_system():
    with tempfile.TemporaryDirectory() as workdir:
        with Tmpfs(os.path.join(workdir, "small"), "1m") as small:
            if not small.mounted:
                print("full tmpfs: skipped (needs root and mount -t tmpfs)")
            else:
                recording_fails(os.path.join(small.path, "r.jsonl"), "full tmpfs",
                                ["No space left on device (ENOSPC)", "recording to"])
        with Tmpfs(os.path.join(workdir, "ro"), "1m") as readonly:
            if readonly.mounted and readonly.remount_read_only():
                result = run(["--headless", "--export", os.path.join(readonly.path, "s.csv")])
                check(result.returncode == 2 and "EROFS" in result.stderr,
                      f"read-only export: {result.returncode} {result.stderr!r}")

        # A file size limit is the same failure without root: EFBIG. The
        # signal it raises must be ignored, as the shell's ulimit -f is not.
        def limit_file_size():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

        recording_fails(os.path.join(workdir, "limited.jsonl"), "RLIMIT_FSIZE",
                        ["File too large (EFBIG)"], preexec_fn=limit_file_size)


def main():
    server_closes_first()
    http_server_closes_first()
    unsent_bytes_go_first()
    talking_peer_keeps_the_client()
    bad_output_paths_fail_at_start()
    recording_onto_a_full_file_system()
    print("lifecycle: ok")


main()
