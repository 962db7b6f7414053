"""curl against a listener that answers with a fixed HTTP response, and
nc against a discard listener; SIGTERM ends the run cleanly."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import Headless, check, read_jsonl, stream  # noqa: E402

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n" \
           b"Connection: close\r\n\r\nhello, socket\n"


def main():
    if not shutil.which("curl"):
        print("curl missing: skipped")
        return
    with tempfile.TemporaryDirectory() as workdir:
        reply = os.path.join(workdir, "response.http")
        with open(reply, "wb") as f:
            f.write(RESPONSE)
        export = os.path.join(workdir, "curl.jsonl")
        app = Headless("--listen", "[::1]:0", "--respond", f"reply:{reply}", "--export", export)
        port = app.listening_port()
        for _ in range(3):
            body = subprocess.run(["curl", "-sS", "--max-time", "10", f"http://[::1]:{port}/x"],
                                  capture_output=True, timeout=30)
            check(body.returncode == 0, f"curl failed: {body.stderr!r}")
            check(body.stdout == b"hello, socket\n", f"curl got {body.stdout!r}")
        if shutil.which("nc"):
            subprocess.run(["nc", "-N", "::1", str(port)], input=b"from nc\n", timeout=30,
                           capture_output=True)
        app.wait_line(lambda l: l.startswith("close ") and "conn=" in l)
        code = app.stop(signal.SIGTERM)
        check(code == 0, f"exit {code} after SIGTERM: {app.stderr}")
        records = read_jsonl(export)
        accepts = [r for r in records if r["event"] == "accept"]
        check(len(accepts) >= 3, f"{len(accepts)} accepts recorded")
        first = accepts[0]["conn"]
        check(stream(records, first, "out") == RESPONSE, "reply bytes not captured exactly")
        check(stream(records, first, "in").startswith(b"GET /x HTTP/1.1\r\n"), "request missing")
        check(accepts[0]["peer"].startswith("[::1]:"), f"peer {accepts[0]['peer']}")
    print("reply + curl: ok")


main()
