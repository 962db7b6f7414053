"""The rules responder (--respond rules:FILE, docs/rules-format.md) between
real Python peers on loopback: a line protocol whose pieces straddle
writes, a greeting, replies that close, half-close and reset, cycles that
wrap, macros (captures, counters, the peer, the clock, random bytes),
ignore_case, all/any/not, delays that keep their order, binary framings
(length prefixes both ways, delimiters) with hex replies, messages over
1 MiB, the rules seen through TLS, the headless `rule` lines and the
recording's `rule` events; hostile rules files fail at start with exit
code 2 and name the file, and a catastrophic regex does not stop the
listener from serving."""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, fields, read_jsonl  # noqa: E402

SANITIZED = bool(os.environ.get("SOCKSCOPE_SANITIZED"))
TIMEOUT = 30
QUIET_S = 0.3      # how long "nothing else arrives" is watched
PIECE_PAUSE_S = 0.05  # between the pieces of one message (part of the test)
MAX_READS = 100000  # a bound on every read loop, besides its deadline
MIB = 1 << 20


# --- helpers ---------------------------------------------------------------

def write_rules(workdir, name, rules):
    """rules is a dict or list (written as JSON) or str (written as is)."""
    path = os.path.join(workdir, name)
    if isinstance(rules, (dict, list)):
        rules = json.dumps(rules, ensure_ascii=False)
    if isinstance(rules, str):
        rules = rules.encode("utf-8")
    with open(path, "wb") as f:
        f.write(rules)
    return path


def responder(path, *extra, **popen_options):
    app = Headless("--listen", "127.0.0.1:0", "--respond", f"rules:{path}", *extra,
                   **popen_options)
    return app, app.listening_port()


class Client:
    """A loopback client with its own receive buffer; every read is bounded in
    count and time."""

    def __init__(self, port, sock=None):
        self.sock = sock or socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.port = self.sock.getsockname()[1]
        self.address = f"127.0.0.1:{self.port}"
        self.buffer = b""
        self.eof = False

    def send(self, data):
        self.sock.sendall(data)

    def send_pieces(self, pieces):
        for i, piece in enumerate(pieces):
            if i:
                time.sleep(PIECE_PAUSE_S)
            self.sock.sendall(piece)

    def _fill(self, enough, timeout):
        end = time.monotonic() + timeout
        for _ in range(MAX_READS):
            if enough() or self.eof or time.monotonic() >= end:
                return
            self.sock.settimeout(max(0.01, end - time.monotonic()))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return
            if not chunk:
                self.eof = True
                return
            self.buffer += chunk

    def read_exact(self, n, timeout=TIMEOUT):
        self._fill(lambda: len(self.buffer) >= n, timeout)
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def read_until(self, terminator, timeout=TIMEOUT):
        self._fill(lambda: terminator in self.buffer, timeout)
        if terminator not in self.buffer:
            out, self.buffer = self.buffer, b""
            return out
        cut = self.buffer.index(terminator) + len(terminator)
        out, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return out

    def expect(self, want, what, timeout=TIMEOUT):
        got = self.read_exact(len(want), timeout)
        check(got == want, f"{what}: got {got!r}, want {want!r}")

    def expect_quiet(self, what, seconds=QUIET_S):
        """Nothing more arrives within seconds (and the connection stays open)."""
        check(not self.buffer, f"{what}: unexpected bytes {self.buffer!r}")
        self.sock.settimeout(seconds)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            return
        check(False, f"{what}: unexpected {'EOF' if not chunk else repr(chunk)} "
                     f"within {seconds}s")

    def expect_no_answer(self, what, seconds=QUIET_S):
        """No bytes within seconds; the connection may stay open or end (the
        spec only says the responder stops answering)."""
        check(not self.buffer, f"{what}: unexpected bytes {self.buffer!r}")
        self.sock.settimeout(seconds)
        try:
            chunk = self.sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            return
        check(not chunk, f"{what}: unexpected {chunk!r}")

    def expect_eof(self, what, timeout=TIMEOUT):
        self._fill(lambda: False, timeout)
        check(self.eof and not self.buffer,
              f"{what}: want EOF, got {self.buffer!r} (eof={self.eof})")

    def conn(self, app):
        """The connection id SockScope gave this client (from its accept line)."""
        line = app.wait_line(lambda l: l.startswith("accept ")
                             and fields(l).get("peer") == self.address)
        return fields(line)["conn"]

    def close(self):
        self.sock.close()


def rule_line(app, conn, index, timeout=TIMEOUT):
    line = app.wait_line(lambda l: l.startswith("rule ") and fields(l).get("conn") == conn
                         and fields(l).get("index") == str(index), timeout=timeout)
    return fields(line)["rule"]


def expect_rule(app, conn, index, name):
    got = rule_line(app, conn, index)
    check(got == name, f"rule line conn={conn} index={index}: rule={got}, want {name}")


def stopped_line(app, conn, timeout=10):
    """The rule line of a responder that stopped answering conn: rule=none
    with a message saying why (framing failed)."""
    line = app.wait_line(lambda l: l.startswith("rule ") and fields(l).get("conn") == conn
                         and 'message="framing stopped: ' in l, timeout=timeout)
    check(fields(line)["rule"] == "none", line)
    return line


# --- rules files -----------------------------------------------------------

LINE_RULES = {
    "sockscope_rules": 1,
    "framing": "line",
    "greeting": {"text": "220 ready\r\n"},
    "rules": [
        {"name": "login", "when": {"regex": "^LOGIN (?<user>\\w+)$"},
         "reply": {"text": "HELLO ${user}\r\n"}},
        {"name": "quit", "when": {"equals": "QUIT", "ignore_case": True},
         "reply": {"text": "BYE\r\n", "then": "close"}},
        {"name": "half", "when": {"equals": "HALF"},
         "reply": {"text": "half\r\n", "then": "half-close"}},
        {"name": "boom", "when": {"starts_with": "BOOM"}, "reply": {"then": "reset"}},
        {"name": "ping", "when": {"any": [{"equals": "PING"}, {"hex_equals": "00 ff"}]},
         "reply": [{"text": "PONG 1\r\n"}, {"text": "PONG 2\r\n"}, {"text": "PONG 3\r\n"}]},
        {"name": "whoami", "when": {"equals": "WHOAMI"},
         "reply": {"text": "you are ${peer} on ${conn}\r\n"}},
        {"name": "swap", "when": {"regex": "^SWAP (\\w+) (?<second>\\w+)$"},
         "reply": {"text": "${2} ${1} ${second} [${0}] <${message}>\r\n"}},
        {"name": "hi", "when": {"regex": "^hello\\b", "ignore_case": True},
         "reply": {"text": "hi\r\n"}},
        {"name": "all", "when": {"all": [{"starts_with": "X"}, {"ends_with": "Y"},
                                         {"not": {"contains": "no", "ignore_case": True}}]},
         "reply": {"text": "all\r\n"}},
        {"name": "nested", "when": {"all": [{"regex": "^GET (?<key>\\w+)"},
                                            {"any": [{"regex": "=\\d+$"}, {"ends_with": "?"}]}]},
         "reply": {"text": "key=${key}\r\n"}},
        {"name": "secret", "when": {"contains": "secret"}, "reply": {"text": "found\r\n"}},
        {"name": "utf8", "when": {"equals": "CAF\u00c9"},
         "reply": {"text": "caf\u00e9\t$${literal}\r\n"}},
        {"name": "slow", "when": {"equals": "SLOW"},
         "reply": {"text": "slow\r\n", "delay_ms": 500}},
        {"name": "fast", "when": {"equals": "FAST"}, "reply": {"text": "fast\r\n"}},
        {"name": "later", "when": {"equals": "LATER"},
         "reply": {"text": "later\r\n", "delay_ms": 800}},
        {"name": "clock", "when": {"equals": "NOW"},
         "reply": {"text": "${random:4}|${date} ${time} ${unix} ${uuid}\n"}},
    ],
    "default": {"text": "ERR unknown command #${conn_counter}\r\n"},
}

COUNTER_RULES = {
    "sockscope_rules": 1,
    "rules": [
        {"when": {"equals": "COUNT"}, "reply": {"text": "${counter}/${conn_counter}\n"}},
        {"name": "peer", "when": {"equals": "PEER"}, "reply": {"text": "${peer}\n"}},
    ],
}

BINARY_RULES = {
    "sockscope_rules": 1,
    "framing": {"length_prefix": 2, "big_endian": True},
    "rules": [
        {"name": "ping", "when": {"hex_equals": "00 ff"}, "reply": {"hex": "00 02 ff 00"}},
        {"name": "newlines", "when": {"hex_equals": "0a0d0a"}, "reply": {"hex": "0001 0a"}},
        {"name": "get", "when": {"regex": "^GET (?<key>\\w\\w)$"},
         "reply": {"text": "\u0000\u0004V:${key}"}},
    ],
    "default": [{"hex": "00 01 e1"}, {"hex": "0001e2"}],
}

LITTLE_ENDIAN_RULES = {
    "sockscope_rules": 1,
    "framing": {"length_prefix": 4, "big_endian": False},
    "rules": [{"name": "abc", "when": {"hex_equals": "01 02 03"}, "reply": {"hex": "aa"}}],
}

DELIMITER_RULES = {
    "sockscope_rules": 1,
    "framing": {"delimiter": "||"},
    "rules": [{"name": "a", "when": {"equals": "a"}, "reply": {"text": "A;"}}],
    "default": {"text": "?${message};"},
}

DELIMITER_HEX_RULES = {
    "sockscope_rules": 1,
    "framing": {"delimiter_hex": "00"},
    "rules": [{"name": "a", "when": {"equals": "a\nb"}, "reply": {"hex": "41 00"}}],
}

CATASTROPHIC_RULES = {
    "sockscope_rules": 1,
    "rules": [
        {"name": "evil", "when": {"regex": "^(a+)+$"}, "reply": {"text": "evil\n"}},
        {"name": "ping", "when": {"equals": "PING"}, "reply": {"text": "PONG\n"}},
    ],
}


# --- cases -----------------------------------------------------------------

def line_protocol(workdir):
    record = os.path.join(workdir, "line.jsonl")
    app, port = responder(write_rules(workdir, "line.json", LINE_RULES), "--record", record)

    # The greeting comes before anything is sent.
    a = Client(port)
    a.expect(b"220 ready\r\n", "greeting")
    conn_a = a.conn(app)
    expect_rule(app, conn_a, 0, "greeting")

    # LOGIN bob in three pieces: one answer, nothing more.
    a.send_pieces([b"LOG", b"IN b", b"ob\r\n"])
    a.expect(b"HELLO bob\r\n", "LOGIN bob in three pieces")
    a.expect_quiet("after HELLO bob")
    expect_rule(app, conn_a, 1, "login")
    # "\r" and "\n" in different writes are still one terminator.
    a.send_pieces([b"LOGIN carol\r", b"\n"])
    a.expect(b"HELLO carol\r\n", "LOGIN carol, \\r and \\n apart")
    a.expect_quiet("after HELLO carol")
    expect_rule(app, conn_a, 2, "login")
    # A bare "\n" ends a line as well.
    a.send(b"LOGIN dave\n")
    a.expect(b"HELLO dave\r\n", "LOGIN dave with \\n alone")

    # The default, numbered per connection (this is the 4th message).
    a.send(b"FOO\r\n")
    a.expect(b"ERR unknown command #4\r\n", "default with ${conn_counter}")
    expect_rule(app, conn_a, 4, "default")
    # Regexes are case-sensitive unless asked: lower-case login is unknown.
    a.send(b"login bob\r\n")
    a.expect(b"ERR unknown command #5\r\n", "lower-case login")

    # A cycle, in turn, wrapping; pipelined in one write, then one by one.
    a.send(b"PING\r\nPING\r\n")
    a.expect(b"PONG 1\r\nPONG 2\r\n", "ping cycle, first two")
    a.send(b"\x00\xff\r\n")  # hex_equals inside any: the same rule, the same cycle
    a.expect(b"PONG 3\r\n", "ping cycle via hex_equals")
    a.send(b"PING\r\n")
    a.expect(b"PONG 1\r\n", "ping cycle wraps around")
    for index in (6, 7, 8, 9):
        expect_rule(app, conn_a, index, "ping")

    # Macros: the peer, numbered and named captures, the whole match and message.
    a.send(b"WHOAMI\r\n")
    a.expect(f"you are {a.address} on {conn_a}\r\n".encode(), "${peer} and ${conn}")
    a.send(b"SWAP left right\r\n")
    a.expect(b"right left right [SWAP left right] <SWAP left right>\r\n",
             "${2} ${1} ${second} ${0} ${message}")
    a.send("CAF\u00c9\r\n".encode())
    a.expect("caf\u00e9\t${literal}\r\n".encode(), "UTF-8 text, JSON escapes and $${")

    # ignore_case on equals and regex; first match wins.
    a.send(b"HeLLo secret\r\n")
    a.expect(b"hi\r\n", "regex with ignore_case (before the contains rule)")
    a.send(b"a secret\r\n")
    a.expect(b"found\r\n", "contains")
    a.send(b"a SECRET\r\n")
    a.expect(b"ERR unknown command #15\r\n", "contains without ignore_case is exact")

    # all / any / not, and captures from a nested regex.
    a.send(b"XaY\r\n")
    a.expect(b"all\r\n", "all of starts_with, ends_with, not contains")
    a.send(b"XnOY\r\n")
    a.expect(b"ERR unknown command #17\r\n", "not (contains, ignore_case) fails")
    a.send(b"GET alpha=12\r\nGET beta?\r\nGET gamma\r\n")
    a.expect(b"key=alpha\r\nkey=beta\r\nERR unknown command #20\r\n", "nested all/any")
    expect_rule(app, conn_a, 18, "nested")
    expect_rule(app, conn_a, 19, "nested")
    expect_rule(app, conn_a, 20, "default")

    # The clock, the epoch, a UUID and random bytes.
    a.send(b"NOW\r\n")
    random_part = a.read_exact(5)
    check(len(random_part) == 5 and random_part[4:] == b"|", f"${{random:4}}: {random_part!r}")
    clock = a.read_until(b"\n").decode()
    match = re.fullmatch(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (\d+) (\{?[0-9a-fA-F-]{36}\}?)\n",
                         clock)
    check(match is not None, f"date/time/unix/uuid: {clock!r}")
    unix = int(match.group(3))
    check(abs(unix - time.time()) < 60, f"${{unix}} {unix} is not now ({time.time():.0f})")
    near = [time.localtime(unix + d) for d in (-1, 0, 1)]
    check(match.group(1) in [time.strftime("%Y-%m-%d", t) for t in near]
          and match.group(2) in [time.strftime("%H:%M:%S", t) for t in near],
          f"${{date}} ${{time}} {match.group(1)} {match.group(2)} are not local {unix}")
    uuid = match.group(4).strip("{}")
    check(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                       uuid.lower()), f"${{uuid}} is not a random UUID: {uuid}")
    if match.group(4).startswith("{"):
        print(f"note: ${{uuid}} is sent with braces: {match.group(4)}")

    # A delay: the answer comes after it, and a later answer waits behind it.
    started = time.monotonic()
    a.send(b"SLOW\r\n")
    time.sleep(PIECE_PAUSE_S)
    a.send(b"FAST\r\n")
    first = a.read_exact(len(b"slow\r\n"))
    waited = time.monotonic() - started
    check(first == b"slow\r\n", f"delay_ms: the later answer overtook: {first!r}")
    # 5 % slack: Qt's coarse timers may fire that early.
    check(waited >= 0.95 * 0.5, f"delay_ms 500 answered after {waited * 1000:.0f} ms")
    a.expect(b"fast\r\n", "the answer queued behind the delayed one")

    # A delay on one connection does not hold another's answers.
    b = Client(port)
    b.expect(b"220 ready\r\n", "greeting of the second connection")
    a.send(b"LATER\r\n")
    b.send(b"FAST\r\n")
    b.expect(b"fast\r\n", "an answer on another connection during a delay")
    a.sock.setblocking(False)
    try:
        early = a.sock.recv(100)
    except BlockingIOError:
        early = None
    a.sock.setblocking(True)
    check(early is None, f"delay_ms 800 answered before another connection's answer: {early!r}")
    a.expect(b"later\r\n", "the delayed answer")
    conn_b = b.conn(app)
    expect_rule(app, conn_b, 1, "fast")

    # then: close after the reply (ignore_case on equals).
    b.send(b"quit\r\n")
    b.expect(b"BYE\r\n", "quit with ignore_case")
    b.expect_eof("close after the reply")
    expect_rule(app, conn_b, 2, "quit")
    b.close()

    # then: half-close: the reply, then EOF, while the client may still send.
    c = Client(port)
    c.expect(b"220 ready\r\n", "greeting")
    conn_c = c.conn(app)
    c.send(b"HALF\r\n")
    c.expect(b"half\r\n", "reply before the half-close")
    c.expect_eof("half-close after the reply")
    app.wait_line(lambda l: l.startswith("half-close ") and fields(l).get("conn") == conn_c
                  and fields(l).get("by") == "local")
    c.send(b"still here")  # our half is open (no terminator: nothing to answer)
    app.wait_line(lambda l: l.startswith("data ") and fields(l).get("conn") == conn_c
                  and fields(l).get("dir") == "in" and "still here" in l)
    c.close()

    # then: reset: the client sees ECONNRESET.
    d = Client(port)
    d.expect(b"220 ready\r\n", "greeting")
    conn_d = d.conn(app)
    d.send(b"BOOM now\r\n")
    reset = False
    try:
        d._fill(lambda: False, TIMEOUT)
    except ConnectionResetError:
        reset = True
    check(reset, f"reset rule: no ECONNRESET; got {d.buffer!r} eof={d.eof}")
    expect_rule(app, conn_d, 1, "boom")
    app.wait_line(lambda l: l.startswith("close ") and fields(l).get("conn") == conn_d
                  and fields(l).get("reset") == "true")
    d.close()

    a.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")
    rules = [r for r in read_jsonl(record) if r["event"] == "rule"]
    wanted = [(int(conn_a), 0, "greeting"), (int(conn_a), 1, "login"), (int(conn_a), 4, "default"),
              (int(conn_a), 9, "ping"), (int(conn_b), 2, "quit"), (int(conn_d), 1, "boom")]
    for conn, index, name in wanted:
        check(any(r.get("conn") == conn and r.get("count") == index and r.get("responder") == name
                  for r in rules),
              f"no rule record conn={conn} index={index} rule={name} in {rules[:30]}")
    check(all("ts" in r for r in rules), "rule records without ts")
    print("line protocol: greeting, pieces, cycles, macros, ignore_case, all/any/not, "
          "delays, close/half-close/reset, rule lines and records: ok")


def counters(workdir):
    """${counter} over the listener, ${conn_counter} per connection, unnamed
    rules are #N, and without a default an unmatched message gets nothing."""
    app, port = responder(write_rules(workdir, "counter.json", COUNTER_RULES))
    a = Client(port)
    conn_a = a.conn(app)
    a.send(b"COUNT\n")
    a.expect(b"1/1\n", "first COUNT")
    expect_rule(app, conn_a, 1, "#1")
    a.send(b"what?\n")
    expect_rule(app, conn_a, 2, "none")
    a.expect_quiet("an unmatched message without a default")
    b = Client(port)
    conn_b = b.conn(app)
    b.send(b"COUNT\n")
    b.expect(b"3/1\n", "COUNT on a second connection")
    a.send(b"COUNT\n")
    a.expect(b"4/3\n", "COUNT back on the first")
    b.send(b"PEER\n")
    b.expect(f"{b.address}\n".encode(), "${peer}")
    expect_rule(app, conn_b, 2, "peer")
    a.close()
    b.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")
    print("counters: ${counter} across connections, ${conn_counter}, #N, none: ok")


def binary_length_prefix(workdir):
    app, port = responder(write_rules(workdir, "binary.json", BINARY_RULES))
    a = Client(port)
    conn_a = a.conn(app)
    frame = b"\x00\x02\x00\xff"
    a.send_pieces([frame[:1], frame[1:3], frame[3:]])
    a.expect(b"\x00\x02\xff\x00", "hex_equals in three pieces -> hex reply")
    a.expect_quiet("after the ping answer")
    expect_rule(app, conn_a, 1, "ping")
    a.send(b"\x00\x03\n\r\n")  # newlines are payload here, not terminators
    a.expect(b"\x00\x01\n", "a message of newlines")
    expect_rule(app, conn_a, 2, "newlines")
    a.send(b"\x00\x06GET ab" + b"\x00\x01\x42")  # two messages in one write
    a.expect(b"\x00\x04V:ab" + b"\x00\x01\xe1", "text with \\u0000 and a capture; default")
    a.send(b"\x00\x01\x43")
    a.expect(b"\x00\x01\xe2", "default cycle, second")
    a.send(b"\x00\x02\x0a\x0a")
    a.expect(b"\x00\x01\xe1", "default cycle wraps")
    expect_rule(app, conn_a, 3, "get")
    expect_rule(app, conn_a, 4, "default")
    expect_rule(app, conn_a, 6, "default")
    a.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")

    # Four bytes, little-endian; a length over 1 MiB stops the answers.
    app, port = responder(write_rules(workdir, "le.json", LITTLE_ENDIAN_RULES))
    a = Client(port)
    conn_a = a.conn(app)
    a.send(b"\x03\x00\x00\x00\x01\x02\x03")
    a.expect(b"\xaa", "little-endian 4-byte prefix")
    bad = Client(port)
    conn_bad = bad.conn(app)
    bad.send(b"\xff\xff\xff\x7f")
    stopped_line(app, conn_bad)
    try:
        bad.send(b"\x03\x00\x00\x00\x01\x02\x03")
    except (BrokenPipeError, ConnectionResetError):
        pass
    bad.expect_no_answer("after a bad length the responder stops answering")
    a.send(b"\x03\x00\x00\x00\x01\x02\x03")
    a.expect(b"\xaa", "another connection after a bad length")
    a.close()
    bad.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")

    # Delimiters, as text and as hex.
    app, port = responder(write_rules(workdir, "delim.json", DELIMITER_RULES))
    a = Client(port)
    a.send_pieces([b"a|", b"|b\n|", b"|a||"])
    a.expect(b"A;?b\n;A;", "delimiter ||")
    a.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")
    app, port = responder(write_rules(workdir, "delimhex.json", DELIMITER_HEX_RULES))
    a = Client(port)
    a.send(b"a\nb\x00")
    a.expect(b"A\x00", "delimiter_hex 00")
    a.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")
    print("binary framings: length prefix 2 BE and 4 LE, bad length, delimiters, hex: ok")


def oversized_line(workdir):
    """A message of exactly 1 MiB is answered (a line's "\r" counts towards
    the limit); past 1 MiB the responder stops answering that connection
    alone, and says why on its rule line."""
    app, port = responder(write_rules(workdir, "line-big.json", LINE_RULES))
    a = Client(port)
    a.expect(b"220 ready\r\n", "greeting")
    a.send(b"x" * MIB + b"\n")
    a.expect(b"ERR unknown command #1\r\n", "a message of exactly 1 MiB, then \\n", timeout=10)
    # The "\r" is part of the terminator but counts towards the limit.
    a.send(b"x" * (MIB - 1) + b"\r\n")
    a.expect(b"ERR unknown command #2\r\n", "a message of 1 MiB - 1, then \\r\\n",
             timeout=10)
    big = Client(port)
    big.expect(b"220 ready\r\n", "greeting")
    conn_big = big.conn(app)
    big.send(b"y" * (MIB + 100))
    stopped_line(app, conn_big)
    try:
        big.send(b"\r\nPING\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    big.expect_no_answer("after a line over 1 MiB the responder stops answering")
    a.send(b"PING\r\n")
    a.expect(b"PONG 1\r\n", "another connection after the oversized line")
    a.close()
    big.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")
    print("messages over 1 MiB: that connection alone stops being answered: ok")


def catastrophic_regex(workdir):
    app, port = responder(write_rules(workdir, "evil.json", CATASTROPHIC_RULES))
    evil = Client(port)
    evil.send(b"a" * 5000 + b"b\n")
    started = time.monotonic()
    bound = 60 if SANITIZED else 15
    good = Client(port)
    good.send(b"PING\n")
    answer = good.read_exact(len(b"PONG\n"), timeout=bound)
    took = time.monotonic() - started
    check(app.proc.poll() is None, f"sockscope exited {app.proc.poll()} on ^(a+)+$")
    check(answer == b"PONG\n", f"no answer within {bound}s after ^(a+)+$: {answer!r}")
    evil.expect_quiet("^(a+)+$ must not match a...ab", seconds=0.05)
    conn_evil = evil.conn(app)
    name = rule_line(app, conn_evil, 1, timeout=bound)
    check(name == "none", f"^(a+)+$ against a...ab gave rule={name}")
    evil.close()
    good.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")
    print(f"catastrophic regex: the listener answered after {took:.2f}s: ok")


def rules_over_tls(workdir):
    """With --listen-tls the rules see the plaintext."""
    import ssl
    cert = os.path.join(workdir, "cert.pem")
    key = os.path.join(workdir, "key.pem")
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        capture_output=True, text=True, timeout=TIMEOUT)
    if made.returncode != 0:
        print(f"rules over TLS: skipped (openssl req: {made.stderr.strip()})")
        return
    data_home = os.path.join(workdir, "xdg")
    os.makedirs(data_home, exist_ok=True)
    path = write_rules(workdir, "tls.json", LINE_RULES)
    app = Headless("--listen-tls", "127.0.0.1:0", "--cert", cert, "--key", key,
                   "--respond", f"rules:{path}", env=dict(os.environ, XDG_DATA_HOME=data_home))
    port = app.listening_port()
    context = ssl.create_default_context(cafile=cert)
    raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    tls = context.wrap_socket(raw, server_hostname="localhost")
    c = Client(port, sock=tls)
    c.expect(b"220 ready\r\n", "greeting over TLS")
    c.send_pieces([b"LOG", b"IN t", b"ls\r\n"])
    c.expect(b"HELLO tls\r\n", "LOGIN over TLS")
    conn = c.conn(app)
    expect_rule(app, conn, 1, "login")
    tls.close()
    check(app.stop() == 0, f"exit code: {app.stderr}")
    print("rules over TLS: ok")


def hostile_files(workdir):
    """Each unusable file: exit 2 at start, quickly, the file (and where
    the spec asks for it, the place) named on stderr."""
    def rules_with(rule):
        return {"sockscope_rules": 1, "rules": [
            {"name": "fine", "when": {"equals": "A"}, "reply": {"text": "a"}}, rule]}

    def default_with(response):
        return {"sockscope_rules": 1, "rules": [], "default": response}

    ok_when = {"equals": "A"}
    cases = [
        # (file name, content or None for a missing file, substrings stderr must hold)
        ("not-json.json", '{"sockscope_rules": 1, "rules": [', []),
        ("empty.json", "", []),
        ("array.json", "[]", []),
        ("no-version.json", {"rules": []}, ["sockscope_rules"]),
        ("version-2.json", {"sockscope_rules": 2, "rules": []}, ["sockscope_rules"]),
        ("version-string.json", {"sockscope_rules": "1", "rules": []}, ["sockscope_rules"]),
        ("rules-object.json", {"sockscope_rules": 1, "rules": {}}, ["rules"]),
        ("unknown-key.json", {"sockscope_rules": 1, "rules": [], "colour": "red"}, ["colour"]),
        ("unknown-predicate.json", rules_with({"when": {"equal": "x"}, "reply": {"text": "x"}}),
         ["rules[1].when", "equal"]),
        ("two-predicates.json",
         rules_with({"when": {"equals": "x", "contains": "y"}, "reply": {"text": "x"}}),
         ["rules[1].when"]),
        ("no-when.json", rules_with({"name": "w", "reply": {"text": "x"}}), ["rules[1]"]),
        ("bad-regex.json", rules_with({"when": {"regex": "("}, "reply": {"text": "x"}}),
         ["rules[1].when"]),
        ("bad-hex-equals.json", rules_with({"when": {"hex_equals": "0g"}, "reply": {"text": "x"}}),
         ["rules[1].when"]),
        ("bad-hex-reply.json", rules_with({"when": ok_when, "reply": {"hex": "zz"}}),
         ["rules[1].reply"]),
        ("unknown-macro.json", rules_with({"when": ok_when, "reply": {"text": "${nope}"}}),
         ["rules[1].reply", "nope"]),
        ("unknown-capture.json",
         rules_with({"when": {"regex": "^(?<user>\\w+)$"}, "reply": {"text": "${usr}"}}),
         ["rules[1].reply", "usr"]),
        ("random-zero.json", default_with({"text": "${random:0}"}), ["default"]),
        ("random-too-many.json", default_with({"text": "${random:65537}"}), ["default"]),
        ("bad-then.json", default_with({"text": "x", "then": "explode"}), ["default.then"]),
        ("delay-string.json", default_with({"text": "x", "delay_ms": "100"}), ["default"]),
        ("delay-too-long.json", default_with({"text": "x", "delay_ms": 3600001}), ["default"]),
        ("bad-cycle-entry.json", default_with([{"text": "x"}, {"text": "${nope}"}]),
         ["default", "nope"]),
        ("bad-framing.json", {"sockscope_rules": 1, "framing": "lines", "rules": []}, ["framing"]),
        ("bad-prefix.json", {"sockscope_rules": 1, "framing": {"length_prefix": 3}, "rules": []},
         ["framing"]),
        ("bad-greeting.json", {"sockscope_rules": 1, "rules": [], "greeting": {"txt": "x"}},
         ["greeting"]),
        ("huge.json", '{"sockscope_rules": 1, "rules": [], "default": {"text": "'
         + "x" * (20 * MIB) + '"}}', []),
        ("missing.json", None, []),
        ("a-directory", "dir", []),
    ]
    failures = []
    for name, content, needles in cases:
        path = os.path.join(workdir, name)
        if content == "dir":
            os.mkdir(path)
        elif content is not None:
            write_rules(workdir, name, content)
        started = time.monotonic()
        try:
            result = subprocess.run([BINARY, "--headless", "--listen", "127.0.0.1:0",
                                     "--respond", "rules:" + path],
                                    capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            failures.append(f"{name}: still running after {TIMEOUT}s")
            continue
        took = time.monotonic() - started
        stderr = result.stderr.decode("utf-8", "replace")
        problems = []
        if result.returncode != 2:
            problems.append(f"exit {result.returncode}, want 2")
        if path not in stderr:
            problems.append("the file is not named")
        problems += [f"lacks {n!r}" for n in needles if n not in stderr]
        if took > 10:
            problems.append(f"took {took:.1f}s")
        if problems:
            failures.append(f"{name}: {', '.join(problems)}; stderr {stderr.strip()[:300]!r}")
    check(not failures, "hostile rules files:\n  " + "\n  ".join(failures))
    print(f"hostile rules files: {len(cases)} refused with exit 2, the file named: ok")


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir:
        hostile_files(workdir)
        line_protocol(workdir)
        counters(workdir)
        binary_length_prefix(workdir)
        oversized_line(workdir)
        catastrophic_regex(workdir)
        rules_over_tls(workdir)
    print(f"rules: ok in {time.monotonic() - started:.1f}s")


main()
