"""Bad arguments and failures: clear messages and the documented exit codes."""
import os
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check  # noqa: E402


def run(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=30)


def main():
    version = run("--version")
    check(version.returncode == 0 and version.stdout.startswith("sockscope "), version.stdout)
    helptext = run("--help")
    check(helptext.returncode == 0 and "--listen" in helptext.stdout, "help lacks --listen")

    for args, needle in [
        (["--headless", "--listen", "nonsense"], "no port"),
        (["--headless", "--listen", "127.0.0.1:70000"], "70000"),
        (["--headless", "--listen", "bogus-host:0"], "bogus-host"),
        (["--headless", "--respond", "shout"], "shout"),
        (["--headless", "--respond", "forward:[::1]"], "[::1]"),
        (["--headless", "--respond", "forward:127.0.0.1:9", "--rewrite", "r/(/x/"], "regular"),
        (["--headless", "--backlog", "x"], "--backlog"),
        (["--headless", "--no-such-option"], "no-such-option"),
        (["--headless", "--connect", "127.0.0.1:0"], "port 0"),
    ]:
        result = run(*args)
        check(result.returncode == 2, f"{args}: exit {result.returncode}, want 2")
        check(needle in result.stderr, f"{args}: stderr {result.stderr!r} lacks {needle!r}")

    # Port in use: a clear message naming the port, and a non-zero exit.
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    port = blocker.getsockname()[1]
    app = Headless("--listen", f"127.0.0.1:{port}")
    code = app.finish()
    check(code == 1, f"listen on a used port exited {code}, want 1")
    check(str(port) in app.stderr and "in use" in app.stderr, f"stderr: {app.stderr!r}")
    blocker.close()

    # Refused connect: nothing started, exit 1, the reason named.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    free_port = probe.getsockname()[1]
    probe.close()
    app = Headless("--connect", f"127.0.0.1:{free_port}")
    code = app.finish()
    check(code == 1, f"refused connect exited {code}, want 1")
    check("ECONNREFUSED" in app.stderr, f"stderr: {app.stderr!r}")
    print("cli errors: ok")


main()
