#!/usr/bin/env python3
"""Takes the user guide's screenshots of the real window under Xvfb.

    python3 docs/screenshots/take-screenshots.py BUILD/app/sockscope [OUT_DIR]

Needs Xvfb, xdotool, ImageMagick (import, convert) and ss. Runs one session:
a listener on port 0, a client, text and hex sent, a half-close, an export
and the export opened again. It uses the window's keys where it can; the few
clicks left (the constants above session()) assume the first-run layout of a
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


# Where to click in the main window of a 1280x800 screen (its first-run
# layout). Keys are used where the window has them; these are the rest.
ROW_ACCEPTED = (60, 103)  # the connections list: the listener's accepted connection
ROW_CLIENT = (60, 131)  # ... and the client under Outgoing clients
ALL_CONNECTIONS = (1165, 73)  # the checkbox above the traffic table
TRAFFIC_ROW_2 = (900, 139)  # the traffic table's second row
SEND_MODE_TEXT = (1122, 350)  # the send box's Text/Hex/File list in Text mode
SEND_MODE_HEX = (1245, 350)  # ... in Hex mode (no line ending list beside it)
SEND_BOX = (980, 392)  # the text to send
HALF_CLOSE = (1058, 467)
TAB_DETAILS = (720, 503)  # the detail tabs
TAB_FOLLOW = (855, 503)
TAB_EVENTS = (941, 503)


def session(app):
    main = find("^SockScope$")
    focus(main)
    shot("empty-state.png", main)  # the first-run list, before any socket
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
    shot("ephemeral-ports.png", crop=(6, 64, 677, 80), settle=2.5)  # after the new-row glow

    click(*SEND_BOX)  # the new client is selected
    type_text("GET / HTTP/1.0")
    key("ctrl+Return")
    time.sleep(1)
    shot("send-text.png", main)
    click(*ROW_ACCEPTED)
    click(*SEND_MODE_TEXT)
    key("Down", "Return")  # Hex, picked in the list's popup
    click(*SEND_BOX)
    type_text("48 54 54 50 2f 31 2e 30 20 32 30 30 20 4f 4b 0d 0a 0d 0a 68 69 0a")
    key("ctrl+Return")
    time.sleep(1)
    click(*TRAFFIC_ROW_2)  # the chunk just sent: the Hex tab comes up
    shot("send-hex.png", main)
    click(*TAB_DETAILS)
    shot("details-tab.png", main)

    click(*ROW_CLIENT)
    click(*HALF_CLOSE)
    time.sleep(1)
    shot("half-close.png", main)
    click(*ROW_ACCEPTED)
    click(*TAB_FOLLOW)
    shot("follow-stream.png", main)
    click(*ALL_CONNECTIONS)
    click(*TAB_EVENTS)
    shot("main-window.png", main)

    # A few more chunks, from the accepted connection (the client half-closed,
    # the peer still may send), for the filter bar to find some of them.
    click(*ROW_ACCEPTED)
    click(*SEND_MODE_HEX)
    key("Up", "Return")  # Text
    click(*SEND_BOX)
    key("ctrl+a")
    type_text("ping")
    for _ in range(3):
        key("ctrl+Return")
        time.sleep(0.5)
    focus(main)  # All connections is still on
    key("ctrl+f")
    type_text("ping")
    shot("filter-bar.png", main, settle=1.5)
    key("Escape")

    focus(main)
    key("ctrl+s")  # Export session…
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
    saved = find("read-only")
    # It opens cascaded from the first window, partly off this small screen.
    time.sleep(1)
    run("xdotool", "windowmove", saved, "0", "0")
    shot("read-only.png", saved, settle=2.5)


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
