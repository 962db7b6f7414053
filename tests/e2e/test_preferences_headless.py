"""Headless runs never read the window's preferences (issue 13): a script
gives the same result whatever the person set in File > Preferences."""
import os
import socket
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import Headless, check, read_jsonl, stream  # noqa: E402

PAYLOAD = b"kept whatever the preferences say\n" * 100


def main():
    with tempfile.TemporaryDirectory() as workdir:
        # Preferences that would change the outcome if read: keep nothing,
        # and a capture folder that does not exist.
        config = os.path.join(workdir, "config")
        os.makedirs(os.path.join(config, "SockScope"))
        with open(os.path.join(config, "SockScope", "sockscope.conf"), "w") as f:
            f.write("[preferences]\ncaptureBudget=1K\n"
                    f"captureDir={os.path.join(workdir, 'missing')}\nkeep=none\n")
        env = dict(os.environ, XDG_CONFIG_HOME=config, HOME=workdir)
        export = os.path.join(workdir, "session.jsonl")
        app = Headless("--listen", "127.0.0.1:0", "--respond", "discard", "--export", export,
                       env=env)
        port = app.listening_port()
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(PAYLOAD)
        s.close()
        app.wait_line(lambda l: l.startswith("close conn="))
        check(app.stop() == 0, f"exit code; stderr {app.stderr}")
        check("capture-failed" not in "\n".join(app.lines), f"capture failed: {app.lines}")
        check(not any(l.startswith("drop ") for l in app.lines), f"dropped: {app.lines}")
        records = read_jsonl(export)
        conn = next(r["conn"] for r in records if r["event"] == "accept")
        check(stream(records, conn, "in") == PAYLOAD, "payload not kept")
        # The run wrote nothing into the preferences either.
        with open(os.path.join(config, "SockScope", "sockscope.conf")) as f:
            check("recentSessions" not in f.read(), "headless touched the settings")
    print("headless ignores preferences: ok")


main()
