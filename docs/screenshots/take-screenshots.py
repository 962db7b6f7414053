#!/usr/bin/env python3
"""Takes the user guide's screenshots of the real window under Xvfb.

    python3 docs/screenshots/take-screenshots.py BUILD/app/sockscope [OUT_DIR]

Needs Xvfb, xdotool, ImageMagick (import, convert) and ss. Runs one session:
a listener on port 0, a client, text and hex sent, a half-close, an export
and the export opened again. The clicks assume the first-run layout of a
1280x800 screen (fresh settings, in a throwaway home), so look at every
picture after a change to the window before committing it.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import time

BINARY = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "sockscope"
OUT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(__file__))
DISPLAY = ":97"
# What the file dialogs show: a plain home, not a temporary directory.
HOME = "/tmp/sockscope-screenshots/home/demo"
ENV = dict(os.environ, DISPLAY=DISPLAY, QT_QPA_PLATFORM="xcb", HOME=HOME,
           XDG_CONFIG_HOME=HOME + "/.config", LANG="C.UTF-8")


def run(*args):
    return subprocess.run(args, env=ENV, capture_output=True, text=True).stdout


def windows():
    ids = run("xdotool", "search", "--onlyvisible", "--name", ".").split()
    return {w: run("xdotool", "getwindowname", w).strip() for w in ids}


def find(pattern, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        for w, name in windows().items():
            if re.search(pattern, name):
                return w
        time.sleep(0.1)
    raise RuntimeError(f"no window matching {pattern!r}: {windows()}")


def geometry(w):
    out = run("xwininfo", "-id", w)
    value = lambda k: int(re.search(k + r":\s+(-?\d+)", out).group(1))  # noqa: E731
    return (value("Absolute upper-left X"), value("Absolute upper-left Y"), value("Width"),
            value("Height"))


def key(*keys):
    for k in keys:
        run("xdotool", "key", "--clearmodifiers", k)
        time.sleep(0.2)


def type_text(text):
    run("xdotool", "type", "--delay", "25", text)
    time.sleep(0.3)


def click(x, y):
    run("xdotool", "mousemove", str(x), str(y), "click", "1")
    time.sleep(0.5)


def focus(w):
    run("xdotool", "windowfocus", w)
    time.sleep(0.3)


def shot(name, w=None, crop=None, border=False, settle=0.8):
    """The screen cropped to window w, or to crop=(x, y, width, height)."""
    time.sleep(settle)
    x, y, width, height = crop if crop else geometry(w)
    path = os.path.join(OUT, name)
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+{x}+{y}",
                    "+repage", path], env=ENV, check=True)
    if border:  # without a window manager dialogs have no frame
        subprocess.run(["convert", path, "-bordercolor", "#8a8a8a", "-border", "1", path],
                       check=True)
    print(name)


def listening_port(pid):
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if f"pid={pid}," in line:
            return int(line.split()[3].rsplit(":", 1)[1])
    raise RuntimeError("the listener is not listening")


def session(app):
    main = find("^SockScope$")
    focus(main)
    key("ctrl+l")
    dialog = find("Start listener")
    shot("listen-dialog.png", dialog, border=True)
    key("alt+Down")
    shot("listen-addresses.png", dialog, border=True)
    key("Escape", "Return")  # localhost, any free port, the default backlog
    time.sleep(1)

    port = listening_port(app.pid)
    focus(main)
    key("ctrl+n")
    dialog = find("Connect to a server")
    key("ctrl+a")
    type_text("127.0.0.1")
    key("Tab", "ctrl+a")
    type_text(str(port))
    shot("connect-dialog.png", dialog, border=True)
    key("Return")
    time.sleep(1.5)
    focus(main)
    shot("ephemeral-ports.png", crop=(6, 64, 677, 78), settle=2.5)  # after the new-row glow

    click(980, 405)  # the send box, the new client selected
    type_text("GET / HTTP/1.0")
    key("ctrl+Return")
    time.sleep(1)
    shot("send-text.png", main)
    click(60, 103)  # the accepted connection
    click(1122, 350)  # send mode...
    click(1115, 373)  # ...Hex
    click(980, 405)
    type_text("48 54 54 50 2f 31 2e 30 20 32 30 30 20 4f 4b 0d 0a 0d 0a 68 69 0a")
    key("ctrl+Return")
    time.sleep(1)
    click(900, 139)  # the chunk just sent
    shot("send-hex.png", main)

    click(60, 131)  # the client
    click(1058, 469)  # Half-close
    time.sleep(1)
    shot("half-close.png", main)
    click(60, 103)  # the accepted connection
    click(788, 503)  # Follow stream
    shot("follow-stream.png", main)
    click(1165, 73)  # All connections
    click(875, 503)  # Events
    shot("main-window.png", main)

    click(670, 38)  # Export session…
    dialog = find("Export session")
    x, y, width, _ = geometry(dialog)
    click(x + 310, y + 389)  # Files of type
    shot("export-formats.png", crop=(x, y + 340, 532, 126))
    key("Escape", "Return")  # the suggested JSON Lines file
    time.sleep(1)

    focus(main)
    key("ctrl+o")
    find("Open session")
    type_text(os.path.basename(sorted(glob.glob(HOME + "/Documents/SockScope/*.jsonl"))[-1]))
    key("Return")
    shot("read-only.png", find("read-only"), settle=2.5)


def main():
    shutil.rmtree(os.path.dirname(os.path.dirname(HOME)), ignore_errors=True)
    os.makedirs(HOME + "/Documents")
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app = None
    try:
        time.sleep(1)
        app = subprocess.Popen([BINARY], env=ENV, cwd=HOME, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        session(app)
    finally:
        if app:
            app.terminate()
            app.wait(timeout=10)
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(os.path.dirname(os.path.dirname(HOME)), ignore_errors=True)


main()
