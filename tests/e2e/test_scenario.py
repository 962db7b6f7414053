"""Scenarios (sockscope --run FILE, docs/scenario-format.md) against scripted
Python servers on loopback: a PJLink-style exchange (greeting, text, hex, a
regular expression, a pause, a half-close and the server's EOF) holds with
exit 0, one `ok` line per step and the step's name; a broken expectation
fails at the right offset with what was expected and what came, skips the
rest and sends nothing more (exit 3, and the --diff-report JSON); an
unreachable server gives exit 1; an expectation the server never meets
times out promptly (exit 3); files and library messages sent are the exact
bytes, their paths taken from the scenario's folder; a reset close reaches
the server as a reset; TLS with the scenario's CA holds and with the
system's does not (exit 1); --target replaces the file's address; hostile
files are refused with exit 2 before anything connects, naming the file and
the place, and a catastrophic regular expression does not hang the run."""
import json
import os
import queue
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, check  # noqa: E402

SANITIZED = bool(os.environ.get("SOCKSCOPE_SANITIZED"))
TIMEOUT = 30
SLOW = 4 if SANITIZED else 1  # the "promptly" bounds, stretched under sanitizers
MAX_READS = 100000  # a bound on every read loop, besides its socket timeout
MAX_CONNECTIONS = 20  # a bound on every accept loop
MIB = 1 << 20
# Some runs change the working directory: a relative path to the binary
# (build/app/sockscope) is taken from the one the script started in.
EXECUTABLE = os.path.abspath(BINARY) if os.sep in BINARY else BINARY

GREETING = b"PJLINK 0\r"
ANSWERS = {b"%1POWR 1": b"%1POWR=OK\r", b"%1POWR ?": b"%1POWR=1\r"}


# --- scripted servers ------------------------------------------------------

class Outcome:
    """What a server saw on one connection: the client's address, every byte
    received, and how the connection ended (eof, reset, or an error)."""

    def __init__(self, peer):
        self.peer = f"{peer[0]}:{peer[1]}"
        self.received = b""
        self.ending = None
        self.commands = []  # (line, time.monotonic() when it came)

    def __repr__(self):
        return f"<peer={self.peer} received={self.received!r} ending={self.ending}>"


class Server:
    """A listener on 127.0.0.1:0 (plain, or TLS with tls, an SSLContext); each
    connection runs serve(conn, outcome) on its own thread, and its Outcome is
    queued when the connection is over."""

    def __init__(self, serve, tls=None):
        self.serve = serve
        self.tls = tls
        self.listening = socket.create_server(("127.0.0.1", 0))
        self.port = self.listening.getsockname()[1]
        self.address = f"127.0.0.1:{self.port}"
        self.outcomes = queue.Queue()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        for _ in range(MAX_CONNECTIONS):
            try:
                conn, peer = self.listening.accept()
            except OSError:
                return
            threading.Thread(target=self._run, args=(conn, peer), daemon=True).start()

    def _run(self, conn, peer):
        outcome = Outcome(peer)
        conn.settimeout(TIMEOUT)
        try:
            if self.tls:
                conn = self.tls.wrap_socket(conn, server_side=True)
            self.serve(conn, outcome)
        except ConnectionResetError:
            outcome.ending = "reset"
        except ssl.SSLError as e:
            outcome.ending = f"tls error: {e}"
        except OSError as e:
            outcome.ending = f"error: {e!r}"
        finally:
            conn.close()
            self.outcomes.put(outcome)

    def outcome(self, timeout=TIMEOUT):
        """The next finished connection's Outcome."""
        try:
            return self.outcomes.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"server {self.address}: no connection ended within {timeout}s")

    def close(self):
        self.listening.close()


def chunks(conn, outcome):
    """The bytes the client sends, as they come, kept in outcome.received;
    ends at the client's FIN (outcome.ending = "eof")."""
    for _ in range(MAX_READS):
        data = conn.recv(65536)
        if not data:
            outcome.ending = "eof"
            return
        outcome.received += data
        yield data
    outcome.ending = "too many reads"


def pjlink(conn, outcome):
    """Greets, answers each CR-terminated command (a CRLF's LF is taken as
    part of the line ending), and closes after the client's FIN."""
    conn.sendall(GREETING)
    pending = b""
    for data in chunks(conn, outcome):
        pending += data
        while b"\r" in pending:
            line, pending = pending.split(b"\r", 1)
            outcome.commands.append((line.lstrip(b"\n"), time.monotonic()))
            conn.sendall(ANSWERS.get(line.lstrip(b"\n"), b"%1ERR1\r"))


def sink(conn, outcome):
    """Reads everything up to the client's FIN, then says how many bytes came."""
    for _ in chunks(conn, outcome):
        pass
    conn.sendall(b"got %d\r" % len(outcome.received))


def backtracker(conn, outcome):
    """Sends what makes (a+)+$ backtrack, then reads until the client ends."""
    conn.sendall(b"a" * 40 + b"b")
    for _ in chunks(conn, outcome):
        pass


def closed_port():
    """A port that was bound and closed: nothing listens there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- running scenarios -----------------------------------------------------

def write_file(folder, name, content):
    """content: a dict or list (written as JSON), str or bytes (as they are)."""
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    with open(path, "wb") as f:
        f.write(content)
    return path


def scenario(steps, **top):
    return {"sockscope_scenario": 1, **top, "steps": steps}


class Run:
    """One `sockscope --run`: exit code, stdout lines, stderr, seconds taken."""

    def __init__(self, env, path, *options, cwd=None):
        started = time.monotonic()
        result = subprocess.run([EXECUTABLE, "--run", path, *options], capture_output=True,
                                encoding="utf-8", errors="replace", timeout=TIMEOUT, cwd=cwd,
                                env=env)
        self.elapsed = time.monotonic() - started
        self.code = result.returncode
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.lines = result.stdout.splitlines()
        self.steps = [parse_step(line) for line in self.lines if line.startswith("step ")]

    def __repr__(self):
        return (f"exit {self.code} after {self.elapsed:.1f}s\nstdout:\n{self.stdout}"
                f"stderr:\n{self.stderr}")

    def last(self):
        """The fields of the last line, which must be the scenario's result."""
        check(self.lines and self.lines[-1].startswith("scenario result="),
              f"the last line is not the result line: {self}")
        return line_fields(self.lines[-1])


FIELD = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')
STEP = re.compile(r"step (\d+)/(\d+) (ok|fail|skipped) (\w+)(.*)$")


def line_fields(text):
    """key=value fields; a quoted value keeps its escapes but loses its quotes."""
    out = {}
    for key, value in FIELD.findall(text):
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = value[1:-1]
        out[key] = value
    return out


class Step:
    def __init__(self, line, number, total, result, kind, fields):
        self.line, self.number, self.total = line, number, total
        self.result, self.kind, self.fields = result, kind, fields

    def __repr__(self):
        return self.line


def parse_step(line):
    m = STEP.match(line)
    check(m is not None, f"not a step line: {line!r}")
    return Step(line, int(m[1]), int(m[2]), m[3], m[4], line_fields(m[5]))


def check_steps(run, kinds, results):
    """Every step has its line, in order, numbered N/TOTAL, of its kind, with
    its result; ms= on every step that ran and on no skipped one."""
    total = len(kinds)
    check(len(run.steps) == total, f"{len(run.steps)} step lines, want {total}: {run}")
    for i, (step, kind, result) in enumerate(zip(run.steps, kinds, results), 1):
        check((step.number, step.total, step.kind, step.result) == (i, total, kind, result),
              f"step {i}: want {i}/{total} {result} {kind}, got {step.line!r}\n{run}")
        if result == "skipped":
            check("ms" not in step.fields, f"a skipped step has ms=: {step.line!r}")
        else:
            check(step.fields.get("ms", "").isdigit(), f"no ms= on {step.line!r}")


def pjlink_steps(address, broken=False):
    """The spec's example, against address; broken expects ERR for OK."""
    return [
        {"connect": address},
        {"expect": "PJLINK 0\r", "name": "greeting"},
        {"send": "%1POWR 1\r", "name": "power on"},
        {"expect": "%1POWR=ERR\r" if broken else "%1POWR=OK\r"},
        {"wait": 200},
        {"send": {"hex": "25 31 50 4f 57 52 20 3f 0d"}},
        {"expect": {"regex": "%1POWR=[0-3]\\r"}, "timeout_ms": 1000},
        {"half_close": True},
        {"expect": {"eof": True}},
        {"close": True},
    ]


PJLINK_KINDS = ["connect", "expect", "send", "expect", "wait", "send", "expect", "half_close",
                "expect", "close"]


# --- cases -----------------------------------------------------------------

def pjlink_pass(env, workdir):
    """Case 1 and 3: every step holds, names shown, the report says pass."""
    server = Server(pjlink)
    path = write_file(workdir, "pjlink.json",
                      scenario(pjlink_steps(server.address), name="projector powers on",
                               timeout_ms=3000))
    report_path = os.path.join(workdir, "pass-report.json")
    run = Run(env, path, "--diff-report", report_path)
    check(run.code == 0, f"the PJLink scenario: {run}")
    check(run.lines[0] == f'scenario name="projector powers on" steps=10 '
                          f'target={server.address}', f"first line: {run.lines[0]!r}")
    check_steps(run, PJLINK_KINDS, ["ok"] * 10)
    last = run.last()
    check((last.get("result"), last.get("passed"), last.get("steps"), last.get("unread"))
          == ("pass", "10", "10", "0"), f"last line {run.lines[-1]!r}")
    check("failed_step" not in last, run.lines[-1])
    outcome = server.outcome()
    check(outcome.received == b"%1POWR 1\r%1POWR ?\r" and outcome.ending == "eof",
          f"the server saw {outcome}")
    steps = run.steps
    check(steps[0].fields.get("local") == outcome.peer,
          f"connect local= {steps[0].fields.get('local')}, the server saw {outcome.peer}")
    check(steps[2].fields.get("bytes") == "9" and steps[5].fields.get("bytes") == "9",
          f"send bytes=: {steps[2]!r} {steps[5]!r}")
    # The 200 ms wait lies between the answer to the first command and the
    # second: the server sees at least 200 ms between them.
    check(int(steps[4].fields["ms"]) >= 199, f"a 200 ms wait took {steps[4]!r}")
    gap = outcome.commands[1][1] - outcome.commands[0][1]
    check(gap >= 0.199, f"the server saw the commands {gap * 1000:.0f} ms apart, "
                        "across a 200 ms wait")
    server.close()
    with open(report_path) as f:
        report = json.load(f)
    check(report.get("sockscope_scenario_report") == 1 and report.get("result") == "pass",
          f"pass report {report}")
    print("PJLink scenario (text, hex, regex, wait, half_close, eof): exit 0, every step ok, "
          "unread=0: ok")

    # Case 3: names on their step lines, and only there.
    check(steps[1].fields.get("name") == "greeting" and 'name="greeting"' in steps[1].line,
          f"step 2 {steps[1]!r}")
    check(steps[2].fields.get("name") == "power on" and 'name="power on"' in steps[2].line,
          f"step 3 {steps[2]!r}")
    check(all("name" not in s.fields for i, s in enumerate(steps) if i not in (1, 2)),
          "a step without a name has name=")
    print('step names shown as name="..." on their lines: ok')


def pjlink_fail(env, workdir):
    """Case 2: a broken expectation, its offset, expected and got; the rest skipped."""
    server = Server(pjlink)
    path = write_file(workdir, "pjlink-broken.json",
                      scenario(pjlink_steps(server.address, broken=True), timeout_ms=3000))
    report_path = os.path.join(workdir, "fail-report.json")
    run = Run(env, path, "--diff-report", report_path)
    check(run.code == 3, f"the broken scenario: {run}")
    check_steps(run, PJLINK_KINDS, ["ok"] * 3 + ["fail"] + ["skipped"] * 6)
    failed = run.steps[3]
    # "%1POWR=" is 7 bytes: the first that cannot match is at offset 7.
    check(failed.fields.get("offset") == "7", f"offset (want 7): {failed!r}")
    check('expected="ERR\\r"' in failed.line, f"expected=: {failed!r}")
    check('got="OK\\r"' in failed.line, f"got=: {failed!r}")
    check(failed.fields.get("reason") == "differs", f"reason=: {failed!r}")
    last = run.last()
    check((last.get("result"), last.get("failed_step"), last.get("passed"), last.get("steps"))
          == ("fail", "4", "3", "10"), f"last line {run.lines[-1]!r}")
    check(last.get("unread", "").isdigit(), f"no unread= in {run.lines[-1]!r}")
    outcome = server.outcome()
    check(outcome.received == b"%1POWR 1\r", f"the skipped send went out: {outcome}")
    check(outcome.ending in ("eof", "reset"), f"the connection was not closed: {outcome}")
    server.close()
    with open(report_path) as f:
        report = json.load(f)
    check(report.get("sockscope_scenario_report") == 1, f"report version {report}")
    check(report.get("result") == "fail", f"report result {report}")
    check(str(report.get("scenario", "")).endswith("pjlink-broken.json"), f"report {report}")
    entry = next((s for s in report.get("steps", []) if s.get("step") == 4), None)
    check(entry is not None, f"step 4 missing from the report {report}")
    want = {"kind": "expect", "result": "fail", "offset": 7, "expected_hex": "45 52 52 0d",
            "got_hex": "4f 4b 0d", "expected_text": "ERR\\r", "got_text": "OK\\r",
            "reason": "differs"}
    for key, value in want.items():
        check(entry.get(key) == value, f"report step 4 {key}: {entry.get(key)!r}, want {value!r}")
    check(isinstance(entry.get("ms"), int), f"report step 4 ms: {entry}")
    print("a broken expectation: fail at offset 7 with expected/got, the rest skipped and not "
          "sent, exit 3, the diff report: ok")


def unreachable(env, workdir):
    """Case 4: nothing listens: exit 1, result=unreachable."""
    port = closed_port()
    # Refused at once: the step fails then, not when its timeout (3 s) runs out.
    path = write_file(workdir, "unreachable.json", scenario([
        {"connect": f"127.0.0.1:{port}", "timeout_ms": 3000}, {"expect": "PJLINK 0\r"},
        {"send": "%1POWR 1\r"}]))
    run = Run(env, path)
    check(run.code == 1, f"unreachable: {run}")
    check(run.elapsed < 2.5 * SLOW, f"a refused connect took {run.elapsed:.1f}s: {run}")
    check_steps(run, ["connect", "expect", "send"], ["fail", "skipped", "skipped"])
    check("refused" in run.steps[0].fields.get("reason", "").lower(),
          f"the reason does not say refused: {run.steps[0]!r}")
    last = run.last()
    check(last.get("result") == "unreachable" and last.get("passed") == "0"
          and last.get("steps") == "3", f"last line {run.lines[-1]!r}")
    print("an unreachable server: exit 1, result=unreachable, connection refused: ok")


def timeout(env, workdir):
    """Case 5: an expectation the server never meets, by the step's timeout_ms
    and by --expect-timeout."""
    server = Server(pjlink)
    steps = [{"connect": server.address}, {"expect": "PJLINK 0\r"},
             {"expect": "NEVER\r", "timeout_ms": 300}, {"send": "%1POWR 1\r"}]
    path = write_file(workdir, "timeout.json", scenario(steps))
    run = Run(env, path)
    check(run.code == 3, f"timeout: {run}")
    check(run.elapsed < 5 * SLOW, f"a 300 ms timeout took {run.elapsed:.1f}s")
    check_steps(run, ["connect", "expect", "expect", "send"], ["ok", "ok", "fail", "skipped"])
    reason = run.steps[2].fields.get("reason", "")
    check("timed out" in reason and "300 ms" in reason, f"reason: {run.steps[2]!r}")
    check(int(run.steps[2].fields["ms"]) >= 250, f"timed out early: {run.steps[2]!r}")
    check(run.last().get("failed_step") == "3", run.lines[-1])
    check(server.outcome().received == b"", "the skipped send went out")

    del steps[2]["timeout_ms"]
    path = write_file(workdir, "timeout-default.json", scenario(steps))
    run = Run(env, path, "--expect-timeout", "1")
    check(run.code == 3, f"--expect-timeout 1: {run}")
    check(run.elapsed < 6 * SLOW, f"a 1 s timeout took {run.elapsed:.1f}s")
    reason = run.steps[2].fields.get("reason", "") if len(run.steps) > 2 else ""
    check("timed out" in reason and "1000 ms" in reason, f"--expect-timeout 1: {run}")
    server.outcome()
    server.close()
    print("an expectation never met: timed out after its timeout_ms (and --expect-timeout), "
          "exit 3, promptly: ok")


def send_file_and_library(env, workdir):
    """Case 6: send file and send library, paths from the scenario's folder
    (sockscope runs elsewhere); the server receives the exact bytes."""
    folder = os.path.join(workdir, "scenarios")
    write_file(folder, "lib/messages.json", {"sockscopeMessages": 1, "messages": [
        {"name": "Power on", "format": "text", "text": "%1POWR 1", "lineEnding": "crlf"}]})
    write_file(folder, "data/query.txt", b"%1POWR ?\r")
    server = Server(pjlink)
    write_file(folder, "library.json", scenario([
        {"connect": server.address},
        {"expect": "PJLINK 0\r"},
        {"send": {"library": "Power on"}},
        {"expect": "%1POWR=OK\r"},
        {"send": {"file": "data/query.txt"}},
        {"expect": "%1POWR=1\r"},
        {"half_close": True},
        {"expect": {"eof": True}},
    ], library="lib/messages.json"))
    run = Run(env, os.path.join("scenarios", "library.json"), cwd=workdir)
    check(run.code == 0, f"library and file: {run}")
    check_steps(run, ["connect", "expect", "send", "expect", "send", "expect", "half_close",
                      "expect"], ["ok"] * 8)
    check(run.steps[2].fields.get("bytes") == "10" and run.steps[4].fields.get("bytes") == "9",
          f"bytes=: {run.steps[2]!r} {run.steps[4]!r}")
    outcome = server.outcome()
    check(outcome.received == b"%1POWR 1\r\n%1POWR ?\r" and outcome.ending == "eof",
          f"library (CRLF) and file: the server saw {outcome}")
    server.close()

    payload = os.urandom(256 * 1024)
    write_file(folder, "data/payload.bin", payload)
    server = Server(sink)
    write_file(folder, "file.json", scenario([
        {"connect": server.address},
        {"send": {"file": "data/payload.bin"}},
        {"half_close": True},
        {"expect": "got %d\r" % len(payload)},
        {"expect": {"eof": True}},
    ]))
    run = Run(env, os.path.join("scenarios", "file.json"), cwd=workdir)
    check(run.code == 0, f"a 256 KiB file: {run}")
    check(run.steps[1].fields.get("bytes") == str(len(payload)), f"bytes=: {run.steps[1]!r}")
    outcome = server.outcome()
    check(outcome.received == payload,
          f"the server got {len(outcome.received)} bytes, not the file's {len(payload)}")
    server.close()
    print("send library (CRLF) and send file, relative to the scenario's folder: "
          "the exact bytes: ok")


def reset(env, workdir):
    """Case 7: close "reset" reaches the server as a reset."""
    server = Server(pjlink)
    path = write_file(workdir, "reset.json", scenario([
        {"connect": server.address}, {"expect": "PJLINK 0\r"}, {"send": "%1POWR 1\r"},
        {"expect": "%1POWR=OK\r"}, {"close": "reset"}]))
    run = Run(env, path)
    check(run.code == 0, f"reset: {run}")
    check_steps(run, ["connect", "expect", "send", "expect", "close"], ["ok"] * 5)
    outcome = server.outcome()
    check(outcome.ending == "reset", f"the server saw no reset: {outcome}")
    server.close()
    print('close "reset": the server\'s recv gets ECONNRESET: ok')


def make_cert(folder):
    cert = os.path.join(folder, "cert.pem")
    key = os.path.join(folder, "key.pem")
    result = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-days", "1"], capture_output=True, text=True, timeout=TIMEOUT)
    check(result.returncode == 0, f"openssl req failed: {result.stderr}")
    return cert, key


def tls(env, workdir):
    """Case 8: TLS trusting the scenario's CA holds; the system's does not."""
    folder = os.path.join(workdir, "tls")
    os.mkdir(folder)
    cert, key = make_cert(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Server(pjlink, tls=context)
    steps = [{"expect": "PJLINK 0\r"}, {"send": "%1POWR 1\r"}, {"expect": "%1POWR=OK\r"},
             {"close": True}]
    path = write_file(folder, "tls.json", scenario(
        [{"connect": server.address, "tls": {"ca": "cert.pem", "sni": "localhost"}}, *steps]))
    # The CA's path is written relative to the scenario's folder; run there,
    # so that it resolves whichever way it is taken.
    run = Run(env, path, cwd=folder)
    check(run.code == 0, f"TLS with the scenario's CA: {run}")
    check_steps(run, ["connect", "expect", "send", "expect", "close"], ["ok"] * 5)
    outcome = server.outcome()
    check(outcome.received == b"%1POWR 1\r", f"the TLS server saw {outcome}")
    print("TLS with the scenario's CA and SNI: exit 0: ok")

    # The certificate is refused during the handshake: the step fails then,
    # for that reason, not when its timeout (3 s here) runs out.
    path = write_file(folder, "tls-system.json", scenario(
        [{"connect": server.address, "tls": True, "timeout_ms": 3000}, *steps]))
    run = Run(env, path, cwd=folder)
    check(run.code == 1, f"TLS against the system's CAs: {run}")
    check_steps(run, ["connect", "expect", "send", "expect", "close"],
                ["fail"] + ["skipped"] * 4)
    check(run.last().get("result") == "unreachable", run.lines[-1])
    reason = run.steps[0].fields.get("reason", "")
    check(reason and "timed out" not in reason,
          f"a refused certificate is reported as {reason!r}: {run}")
    check(run.elapsed < 2.5 * SLOW, f"a refused certificate took {run.elapsed:.1f}s: {run}")
    outcome = server.outcome()
    check(outcome.received == b"", f"bytes went over an unverified connection: {outcome}")
    server.close()
    print("TLS with the system's CAs (self-signed): verification fails, exit 1: ok")


def target(env, workdir):
    """Case 10: --target replaces the file's address."""
    server = Server(pjlink)
    dead = f"127.0.0.1:{closed_port()}"
    path = write_file(workdir, "target.json", scenario([
        {"connect": dead}, {"expect": "PJLINK 0\r"}, {"send": "%1POWR 1\r"},
        {"expect": "%1POWR=OK\r"}]))
    run = Run(env, path, "--target", server.address)
    check(run.code == 0, f"--target: {run}")
    check(run.lines[0].endswith(f"target={server.address}") and dead not in run.lines[0],
          f"first line {run.lines[0]!r}")
    check_steps(run, ["connect", "expect", "send", "expect"], ["ok"] * 4)
    outcome = server.outcome()
    check(outcome.received == b"%1POWR 1\r", f"--target: the server saw {outcome}")
    server.close()
    print("--target replaces the file's address: ok")


def hostile_files(env, workdir):
    """Case 9: each unusable file exits 2 at once, naming the file and the
    place, and nothing connects."""
    folder = os.path.join(workdir, "hostile")
    sentinel = socket.create_server(("127.0.0.1", 0))  # never accepts: connections stay queued
    address = f"127.0.0.1:{sentinel.getsockname()[1]}"
    connect = {"connect": address}
    write_file(folder, "messages.json", {"sockscopeMessages": 1, "messages": [
        {"name": "Power on", "format": "text", "text": "%1POWR 1", "lineEnding": "crlf"}]})
    # The faulty step is the second: steps[1] counted from 0, steps[2] from 1.
    second = ("steps[1]", "steps[2]")
    cases = [
        ("not-json.json", '{"sockscope_scenario": 1, "steps": [', []),
        ("version-2.json", {"sockscope_scenario": 2, "steps": [connect]}, ["sockscope_scenario"]),
        ("no-steps.json", {"sockscope_scenario": 1}, ["steps"]),
        ("two-actions.json", scenario([connect, {"send": "x", "expect": "y"}]), [second]),
        ("wait-string.json", scenario([connect, {"wait": "1s"}]), [second, "wait"]),
        ("connect-second.json", scenario([{"send": "x"}, connect]), ["steps[", "connect"]),
        ("two-connects.json", scenario([connect, connect]), ["steps[", "connect"]),
        ("bad-regex.json", scenario([connect, {"expect": {"regex": "("}}]), [second, "regex"]),
        ("bad-hex.json", scenario([connect, {"send": {"hex": "zz"}}]), [second, "hex"]),
        ("missing-file.json", scenario([connect, {"send": {"file": "not-here.bin"}}]),
         ["not-here.bin"]),
        ("unknown-message.json", scenario([connect, {"send": {"library": "Power off"}}],
                                          library="messages.json"), ["Power off"]),
        ("huge.json", scenario([connect], name="x" * (20 * MIB)), []),
        ("many-steps.json", scenario([connect] + [{"wait": 0}] * 19999), ["steps"]),
        ("unknown-key.json", scenario([connect], descripton="misspelt"), ["descripton"]),
    ]
    for name, content, needles in cases:
        path = write_file(folder, name, content)
        run = Run(env, path)
        check(run.code == 2, f"{name}: {run}")
        check(run.elapsed < 5 * SLOW, f"{name}: refused after {run.elapsed:.1f}s")
        check(name in run.stderr, f"{name}: stderr does not name the file: {run.stderr!r}")
        for needle in needles:
            options = needle if isinstance(needle, tuple) else (needle,)
            check(any(o in run.stderr for o in options),
                  f"{name}: stderr lacks {' or '.join(options)}: {run.stderr!r}")
        check(not run.steps, f"{name}: steps ran: {run}")
    sentinel.setblocking(False)
    try:
        sentinel.accept()[0].close()
        check(False, "a refused file connected before it was refused")
    except BlockingIOError:
        pass
    sentinel.close()
    print(f"{len(cases)} hostile files: exit 2 at once, the file and the place named, "
          "nothing connected: ok")


def catastrophic_regex(env, workdir):
    """Case 9, last: (a+)+$ against 40 a's and a b fails; it does not hang."""
    server = Server(backtracker)
    path = write_file(workdir, "backtrack.json", scenario([
        {"connect": server.address}, {"expect": {"regex": "(a+)+$"}, "timeout_ms": 2000},
        {"close": True}]))
    run = Run(env, path)
    check(run.code == 3, f"catastrophic regex: {run}")
    check(run.elapsed < 10 * SLOW, f"catastrophic regex took {run.elapsed:.1f}s")
    check_steps(run, ["connect", "expect", "close"], ["ok", "fail", "skipped"])
    server.outcome()
    server.close()
    print(f"a catastrophic regular expression fails the step in {run.elapsed:.1f}s, "
          "exit 3: ok")


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir:
        # Settings and data of every sockscope here stay in workdir.
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(workdir, "config"),
                   XDG_DATA_HOME=os.path.join(workdir, "data"))
        pjlink_pass(env, workdir)
        pjlink_fail(env, workdir)
        unreachable(env, workdir)
        timeout(env, workdir)
        send_file_and_library(env, workdir)
        reset(env, workdir)
        tls(env, workdir)
        target(env, workdir)
        hostile_files(env, workdir)
        catastrophic_regex(env, workdir)
    print(f"scenario: ok in {time.monotonic() - started:.1f}s")


main()
