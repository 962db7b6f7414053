"""sockscope --import FILE in window mode, under a real X server (Xvfb):
a good session opens read-only in a window of its own beside the live one;
a damaged one opens no such window and an error dialog says why."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, check  # noqa: E402

HEADER = ('{"ts":"2026-11-25T12:50:00.000000Z","event":"header",'
          '"format":"sockscope-session","version":1}\n')
LISTEN = ('{"ts":"2026-11-25T12:47:26.124456Z","seq":1,"event":"listen","listener":1,'
          '"local":"127.0.0.1:8080","backlog":1024,"responder":"echo"}\n')


def free_display():
    for number in range(140, 190):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and \
                not os.path.exists(f"/tmp/.X{number}-lock"):
            return f":{number}"
    raise AssertionError("no free X display number")


def wait_for(what, predicate, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def window_names(env):
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True,
                          text=True).stdout
    return [line.split('"')[1] for line in tree.splitlines() if line.count('"') >= 2]


def run_import(env, path, expect_window):
    app = subprocess.Popen([BINARY, "--import", path], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    def shown():
        names = window_names(env)
        return names if any(expect_window in name for name in names) else None
    try:
        names = wait_for(expect_window, shown)
        check(app.poll() is None, "the app died")
        return names
    finally:
        app.terminate()
        app.wait(timeout=10)


def main():
    for tool in ("Xvfb", "xwininfo"):
        if not shutil.which(tool):
            print(f"{tool} missing: skipped")
            return
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    try:
        wait_for("the X server", lambda: os.path.exists(f"/tmp/.X11-unix/X{display[1:]}"))
        with tempfile.TemporaryDirectory() as home:
            env["XDG_CONFIG_HOME"] = home
            good = os.path.join(home, "saved.jsonl")
            with open(good, "w") as f:
                f.write(HEADER + LISTEN)
            names = run_import(env, good, "SockScope — saved.jsonl (read-only)")
            check("SockScope" in names, f"no live window beside the saved one: {names}")

            bad = os.path.join(home, "damaged.jsonl")
            with open(bad, "w") as f:
                f.write(HEADER + LISTEN + '{"ts":\n')
            names = run_import(env, bad, "Cannot open session")
            check(not any("read-only" in name for name in names),
                  f"a damaged file opened a window: {names}")
            print("window import: ok")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


main()
