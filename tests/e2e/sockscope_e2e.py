"""Shared helpers for the end-to-end tests: run the real sockscope
executable headless and read its event lines."""
import atexit
import base64
import json
import queue
import signal
import subprocess
import sys
import threading
import time

BINARY = sys.argv[1] if len(sys.argv) > 1 else "sockscope"
DEADLINE_S = 30


_started = []


@atexit.register
def _kill_leftovers():
    """A failed check must not leave a listener running on the machine."""
    for proc in _started:
        if proc.poll() is None:
            proc.kill()


class Headless:
    """sockscope --headless ..., with its stdout lines collected on a thread."""

    def __init__(self, *args, **popen_options):
        self.proc = subprocess.Popen([BINARY, "--headless", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, **popen_options)
        _started.append(self.proc)
        self.lines = []
        self._queue = queue.Queue()
        self._stderr = []
        threading.Thread(target=self._pump, daemon=True).start()
        # Drained all along: a full stderr pipe would block the app.
        self._stderr_thread = threading.Thread(
            target=lambda: self._stderr.extend(self.proc.stderr), daemon=True)
        self._stderr_thread.start()

    def _pump(self):
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_line(self, predicate, timeout=DEADLINE_S):
        """The first line (seen so far or later) that satisfies predicate."""
        for line in self.lines:
            if predicate(line):
                return line
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self._queue.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if predicate(line):
                return line
        raise AssertionError(f"no matching line within {timeout}s; got: {self.lines}")

    def wait_count(self, predicate, count, timeout=DEADLINE_S):
        """Waits until count lines satisfy predicate; returns how many did."""
        end = time.monotonic() + timeout
        seen = sum(1 for line in self.lines if predicate(line))
        while seen < count and time.monotonic() < end:
            try:
                line = self._queue.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            seen += 1 if predicate(line) else 0
        return seen

    def listening_port(self):
        line = self.wait_line(lambda l: l.startswith("listening "))
        return int(line.split()[1].rsplit(":", 1)[1])

    def stop(self, sig=signal.SIGINT):
        self.proc.send_signal(sig)
        return self.finish()

    def finish(self, timeout=DEADLINE_S):
        code = self.proc.wait(timeout=timeout)
        # drain what remains
        while True:
            try:
                line = self._queue.get(timeout=1)
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
        self._stderr_thread.join(timeout=timeout)
        self.stderr = "".join(self._stderr)
        return code


def fields(line):
    """key=value fields of an event line (values without spaces)."""
    out = {}
    for token in line.split()[1:]:
        if "=" in token:
            key, value = token.split("=", 1)
            out[key] = value
    return out


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    return records


def stream(records, conn, direction):
    return b"".join(base64.b64decode(r["data"]) for r in records
                    if r["event"] == "data" and r["conn"] == conn and r["dir"] == direction)


def check(condition, message):
    if not condition:
        raise AssertionError(message)
