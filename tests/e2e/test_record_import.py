"""--record streams the session while it happens (and survives a crash);
--import reads it back and --export converts it to every format."""
import base64
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, read_jsonl, stream  # noqa: E402


def without_header(records):
    return [r for r in records if r["event"] != "header"]


def exchange(port, payload):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(payload)
    s.shutdown(socket.SHUT_WR)
    echoed = b""
    while chunk := s.recv(65536):
        echoed += chunk
    s.close()
    return echoed


def record_matches_export(workdir):
    record = os.path.join(workdir, "live.jsonl")
    export = os.path.join(workdir, "export.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--respond", "echo", "--record", record,
                   "--export", export)
    port = app.listening_port()
    payload = b"\x00\xff\xfe binary \xc3\x28" * 1000
    check(exchange(port, payload) == payload, "echo incomplete")
    app.wait_line(lambda l: l.startswith("close conn="))
    check(app.stop() == 0, f"exit code; stderr {app.stderr}")
    recorded = without_header(read_jsonl(record))
    exported = without_header(read_jsonl(export))
    check(recorded == exported, "the record differs from the export")
    return export


def import_converts(workdir, export):
    original = without_header(read_jsonl(export))
    for ext in ("jsonl", "csv", "html", "pcap"):
        target = os.path.join(workdir, f"converted.{ext}")
        result = subprocess.run([BINARY, "--headless", "--import", export, "--export", target],
                                capture_output=True, text=True, timeout=60)
        check(result.returncode == 0, f"--import to {ext}: {result.stderr}")
        check(os.path.getsize(target) > 0, f"{ext} export is empty")
        check(result.stdout.splitlines()[0].startswith("listening "), "events not printed")
    again = without_header(read_jsonl(os.path.join(workdir, "converted.jsonl")))
    check(again == original, "import + export changed the session")


def reexport_equals_live_export(workdir):
    """A reopened session exports the same bytes as the live one did."""
    for ext in ("pcap", "csv"):
        record = os.path.join(workdir, f"for-{ext}.jsonl")
        live = os.path.join(workdir, f"live.{ext}")
        app = Headless("--listen", "[::1]:0", "--respond", "echo", "--record", record,
                       "--export", live)
        port = app.listening_port()
        s = socket.create_connection(("::1", port), timeout=10)
        s.sendall(b"same either way\n")
        s.shutdown(socket.SHUT_WR)
        while s.recv(100):
            pass
        s.close()
        app.wait_line(lambda l: l.startswith("close conn="))
        check(app.stop() == 0, "live run failed")
        reopened = os.path.join(workdir, f"reopened.{ext}")
        result = subprocess.run([BINARY, "--headless", "--import", record, "--export", reopened],
                                capture_output=True, timeout=60)
        check(result.returncode == 0, f"reopen failed: {result.stderr}")
        with open(live, "rb") as a, open(reopened, "rb") as b:
            check(a.read() == b.read(), f"{ext}: re-export differs from the live export")


def malformed_import_is_refused(workdir):
    bad = os.path.join(workdir, "bad.jsonl")
    with open(bad, "w") as f:
        f.write('{"ts":"2026-11-25T12:00:00.000000Z","event":"header","format":'
                '"sockscope-session","version":1}\n{"ts": broken\n')
    result = subprocess.run([BINARY, "--headless", "--import", bad], capture_output=True,
                            text=True, timeout=30)
    check(result.returncode == 1, f"malformed import exited {result.returncode}")
    check("line 2" in result.stderr, f"no line number in {result.stderr!r}")
    check(result.stdout == "", "a malformed file must load nothing")


def record_survives_a_crash(workdir):
    record = os.path.join(workdir, "crash.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--record", record)
    port = app.listening_port()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"written before the crash")
    app.wait_line(lambda l: l.startswith("data "))
    app.proc.send_signal(signal.SIGKILL)
    app.finish()
    s.close()
    records = read_jsonl(record)
    conn = next(r["conn"] for r in records if r["event"] == "accept")
    check(stream(records, conn, "in") == b"written before the crash", "record lost data")


def main():
    with tempfile.TemporaryDirectory() as workdir:
        export = record_matches_export(workdir)
        import_converts(workdir, export)
        reexport_equals_live_export(workdir)
        malformed_import_is_refused(workdir)
        record_survives_a_crash(workdir)
    print("record + import: ok")


main()
