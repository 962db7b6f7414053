"""The capture at volume, with real sockets: a flood does not erase a small
conversation, keep policies keep what they say and count the rest, and a
recording cut by kill -9 in the middle of a flood opens again."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, fields, read_jsonl, stream  # noqa: E402

MIB = 1024 * 1024


def send_and_close(port, payload):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(payload)
    s.shutdown(socket.SHUT_WR)
    while s.recv(65536):
        pass
    s.close()


def accepted_conns(records):
    return [r["conn"] for r in records if r["event"] == "accept"]


def flood_keeps_the_small_conversation(workdir):
    export = os.path.join(workdir, "fair.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--respond", "discard", "--capture-budget", "8M",
                   "--export", export)
    port = app.listening_port()
    small = b"GET /small HTTP/1.0\r\n\r\nhello"
    send_and_close(port, small)
    flood = os.urandom(MIB) * 48
    send_and_close(port, flood)
    app.wait_count(lambda l: l.startswith("close conn="), 2)
    check(app.stop() == 0, f"exit code; stderr {app.stderr}")
    records = read_jsonl(export)
    first, second = accepted_conns(records)
    check(stream(records, first, "in") == small, "the flood erased the small conversation")
    kept = stream(records, second, "in")
    check(kept[:64 * 1024] == flood[:64 * 1024], "the flood lost its protected head")
    drops = [r for r in records if r["event"] == "drop"]
    check([d["conn"] for d in drops] == [second], f"drops on the wrong connections: {drops}")
    check(drops[0]["size"] + len(kept) == len(flood), "dropped + kept is not what was sent")
    # The byte counters stayed exact: the headless lines say every byte.
    sizes = sum(int(fields(l)["size"]) for l in app.lines
                if l.startswith("data ") and fields(l)["conn"] == str(second))
    check(sizes == len(flood), f"counted {sizes} of {len(flood)} bytes")


def keep_head_keeps_the_head(workdir):
    export = os.path.join(workdir, "head.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--respond", "discard", "--keep", "head:1K",
                   "--export", export)
    port = app.listening_port()
    payload = bytes(range(256)) * 40
    send_and_close(port, payload)
    app.wait_line(lambda l: l.startswith("close conn="))
    check(app.stop() == 0, f"exit code; stderr {app.stderr}")
    records = read_jsonl(export)
    conn = accepted_conns(records)[0]
    check(stream(records, conn, "in") == payload[:1024], "head:1K kept the wrong bytes")
    drop = next(r for r in records if r["event"] == "drop")
    check(drop["size"] == len(payload) - 1024, f"drop counts {drop['size']}")
    check("keep policy head:1K" in drop["message"], drop["message"])


def bad_capture_dir_is_refused():
    result = subprocess.run([BINARY, "--headless", "--capture-dir", "/nonexistent/here",
                             "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                            timeout=30)
    check(result.returncode == 2, f"exit {result.returncode}")
    check("/nonexistent/here" in result.stderr, result.stderr)


def capture_file_leaves_nothing_behind(workdir):
    folder = os.path.join(workdir, "capture")
    os.mkdir(folder)
    app = Headless("--listen", "127.0.0.1:0", "--respond", "discard", "--capture-dir", folder)
    port = app.listening_port()
    send_and_close(port, b"x" * MIB)
    app.wait_line(lambda l: l.startswith("close conn="))
    # Unlinked from the start: even a kill -9 leaves no file behind.
    app.proc.send_signal(signal.SIGKILL)
    app.finish()
    check(os.listdir(folder) == [], f"left behind: {os.listdir(folder)}")


def recording_cut_mid_flood_opens(workdir):
    record = os.path.join(workdir, "cut.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--respond", "discard", "--record", record)
    port = app.listening_port()
    flood = os.urandom(MIB) * 8
    sender = socket.create_connection(("127.0.0.1", port), timeout=10)

    def pump():
        try:
            for _ in range(64):
                sender.sendall(flood)
        except OSError:
            pass  # the app was killed

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    app.wait_count(lambda l: l.startswith("data "), 200)
    app.proc.send_signal(signal.SIGKILL)
    app.finish()
    thread.join(timeout=30)
    sender.close()
    converted = os.path.join(workdir, "cut-converted.jsonl")
    result = subprocess.run([BINARY, "--headless", "--import", record, "--export", converted],
                            capture_output=True, text=True, timeout=120)
    check(result.returncode == 0, f"--import of a cut recording: {result.stderr}")
    records = read_jsonl(converted)
    conn = accepted_conns(records)[0]
    got = stream(records, conn, "in")
    check(len(got) > 0, "nothing of the flood was read back")
    check(got == (flood * 64)[:len(got)], "the recording's stream is not what was sent")


def main():
    with tempfile.TemporaryDirectory() as workdir:
        flood_keeps_the_small_conversation(workdir)
        keep_head_keeps_the_head(workdir)
        bad_capture_dir_is_refused()
        capture_file_leaves_nothing_behind(workdir)
        recording_cut_mid_flood_opens(workdir)
    print("capture volume: ok")


main()
