"""Smoke test of the real window: sockscope under a real X server (Xvfb),
a listener from the command line, a real client connecting to it, then a
screenshot that must show a window that is not blank."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, check  # noqa: E402


def free_display():
    for number in range(90, 140):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and \
                not os.path.exists(f"/tmp/.X{number}-lock"):
            return f":{number}"
    raise AssertionError("no free X display number")


def listening_ports_of(pid):
    """Ports of the LISTEN sockets that process pid owns, from /proc."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for row in f.readlines()[1:]:
                cols = row.split()
                if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                    ports.append(int(cols[1].rsplit(":", 1)[1], 16))
    return ports


def wait_for(what, predicate, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def main():
    for tool in ("Xvfb", "import", "xwininfo", "convert"):
        if not shutil.which(tool):
            print(f"{tool} missing: skipped")
            return
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    app = None
    try:
        wait_for("the X server", lambda: os.path.exists(f"/tmp/.X11-unix/X{display[1:]}"))
        with tempfile.TemporaryDirectory() as home:
            env["XDG_CONFIG_HOME"] = home  # fresh settings: default geometry
            app = subprocess.Popen([BINARY, "--listen", "127.0.0.1:0", "--respond", "echo"],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            port = wait_for("the listener", lambda: (listening_ports_of(app.pid) or [0])[0])
            client = socket.create_connection(("127.0.0.1", port), timeout=10)
            client.sendall(b"hello from a real client\n")
            check(client.recv(100) == b"hello from a real client\n", "no echo")

            def window_listed():
                tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env,
                                      capture_output=True, text=True).stdout
                return "SockScope" in tree
            wait_for("the SockScope window", window_listed)
            shot = os.path.join(tempfile.gettempdir(), f"sockscope-smoke-{os.getpid()}.png")

            def screenshot_spread():
                subprocess.run(["import", "-window", "root", shot], env=env, check=True,
                               timeout=30)
                spread = subprocess.run(["convert", shot, "-colorspace", "gray", "-format",
                                         "%[fx:standard_deviation]", "info:"],
                                        capture_output=True, text=True, check=True).stdout
                return float(spread) if float(spread) > 0.02 else None
            # A blank screen never passes; a painted window does within the timeout.
            spread = wait_for("a screenshot that is not blank", screenshot_spread)
            client.close()
            check(app.poll() is None, "the app died during the smoke test")
            print(f"window smoke: ok (screenshot {shot}, stddev {spread})")
    finally:
        if app and app.poll() is None:
            app.terminate()
            app.wait(timeout=10)
        xvfb.terminate()
        xvfb.wait(timeout=10)


main()
