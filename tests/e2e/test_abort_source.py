"""Abort (RST) and the client options from the command line, against real
Python peers: --abort-after resets accepted connections and clients (the peer
gets ConnectionResetError), and --source really binds the client's port, or
fails with EADDRINUSE / EADDRNOTAVAIL naming the address and port."""
import os
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, fields, read_jsonl  # noqa: E402

TIMEOUT_S = 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_until_reset(sock):
    """Reads until the connection ends: 'reset' or 'eof'."""
    try:
        while sock.recv(65536):
            pass
        return "eof"
    except ConnectionResetError:
        return "reset"


def abort_after_resets_accepted_connections(workdir):
    export = os.path.join(workdir, "abort.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--abort-after", "0.3", "--export", export)
    port = app.listening_port()
    client = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S)
    client.sendall(b"hello")
    started = time.monotonic()
    outcome = read_until_reset(client)
    waited = time.monotonic() - started
    client.close()
    check(outcome == "reset", f"the peer saw {outcome}, not ECONNRESET")
    check(0.25 <= waited < 5, f"reset after {waited:.3f} s, not 0.3 s")
    line = app.wait_line(lambda l: l.startswith("close conn="))
    f = fields(line)
    check(f.get("reset") == "true" and f.get("by") == "local", f"close line {line!r}")
    check("RST sent (SO_LINGER 0)" in line, f"close line {line!r} does not say what was sent")
    code = app.stop()
    check(code == 0, f"exit code {code}; stderr: {app.stderr}")
    records = read_jsonl(export)
    conn = next(r["conn"] for r in records if r["event"] == "accept")
    endings = [r for r in records if r.get("conn") == conn and r["event"] in ("close", "error")]
    check(len(endings) == 1, f"connection {conn} ended {len(endings)} times: {endings}")
    check(endings[0]["event"] == "close" and endings[0].get("reset") is True,
          f"the export's ending is {endings[0]}")


def abort_after_resets_a_client_from_its_source_port(workdir):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(TIMEOUT_S)
    source = free_port()
    app = Headless("--connect", f"127.0.0.1:{server.getsockname()[1]}",
                   "--source", f"127.0.0.1:{source}", "--keepalive", "--nodelay",
                   "--send", "hi", "--abort-after", "2")
    peer, (peer_host, peer_port) = server.accept()
    check((peer_host, peer_port) == ("127.0.0.1", source),
          f"the server sees the client at {peer_host}:{peer_port}, not 127.0.0.1:{source}")
    # The kernel runs a keepalive timer only on a socket with SO_KEEPALIVE.
    ss = subprocess.run(["ss", "-tnoH", "state", "established", f"sport = :{source}"],
                        capture_output=True, text=True, timeout=TIMEOUT_S)
    check("keepalive" in ss.stdout, f"ss shows no keepalive timer: {ss.stdout!r}")
    peer.settimeout(TIMEOUT_S)
    outcome = read_until_reset(peer)
    check(outcome == "reset", f"the server saw {outcome}, not ECONNRESET")
    peer.close()
    server.close()
    code = app.finish()
    check(code == 0, f"exit code {code}; stderr: {app.stderr}")
    connected = next(l for l in app.lines if l.startswith("connected "))
    check(fields(connected)["local"] == f"127.0.0.1:{source}", f"connected line {connected!r}")
    check(any(l.startswith("close conn=1 by=local reset=true") for l in app.lines),
          f"no reset close line in {app.lines}")


def source_port_in_use_is_named(_workdir):
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    result = subprocess.run([BINARY, "--headless", "--connect", f"127.0.0.1:{port}",
                             "--source", f"127.0.0.1:{port}"],
                            capture_output=True, text=True, timeout=TIMEOUT_S)
    holder.close()
    check(result.returncode == 1, f"exit code {result.returncode}, not 1")
    error = next((l for l in result.stdout.splitlines() if l.startswith("error ")), "")
    check(fields(error).get("code") == "in-use", f"error line {error!r}")
    for part in (f"127.0.0.1:{port}", "EADDRINUSE"):
        check(part in error and part in result.stderr, f"{part} missing: {error!r}")


def foreign_source_address_is_named(_workdir):
    result = subprocess.run([BINARY, "--headless", "--connect", "127.0.0.1:9",
                             "--source", "192.0.2.1:0"],
                            capture_output=True, text=True, timeout=TIMEOUT_S)
    check(result.returncode == 1, f"exit code {result.returncode}, not 1")
    check("192.0.2.1" in result.stderr and "EADDRNOTAVAIL" in result.stderr,
          f"stderr: {result.stderr!r}")


def bad_values_are_refused(_workdir):
    for args in (["--abort-after", "-1"], ["--abort-after", "soon"],
                 ["--source", "127.0.0.1"], ["--source", "nowhere.example:0"]):
        result = subprocess.run([BINARY, "--headless", "--connect", "127.0.0.1:9", *args],
                                capture_output=True, text=True, timeout=TIMEOUT_S)
        check(result.returncode == 2, f"{args}: exit code {result.returncode}, not 2")
        check(args[0] in result.stderr, f"{args}: stderr does not name the option: "
                                        f"{result.stderr!r}")


def main():
    with tempfile.TemporaryDirectory() as workdir:
        abort_after_resets_accepted_connections(workdir)
        abort_after_resets_a_client_from_its_source_port(workdir)
        source_port_in_use_is_named(workdir)
        foreign_source_address_is_named(workdir)
        bad_values_are_refused(workdir)
    print("ok")


if __name__ == "__main__":
    main()
