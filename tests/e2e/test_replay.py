"""Replay of a saved session as its client against a live server (issue 18):
a conversation with a scripted Python server (a greeting, then "ACK <n>" to
each line) is recorded through a SockScope relay, then replayed: against the
same server it matches (exit 0, an empty diff); against one whose answers
changed, the diff names the turn and the byte offset (exit 3); a volatile
field is masked; an unreachable server gives exit 1; the same conversation
as tshark's Follow TCP Stream YAML of SockScope's pcap export replays
cleanly; unusable files and options are refused with exit 2."""
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, read_jsonl, stream  # noqa: E402

TIMEOUT = 30


class ScriptedServer:
    """Greets, then answers each line with ACK <n>; shift changes n, and
    a session id in the greeting changes with every connection; with a
    TLS context, over TLS."""

    def __init__(self, shift=0, tls=None):
        self.shift = shift
        self.tls = tls
        self.listening = socket.create_server(("127.0.0.1", 0))
        self.port = self.listening.getsockname()[1]
        self.serial = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listening.accept()
            except OSError:
                return
            self.serial += 1
            threading.Thread(target=self._serve, args=(conn, self.serial), daemon=True).start()

    def _serve(self, conn, serial):
        try:
            self._converse(conn, serial)
        except (ssl.SSLError, OSError):
            pass  # a TLS client that refused the certificate hangs up mid-way

    def _converse(self, conn, serial):
        if self.tls:
            try:
                conn = self.tls.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                conn.close()  # a client that refused the certificate
                return
        with conn:
            conn.sendall(b"WELCOME id=%04x\r\n" % (serial * 7919 % 65536))
            count, pending = 0, b""
            while True:
                data = conn.recv(4096)
                if not data:
                    return
                pending += data
                while b"\n" in pending:
                    _, pending = pending.split(b"\n", 1)
                    count += 1
                    conn.sendall(b"ACK %d\r\n" % (count + self.shift))

    def close(self):
        self.listening.close()


def record_through_relay(workdir, server):
    """A client that waits for each answer, through a SockScope relay that
    records: the file holds the conversation turn by turn."""
    record = os.path.join(workdir, "conversation.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--respond", f"forward:127.0.0.1:{server.port}",
                   "--record", record)
    port = app.listening_port()
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
        reader = s.makefile("rb")
        check(reader.readline().startswith(b"WELCOME"), "no greeting through the relay")
        for i in range(3):
            s.sendall(b"line %d\n" % i)
            check(reader.readline() == b"ACK %d\r\n" % (i + 1), f"answer {i}")
        reader.close()  # else its reference keeps the socket open
    accepted = app.wait_line(lambda l: l.startswith("accept ")).split()[1]
    app.wait_line(lambda l: l.startswith(f"close {accepted} "))
    check(app.stop() == 0, app.stderr)
    return record


def replay(path, port, *options):
    report = path + ".report.json"
    result = subprocess.run([BINARY, "--replay", path, "--target", f"127.0.0.1:{port}",
                             "--diff-report", report, "--expect-timeout", "2", *options],
                            capture_output=True, text=True, timeout=TIMEOUT)
    with open(report) as f:
        return result, json.load(f)


def replay_over_tls(workdir, record):
    """--target-tls: the same conversation against the same server behind
    TLS: it matches when the server's certificate is trusted (--ca), and the
    server is unreachable (exit 1) when it is not."""
    cert, key = os.path.join(workdir, "cert.pem"), os.path.join(workdir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True,
                   timeout=TIMEOUT)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ScriptedServer(tls=context)
    try:
        command = [BINARY, "--replay", record, "--target-tls", f"127.0.0.1:{server.port}",
                   "--mask", "id=[0-9a-f]+", "--expect-timeout", "2"]
        result = subprocess.run(command + ["--ca", cert], capture_output=True, text=True,
                                timeout=TIMEOUT)
        check(result.returncode == 0 and "result=match" in result.stdout, f"TLS replay: {result}")
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        check(result.returncode == 1 and "result=unreachable" in result.stdout,
              f"TLS replay to an untrusted certificate: {result}")
        check("self-signed" in result.stdout or "certificate" in result.stdout, result.stdout)
    finally:
        server.close()
    print("replay over TLS (--target-tls): matches with --ca, unreachable (exit 1) without: ok")


def replay_as_server(record):
    records = read_jsonl(record)
    client_leg = next(r["conn"] for r in records if r["event"] == "accept")
    server_said = stream(records, client_leg, "out")
    client_said = stream(records, client_leg, "in")
    app = Headless("--replay", record, "--listen", "127.0.0.1:0")
    port = app.listening_port()
    client = [shutil.which("nc"), "127.0.0.1", str(port)] if shutil.which("nc") else None
    check(client is not None, "nc is missing (packaging/install-deps.sh installs it)")
    nc = subprocess.Popen(client, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    nc.stdin.write(client_said)
    nc.stdin.flush()
    transcript = b""
    for _ in range(len(server_said)):  # bounded: one byte or more per read
        if len(transcript) >= len(server_said):
            break
        chunk = nc.stdout.read1(65536)
        if not chunk:
            break
        transcript += chunk
    nc.stdin.close()
    nc.wait(TIMEOUT)
    check(transcript == server_said, f"nc read {transcript!r}, the recording has {server_said!r}")
    app.wait_line(lambda l: l.startswith("replay ") and "result=match" in l)
    code = app.proc.wait(TIMEOUT)
    check(code == 0, f"exit {code}: {''.join(app._stderr)} {app.lines}")
    print("replay as the server to nc: the transcript is byte-identical, exit 0: ok")


def main():
    with tempfile.TemporaryDirectory() as workdir:
        server = ScriptedServer()
        record = record_through_relay(workdir, server)

        # The greeting's id differs per connection: masked, all matches.
        result, report = replay(record, server.port, "--mask", "id=[0-9a-f]+")
        check(result.returncode == 0, f"replay against the same server: {result}")
        check([c["result"] for c in report["conversations"]] == ["match"], report)
        check("result=match" in result.stdout, result.stdout)
        print("replay against the same server, the greeting's id masked: exit 0: ok")

        replay_over_tls(workdir, record)

        # Unmasked, the id is the first difference: turn 1, offset 11.
        result, report = replay(record, server.port)
        check(result.returncode == 3, f"unmasked: {result}")
        first = report["conversations"][0]
        check(first["result"] == "differ" and first["message"] == 1 and first["offset"] == 11,
              f"unmasked difference {first}")
        print("the same without a mask: the id differs at turn 1, offset 11: exit 3: ok")

        # A server whose answers changed: the third turn ("ACK 1", now "ACK 101") at offset 5.
        changed = ScriptedServer(shift=100)
        result, report = replay(record, changed.port, "--mask", "id=[0-9a-f]+",
                                "--timing", "original")
        check(result.returncode == 3, f"changed server: {result}")
        first = report["conversations"][0]
        check(first["message"] == 3 and first["offset"] == 5, f"changed difference {first}")
        check(first["expected_text"] == "\\r\\n" and first["got_text"].startswith("01"),
              f"expected/got {first}")
        check(first["expected_hex"] == "0d 0a" and first["got_hex"].startswith("30 31"), first)
        check("result=differ message=3 offset=5" in result.stdout, result.stdout)
        changed.close()
        print("a server whose answers changed: turn 3, offset 5, hex and text: exit 3: ok")

        # Nobody listening: exit 1.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        result, report = replay(record, closed_port)
        check(result.returncode == 1, f"unreachable: {result}")
        check(report["conversations"][0]["result"] == "unreachable"
              and "refused" in report["conversations"][0]["reason"].lower(), report)
        print("an unreachable server: exit 1, the reason named: ok")

        # tshark's Follow TCP Stream YAML of SockScope's pcap export.
        if shutil.which("tshark"):
            pcap = os.path.join(workdir, "conversation.pcap")
            subprocess.run([BINARY, "--headless", "--import", record, "--export", pcap], check=True,
                           capture_output=True, timeout=TIMEOUT)
            yaml = subprocess.run(["tshark", "-r", pcap, "-q", "-z", "follow,tcp,yaml,0"],
                                  capture_output=True, text=True, timeout=TIMEOUT, check=True)
            yaml_path = os.path.join(workdir, "follow.yaml")
            with open(yaml_path, "w") as f:
                f.write(yaml.stdout)
            result, report = replay(yaml_path, server.port, "--mask", "id=[0-9a-f]+")
            check(result.returncode == 0, f"YAML replay: {result}\n{yaml.stdout[:400]}")
            print("tshark follow,tcp,yaml of the pcap export replays cleanly: ok")
        else:
            print("tshark missing: the YAML replay is not checked")

        # As the server, to nc: the transcript is the recorded server's, byte for byte.
        replay_as_server(record)

        # Unusable input: exit 2, named.
        bad_yaml = os.path.join(workdir, "bad.yaml")
        with open(bad_yaml, "w") as f:
            f.write("peers:\npackets:\n  - packet: 1\n    peer: 7\n")
        not_session = os.path.join(workdir, "not-session.jsonl")
        with open(not_session, "w") as f:
            f.write('{"hello": 1}\n')
        for path, options, named in ((bad_yaml, [], "peer must be 0 or 1"),
                                     (not_session, [], "not-session.jsonl"),
                                     (os.path.join(workdir, "missing.jsonl"), [], "missing"),
                                     (record, ["--timing", "fast"], "--timing"),
                                     (record, ["--mask", "("], "--mask")):
            result = subprocess.run([BINARY, "--replay", path, "--target",
                                     f"127.0.0.1:{server.port}", *options],
                                    capture_output=True, text=True, timeout=TIMEOUT)
            check(result.returncode == 2 and named in result.stderr,
                  f"{path} {options}: exit {result.returncode}, {result.stderr!r}")
        result = subprocess.run([BINARY, "--replay", record], capture_output=True, text=True,
                                timeout=TIMEOUT)
        check(result.returncode == 2 and "--target" in result.stderr, result.stderr)
        print("unusable files and options: exit 2, named: ok")
        server.close()
    print("replay: ok")


main()
