"""TLS between real peers: curl verifies SockScope's own certificate through
the exported local CA; SockScope's client negotiates ALPN with openssl
s_server and verifies its chain, and refuses it under the wrong CA or once
it has expired; a Python client sends random bytes through a TLS-to-plain
relay and reads them back, the recording holding the plaintext; the key
log matches the client's own and tshark decrypts the exported pcapng with
its Decryption Secrets Block alone; unusable certificate files are named,
a peer sending garbage instead of a ClientHello does not stop the
listener, and client certificates work both ways (--client-cert to a
Python server that requires one; --request-client-cert verifying a Python
client's).  Every sockscope runs with XDG_DATA_HOME in a temporary folder,
so the user's local CA is never touched."""
import atexit
import base64
import datetime
import hashlib
import ipaddress
import os
import selectors
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, Headless, check, read_jsonl, stream  # noqa: E402

SANITIZED = bool(os.environ.get("SOCKSCOPE_SANITIZED"))
TIMEOUT = 30
CHUNK = 1 << 16

_peers = []


@atexit.register
def _kill_peers():
    """A failed check must not leave an openssl s_server running."""
    for proc in _peers:
        if proc.poll() is None:
            proc.kill()


# --- helpers ---------------------------------------------------------------

def isolated_env(workdir):
    """The environment of every sockscope here: its local CA lives in workdir."""
    data_home = os.path.join(workdir, "xdg")
    os.mkdir(data_home)
    return dict(os.environ, XDG_DATA_HOME=data_home)


def sockscope(env, *args):
    return Headless(*args, env=env)


def export_ca(env, workdir):
    """--export-ca alone: writes the local CA, exits 0, and keeps the CA
    under this run's XDG_DATA_HOME."""
    path = os.path.join(workdir, "sockscope-ca.pem")
    result = subprocess.run([BINARY, "--export-ca", path], env=env, capture_output=True,
                            text=True, timeout=TIMEOUT)
    check(result.returncode == 0, f"--export-ca exited {result.returncode}: {result.stderr}")
    with open(path) as f:
        pem = f.read()
    check(pem.startswith("-----BEGIN CERTIFICATE-----"), f"--export-ca wrote {pem[:60]!r}")
    kept = [name for _, _, names in os.walk(env["XDG_DATA_HOME"]) for name in names]
    check(kept, "the local CA was not kept under XDG_DATA_HOME")
    return path


def make_cert(workdir, stem, subject="/CN=localhost",
              names="DNS:localhost,IP:127.0.0.1"):
    """A self-signed P-256 certificate and its key (two PEM files)."""
    cert = os.path.join(workdir, f"{stem}.pem")
    key = os.path.join(workdir, f"{stem}-key.pem")
    result = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", subject,
         "-addext", f"subjectAltName={names}"],
        capture_output=True, text=True, timeout=TIMEOUT)
    check(result.returncode == 0, f"openssl req failed: {result.stderr}")
    return cert, key


def make_expired_cert(workdir):
    """A certificate valid only in January 2020 (openssl 3.0's req has no
    -not_before), or None without the cryptography package."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        return None
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    utc = datetime.timezone.utc
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(datetime.datetime(2020, 1, 1, tzinfo=utc))
            .not_valid_after(datetime.datetime(2020, 2, 1, tzinfo=utc))
            .add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .sign(key, hashes.SHA256()))
    cert_path = os.path.join(workdir, "expired.pem")
    key_path = os.path.join(workdir, "expired-key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return cert_path, key_path


def fingerprint(cert_path):
    """SHA-256 of a PEM certificate as SockScope prints it (AA:BB:...)."""
    with open(cert_path) as f:
        der = ssl.PEM_cert_to_DER_cert(f.read())
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_connectable(port, proc, timeout=10):
    """True once 127.0.0.1:port accepts; False if proc exits first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


class OpensslServer:
    """openssl s_server -rev on a free loopback port (it answers each line
    reversed); a port taken between the probe and the bind is retried."""

    def __init__(self, workdir, cert, key, *args):
        self.log_path = os.path.join(workdir, f"s_server-{len(_peers)}.log")
        for _ in range(3):
            self.port = free_port()
            with open(self.log_path, "wb") as log:
                self.proc = subprocess.Popen(
                    ["openssl", "s_server", "-accept", f"127.0.0.1:{self.port}", "-cert", cert,
                     "-key", key, "-rev", *args],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
            _peers.append(self.proc)
            if wait_connectable(self.port, self.proc):
                return
            self.stop()
        raise AssertionError(f"openssl s_server did not start: {self.log()}")

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)


def event_fields(line):
    """key=value fields of an event line; double-quoted values may hold spaces."""
    out = {}
    for token in shlex.split(line)[1:]:
        if "=" in token:
            key, value = token.split("=", 1)
            out[key] = value
    return out


def conn_line(app, kind, conn):
    return app.wait_line(lambda l: l.startswith(f"{kind} conn={conn} "))


def first_accept(app):
    return event_fields(app.wait_line(lambda l: l.startswith("accept ")))["conn"]


def wait_bytes(app, conn, direction, count):
    """Waits until data lines of conn in direction add up to count bytes."""
    total = [0]

    def enough(line):
        if line.startswith(f"data conn={conn} dir={direction} "):
            total[0] += int(event_fields(line)["size"])
        return total[0] >= count
    app.wait_line(enough)


def tls_events(records, conn):
    return [r["tls"] for r in records if r["event"] == "tls" and r["conn"] == conn]


def wire(records, conn, direction):
    return b"".join(base64.b64decode(r["data"]) for r in records
                    if r["event"] == "wire" and r["conn"] == conn and r["dir"] == direction)


def client_context(cafile, keylog=None):
    context = ssl.create_default_context(cafile=cafile)
    if keylog:
        context.keylog_filename = keylog
    return context


def tls_echo_exchange(port, cafile, payload):
    """Sends payload over TLS while reading the echo, in one thread (an
    SSLObject over memory BIOs: never SSL_read and SSL_write at once), sends
    close_notify once the whole echo is in and reads on to the server's
    end. Returns (bytes read, their sha256, whether the end was a
    close_notify)."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = client_context(cafile).wrap_bio(incoming, outgoing, server_hostname="localhost")
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    sock.setblocking(False)
    selector = selectors.DefaultSelector()
    selector.register(sock, selectors.EVENT_READ)
    digest = hashlib.sha256()
    received = sent = 0
    unsent = b""  # ciphertext the socket has not taken yet
    handshaken = closing = ended = clean = False
    deadline = time.monotonic() + TIMEOUT
    try:
        while not ended and time.monotonic() < deadline:
            if not handshaken:
                try:
                    tls.do_handshake()
                    handshaken = True
                except ssl.SSLWantReadError:
                    pass
            if handshaken:
                while sent < len(payload) and outgoing.pending + len(unsent) < (1 << 20):
                    sent += tls.write(payload[sent:sent + CHUNK])
                while not ended:
                    try:
                        chunk = tls.read(1 << 20)
                    except ssl.SSLWantReadError:
                        break
                    except ssl.SSLZeroReturnError:
                        ended = clean = True
                        break
                    except ssl.SSLEOFError:
                        ended = True  # a FIN without close_notify
                        break
                    if not chunk:
                        ended = clean = True
                        break
                    digest.update(chunk)
                    received += len(chunk)
                # close_notify only once the whole echo is in, so that it
                # arrives in a read of its own: SockScope misses a
                # close_notify read together with data (TlsTransport::read
                # returns the data, and the socket never becomes readable
                # again for the end that OpenSSL has already taken in).
                if received >= len(payload) and not closing and not ended:
                    closing = True
                    try:
                        tls.unwrap()
                    except ssl.SSLWantReadError:
                        pass
            unsent += outgoing.read()
            selector.modify(sock, selectors.EVENT_READ
                            | (selectors.EVENT_WRITE if unsent else 0))
            for _, events in selector.select(timeout=0.5):
                if events & selectors.EVENT_WRITE:
                    try:
                        unsent = unsent[sock.send(unsent):]
                    except BlockingIOError:
                        pass
                if events & selectors.EVENT_READ:
                    try:
                        data = sock.recv(1 << 20)
                    except BlockingIOError:
                        continue
                    if data:
                        incoming.write(data)
                    else:
                        incoming.write_eof()
    finally:
        selector.close()
        sock.close()
    check(ended, f"no end of the echo within {TIMEOUT}s: {received} of {len(payload)} bytes")
    return received, digest.digest(), clean


def plain_echo_server():
    """A plain TCP echo on loopback: echoes each connection to its FIN,
    then half-closes back."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)

    def serve(conn):
        with conn:
            conn.settimeout(TIMEOUT)
            while True:
                data = conn.recv(1 << 16)
                if not data:
                    break
                conn.sendall(data)
            conn.shutdown(socket.SHUT_WR)

    def loop():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
    threading.Thread(target=loop, daemon=True).start()
    return server


# --- the cases -------------------------------------------------------------

def curl_verifies_the_local_ca():
    if not shutil.which("curl"):
        print("curl missing: https reply case skipped")
        return
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        ca = export_ca(env, workdir)
        body = os.urandom(100 * 1024)
        response = (b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                    % len(body)) + body
        reply = os.path.join(workdir, "response.http")
        with open(reply, "wb") as f:
            f.write(response)
        record = os.path.join(workdir, "reply.jsonl")
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond", f"reply:{reply}",
                        "--record", record)
        port = app.listening_port()
        listener = event_fields(app.wait_line(lambda l: l.startswith("tls listener=")))
        check(listener["cert"] == "CN=localhost,O=SockScope", f"listener certificate {listener}")
        url = f"https://localhost:{port}/"
        out = os.path.join(workdir, "body")
        got = subprocess.run(["curl", "--cacert", ca, "-sS", "--max-time", "20", "-o", out, url],
                             capture_output=True, text=True, timeout=TIMEOUT)
        check(got.returncode == 0, f"curl --cacert exited {got.returncode}: {got.stderr}")
        with open(out, "rb") as f:
            fetched = f.read()
        check(fetched == body, f"curl got {len(fetched)} bytes, not the {len(body)}-byte body")
        conn = first_accept(app)
        tls = event_fields(conn_line(app, "tls", conn))
        check(tls["version"] == "TLSv1.3" and tls["sni"] == "localhost" and tls["alpn"] == "none"
              and tls["verify"] == "not asked", f"tls line {tls}")
        app.wait_line(lambda l: l.startswith(f"close conn={conn} "))

        # The same listener without the CA: curl's own verification refuses it.
        refused = subprocess.run(["curl", "-sS", "--max-time", "20", "-o", os.devnull, url],
                                 capture_output=True, text=True, timeout=TIMEOUT)
        check(refused.returncode != 0, "curl trusted SockScope's certificate without its CA")
        error = app.wait_line(lambda l: l.startswith("error ") and "code=tls-failed" in l)
        check("alert received" in error, f"no alert from curl in {error}")
        check(app.stop() == 0, app.stderr)

        records = read_jsonl(record)
        check(stream(records, int(conn), "out") == response, "the reply was not captured exactly")
        check(stream(records, int(conn), "in").startswith(b"GET / HTTP/1.1\r\n"),
              "curl's request not captured as plaintext")
        wire_in, wire_out = wire(records, int(conn), "in"), wire(records, int(conn), "out")
        check(wire_in[:1] == b"\x16" and wire_out[:1] == b"\x16",
              "the wire does not begin with handshake records")
        check(len(wire_out) > len(response) and body[:64] not in wire_out,
              "the wire holds the plaintext body")
        summary = tls_events(records, int(conn))[0]
        check(summary["ok"] and summary["role"] == "server" and summary["sni"] == "localhost",
              f"tls event {summary}")
    print("curl verifies the exported local CA, reply over TLS: ok")


def client_alpn_with_s_server():
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        cert, key = make_cert(workdir, "server")
        server = OpensslServer(workdir, cert, key, "-alpn", "foo")
        try:
            record = os.path.join(workdir, "client.jsonl")
            app = sockscope(env, "--connect-tls", f"localhost:{server.port}", "--ca", cert,
                            "--alpn", "foo", "--send", "ping\n", "--record", record)
            tls = event_fields(conn_line(app, "tls", 1))
            check(tls == {**tls, "version": "TLSv1.3", "alpn": "foo", "sni": "localhost",
                          "verify": "ok"}, f"tls line {tls}")
            wait_bytes(app, 1, "in", 5)
            check(app.stop() == 0, app.stderr)
        finally:
            server.stop()
        records = read_jsonl(record)
        check(stream(records, 1, "out") == b"ping\n", "ping not sent as is")
        check(stream(records, 1, "in") == b"gnip\n",
              f"s_server's answer read as {stream(records, 1, 'in')!r}")
        summary = tls_events(records, 1)[0]
        check(summary["ok"] and summary["role"] == "client" and summary["alpn"] == "foo"
              and summary["verify"] == "ok" and summary["cipher"].startswith("TLS_")
              and summary["temp_key"], f"tls event {summary}")
        leaf = summary["chain"][0]
        check(leaf["depth"] == 0 and "CN=localhost" in leaf["subject"] and leaf["verify"] == "ok",
              f"chain[0] {leaf}")
        check("localhost" in leaf["names"] and "127.0.0.1" in leaf["names"], f"names {leaf}")
        check(leaf["sha256"] == fingerprint(cert), f"chain[0] sha256 {leaf['sha256']}")
        hello = bytes.fromhex(summary["client_hello"])
        check(hello[:1] == b"\x01" and b"foo" in hello and b"localhost" in hello,
              "the ClientHello lacks the ALPN or the SNI")
    print("client: ALPN foo with openssl s_server, chain verified, bytes both ways: ok")


def client_refuses_the_wrong_ca():
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        wrong_ca = export_ca(env, workdir)
        cert, key = make_cert(workdir, "server")
        server = OpensslServer(workdir, cert, key)
        try:
            record = os.path.join(workdir, "client.jsonl")
            app = sockscope(env, "--connect-tls", f"localhost:{server.port}", "--ca", wrong_ca,
                            "--send", "secret\n", "--record", record)
            error = event_fields(conn_line(app, "error", 1))
            check(error["code"] == "tls-failed" and "(depth 0)" in error["message"],
                  f"error {error}")
            # Its only client failed its handshake: it ends, having started nothing.
            code = app.finish()
            check(code == 1 and "(depth 0)" in app.stderr, f"exit {code}: {app.stderr!r}")
            # --insecure goes on with the same server, the result still shown.
            insecure = sockscope(env, "--connect-tls", f"localhost:{server.port}", "--ca",
                                 wrong_ca, "--insecure", "--send", "abc\n")
            tls = event_fields(conn_line(insecure, "tls", 1))
            check("(depth 0)" in tls["verify"], f"--insecure tls line {tls}")
            wait_bytes(insecure, 1, "in", 4)
            check(insecure.stop() == 0, insecure.stderr)
        finally:
            server.stop()
        records = read_jsonl(record)
        summary = tls_events(records, 1)[0]
        check(not summary["ok"] and "(depth 0)" in summary["failure"], f"tls event {summary}")
        check(summary["server_hello"] and bytes.fromhex(summary["server_hello"])[:1] == b"\x02",
              f"server_hello {summary['server_hello']!r}")
        check(summary["chain"][0]["verify"] != "ok", f"chain {summary['chain']}")
        check(stream(records, 1, "out") == b"", "data went to a server that failed verification")
    print("client: wrong CA fails at depth 0, nothing sent; --insecure goes on: ok")


def python_client_through_tls_relay():
    size = (4 if SANITIZED else 16) << 20
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        ca = export_ca(env, workdir)
        upstream = plain_echo_server()
        record = os.path.join(workdir, "relay.jsonl")
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond",
                        f"forward:127.0.0.1:{upstream.getsockname()[1]}", "--record", record)
        port = app.listening_port()
        payload = os.urandom(size)
        try:
            received, digest, clean = tls_echo_exchange(port, ca, payload)
        except (OSError, ssl.SSLError) as failure:
            code = app.stop()
            events = [l for l in app.lines if not l.startswith("data ")]
            raise AssertionError(f"the exchange failed: {failure!r}; relay exit {code}, "
                                 f"events {events}, stderr {app.stderr[-2000:]!r}")
        check(received == size, f"read back {received} of {size} bytes")
        check(digest == hashlib.sha256(payload).digest(), "the echo through the relay differs")
        check(clean, "the relay ended the TLS leg without close_notify")
        check(app.wait_count(lambda l: l.startswith("close conn="), 2) == 2,
              f"both legs did not close: {app.lines[-5:]}")
        check(app.stop() == 0, app.stderr)
        upstream.close()
        records = read_jsonl(record)
        accept = next(r for r in records if r["event"] == "accept")
        client, pair = accept["conn"], accept["pair"]
        first = next(r for r in records if r["event"] == "data" and r["conn"] == client
                     and r["dir"] == "in")
        first_bytes = base64.b64decode(first["data"])
        check(first_bytes and payload.startswith(first_bytes),
              "the TLS leg's first data event is not the plaintext sent")
        for conn, direction in ((client, "in"), (pair, "out"), (pair, "in"), (client, "out")):
            data = stream(records, conn, direction)
            check(data == payload, f"conn {conn} {direction}: {len(data)} bytes, not the payload")
        check(payload[:64] not in wire(records, client, "in"), "the wire holds plaintext")
        check(tls_events(records, client)[0]["ok"], "no successful handshake recorded")
    print(f"{size >> 20} MiB through a TLS-to-plain relay, plaintext recorded: ok")


def both_legs_with_a_certificate_per_name():
    """TLS on both legs: the client asks for a name of its own and verifies
    it against the exported local CA; the upstream is openssl s_server,
    verified against its own certificate; a rewrite rule works on the
    plaintext in between."""
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        ca = export_ca(env, workdir)
        cert, key = make_cert(workdir, "upstream")
        server = OpensslServer(workdir, cert, key)
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond",
                        f"forward-tls:127.0.0.1:{server.port}", "--ca", cert,
                        "--rewrite", "up:s/both legs/BOTH LEGS/")
        port = app.listening_port()
        line = b"through both legs\n"
        for index, name in enumerate(("api.example.test", "Second.Example.TEST")):
            with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as raw, \
                    client_context(ca).wrap_socket(raw, server_hostname=name) as tls:
                names = [value for kind, value in tls.getpeercert()["subjectAltName"]]
                check(names == [name.lower()], f"certificate for {name} names {names}")
                tls.sendall(line)
                got = b""
                while not got.endswith(b"\n"):
                    chunk = tls.recv(1024)
                    check(chunk, f"the upstream's answer ended early: {got!r}")
                    got += chunk
                # Rewritten on the plaintext between the two TLS legs.
                check(got == b"through BOTH LEGS"[::-1] + b"\n", f"s_server -rev answered {got!r}")
            app.wait_count(lambda l: l.startswith("accept "), index + 1)
            accepts = [l for l in app.lines if l.startswith("accept ")]
            conn = event_fields(accepts[index])["conn"]
            client_leg = event_fields(conn_line(app, "tls", conn))
            check(client_leg["sni"] == name, f"client leg {client_leg}")
            app.wait_count(lambda l: l.startswith("close conn="), 2 * (index + 1))
        upstream_legs = [event_fields(l) for l in app.lines if l.startswith("tls conn=")
                         and event_fields(l)["sni"] == "127.0.0.1"]
        check(len(upstream_legs) == 2 and all(leg["verify"] == "ok" for leg in upstream_legs),
              f"upstream legs {upstream_legs}")
        check(app.stop() == 0, app.stderr)
        server.stop()
    print("TLS on both legs, a local CA certificate per SNI name: ok")


def keylog_and_pcapng():
    if not shutil.which("tshark"):
        print("tshark missing: key log and pcapng case skipped")
        return
    known = b"the known line 7f3a9c\n"
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        ca = export_ca(env, workdir)
        keylog = os.path.join(workdir, "keys.log")
        client_keylog = os.path.join(workdir, "client-keys.log")
        pcapng = os.path.join(workdir, "session.pcapng")
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond", "echo",
                        "--tls-keylog", keylog, "--export", pcapng)
        port = app.listening_port()
        raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        with client_context(ca, client_keylog).wrap_socket(raw,
                                                           server_hostname="localhost") as tls:
            tls.sendall(known)
            echoed = b""
            while len(echoed) < len(known):
                chunk = tls.recv(4096)
                if not chunk:
                    break
                echoed += chunk
        check(echoed == known, f"echo {echoed!r}")
        app.wait_line(lambda l: l.startswith("close conn="))
        check(app.stop() == 0, app.stderr)

        def secrets(path):
            with open(path) as f:
                return {line.strip() for line in f if line.strip() and not line.startswith("#")}
        ours, theirs = secrets(keylog), secrets(client_keylog)
        check(any(line.startswith("CLIENT_TRAFFIC_SECRET_0 ") for line in ours),
              f"no CLIENT_TRAFFIC_SECRET_0 in {ours}")
        check(ours == theirs, f"key log {ours} differs from the client's {theirs}")
        # tshark with no key log of its own (a private home: no user prefs).
        tshark_env = dict(os.environ, HOME=workdir, XDG_CONFIG_HOME=workdir)
        follow = subprocess.run(["tshark", "-r", pcapng, "-q", "-z", "follow,tls,ascii,0"],
                                capture_output=True, timeout=TIMEOUT, env=tshark_env)
        check(follow.returncode == 0, f"tshark exited {follow.returncode}: {follow.stderr!r}")
        # Both directions: the line and its echo. The records keep the order
        # they crossed in (the client's Finished after the server's flight,
        # also when both arrive within one handshake call), or tshark could
        # decrypt only the server's direction.
        check(follow.stdout.count(known.rstrip(b"\n")) == 2,
              f"tshark's follow,tls lacks the line or its echo: {follow.stdout[-600:]!r}")
    print("key log matches the client's; tshark decrypts the pcapng alone: ok")


def unusable_certificate_files():
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        not_pem = os.path.join(workdir, "not-a-cert.pem")
        with open(not_pem, "w") as f:
            f.write("this is not PEM\n")
        cert, _ = make_cert(workdir, "one")
        _, other_key = make_cert(workdir, "two")
        for args, needle in (
                (["--cert", not_pem], "not-a-cert.pem"),
                (["--cert", cert, "--key", other_key], "does not belong")):
            app = sockscope(env, "--listen-tls", "127.0.0.1:0", *args)
            code = app.finish()
            check(code == 1, f"{args}: exit {code}, want 1")
            error = next((l for l in app.lines if l.startswith("error ")), "")
            fields = event_fields(error) if error else {}
            check(fields.get("listener") == "1" and fields.get("code") == "tls-config"
                  and needle in fields.get("message", ""), f"{args}: lines {app.lines}")
            check(not any(l.startswith("listening ") for l in app.lines),
                  f"{args}: listened anyway: {app.lines}")
    print("unusable --cert / --key: tls-config named, no listener: ok")


def expired_server_certificate():
    with tempfile.TemporaryDirectory() as workdir:
        made = make_expired_cert(workdir)
        if made is None:
            print("python cryptography missing: expired certificate case skipped")
            return
        env = isolated_env(workdir)
        cert, key = made
        server = OpensslServer(workdir, cert, key)
        try:
            app = sockscope(env, "--connect-tls", f"localhost:{server.port}", "--ca", cert)
            error = event_fields(conn_line(app, "error", 1))
            check(error["code"] == "tls-failed"
                  and "certificate has expired (depth 0)" in error["message"], f"error {error}")
            code = app.finish()
            check(code == 1, f"exit {code} after the only client failed: {app.stderr!r}")
        finally:
            server.stop()
    print("client: expired server certificate refused at depth 0: ok")


def garbage_instead_of_client_hello():
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        ca = export_ca(env, workdir)
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond", "echo")
        port = app.listening_port()
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as junk:
            junk.sendall(b"\x00\x01 this is no ClientHello \xff\xfe\r\n" * 8)
            junk_port = junk.getsockname()[1]
            conn = event_fields(app.wait_line(
                lambda l: l.startswith("accept ") and f"peer=127.0.0.1:{junk_port}" in l))["conn"]
            error = event_fields(conn_line(app, "error", conn))
            check(error["code"] == "tls-failed", f"garbage: {error}")
            try:  # the listener drops it: EOF or a reset, nothing in clear
                check(junk.recv(4096) == b"", "the listener answered garbage with data")
            except ConnectionResetError:
                pass
        # The same listener still serves a real client.
        raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        with client_context(ca).wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"still here\n")
            echoed = b""
            while len(echoed) < 11:
                chunk = tls.recv(4096)
                if not chunk:
                    break
                echoed += chunk
            check(echoed == b"still here\n", f"echo after the garbage {echoed!r}")
            client_port = tls.getsockname()[1]
        after = event_fields(app.wait_line(
            lambda l: l.startswith("accept ") and f"peer=127.0.0.1:{client_port}" in l))["conn"]
        check(event_fields(conn_line(app, "tls", after))["version"] == "TLSv1.3",
              "no handshake after the garbage")
        check(app.stop() == 0, app.stderr)
    print("garbage instead of a ClientHello: tls-failed, the listener serves on: ok")


def client_certificates_both_ways():
    """Mutual TLS: SockScope's client presents --client-cert to a Python
    server that requires one; SockScope's listener with
    --request-client-cert --ca verifies a Python client's certificate and
    fails the handshake of a client without one, serving on."""
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        server_cert, server_key = make_cert(workdir, "server")
        client_cert, client_key = make_cert(workdir, "client", subject="/CN=scope-client",
                                            names="DNS:client.test")
        # A server that requires a certificate and says whose it got.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(server_cert, server_key)
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_cert)
        listening = socket.create_server(("127.0.0.1", 0))
        seen = {}

        def serve():
            raw, _ = listening.accept()
            with context.wrap_socket(raw, server_side=True) as tls:
                subject = dict(pair[0] for pair in tls.getpeercert()["subject"])
                seen["cn"] = subject.get("commonName")
                tls.sendall(f"hello {seen['cn']}\n".encode())
                tls.recv(1)  # until SockScope closes
        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        app = sockscope(env, "--connect-tls", f"localhost:{listening.getsockname()[1]}",
                        "--ca", server_cert, "--client-cert", client_cert, "--client-key",
                        client_key)
        wait_bytes(app, 1, "in", len("hello scope-client\n"))
        check(app.stop() == 0, app.stderr)
        thread.join(TIMEOUT)
        listening.close()
        check(seen.get("cn") == "scope-client", f"the server saw {seen}")

        # SockScope's listener asks for one and verifies it against --ca.
        record = os.path.join(workdir, "listener.jsonl")
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond", "echo", "--cert",
                        server_cert, "--key", server_key, "--request-client-cert", "--ca",
                        client_cert, "--record", record)
        port = app.listening_port()
        with_cert = ssl.create_default_context(cafile=server_cert)
        with_cert.load_cert_chain(client_cert, client_key)
        raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        with with_cert.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"mutual\n")
            check(tls.recv(100) == b"mutual\n", "no echo for the client with a certificate")
        mutual = first_accept(app)
        # Without one: TLS 1.3 tells the client at its first read.
        raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        anonymous_port = raw.getsockname()[1]
        failed = False
        try:
            with client_context(server_cert).wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(b"anonymous\n")
                failed = tls.recv(100) == b""
        except (ssl.SSLError, ConnectionResetError):
            failed = True
        check(failed, "a client without a certificate was served")
        anonymous = event_fields(app.wait_line(
            lambda l: l.startswith("accept ") and f"peer=127.0.0.1:{anonymous_port}" in l))["conn"]
        error = event_fields(conn_line(app, "error", anonymous))
        check(error["code"] == "tls-failed" and "did not return a certificate" in error["message"]
              and "certificate required" in error["message"], f"error {error}")
        check(app.stop() == 0, app.stderr)
        records = read_jsonl(record)
        summary = tls_events(records, int(mutual))[0]
        leaf = summary["chain"][0]
        check(summary["ok"] and "CN=scope-client" in leaf["subject"] and leaf["verify"] == "ok",
              f"the listener's view of the client: {summary}")
        check(stream(records, int(mutual), "in") == b"mutual\n", "plaintext not recorded")
    print("client certificates: presented by --client-cert, required by "
          "--request-client-cert: ok")


def peer_gone_mid_echo():
    """A peer that resets while SockScope writes to it: OpenSSL's socket BIO
    writes with write(), whose SIGPIPE once ended the whole process (exit
    141, every connection with it); now that connection fails alone."""
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        ca = export_ca(env, workdir)
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond", "echo")
        port = app.listening_port()
        for _ in range(3):
            raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
            tls = client_context(ca).wrap_socket(raw, server_hostname="localhost")
            tls.sendall(b"y" * 100000)
            tls.shutdown(socket.SHUT_RDWR)  # TCP only: no close_notify, nothing read
            tls.close()
        check(app.proc.poll() is None, f"sockscope died: exit {app.proc.poll()}, {app.lines[-5:]}")
        raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        with client_context(ca).wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"alive\n")
            echoed = b""
            while len(echoed) < 6:
                chunk = tls.recv(4096)
                if not chunk:
                    break
                echoed += chunk
            check(echoed == b"alive\n", f"echo after the gone peers {echoed!r}")
        check(app.stop() == 0, app.stderr)
    print("peers gone mid-echo: their connections fail, the process serves on: ok")


def close_notify_with_the_last_bytes():
    """Data and close_notify in one TCP write, TCP kept open: the listener
    sees the peer's half-close at once, not at the FIN or the end of the run."""
    with tempfile.TemporaryDirectory() as workdir:
        env = isolated_env(workdir)
        ca = export_ca(env, workdir)
        app = sockscope(env, "--listen-tls", "127.0.0.1:0", "--respond", "echo")
        port = app.listening_port()
        raw = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = client_context(ca).wrap_bio(incoming, outgoing, server_hostname="localhost")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                raw.sendall(outgoing.read())
                data = raw.recv(65536)
                check(data, "the listener closed during the handshake")
                incoming.write(data)
        raw.sendall(outgoing.read())
        tls.write(b"hello\n")
        try:
            tls.unwrap()
        except ssl.SSLWantReadError:
            pass
        raw.sendall(outgoing.read())  # the last bytes and close_notify together
        peer = raw.getsockname()[1]
        conn = event_fields(app.wait_line(
            lambda l: l.startswith("accept ") and f"peer=127.0.0.1:{peer}" in l))["conn"]
        line = app.wait_line(lambda l: l.startswith("half-close ") and f"conn={conn} " in l
                             and "by=peer" in l, timeout=10)
        check(line is not None, f"no half-close by the peer: {app.lines}")
        raw.close()
        check(app.stop() == 0, app.stderr)
    print("close_notify read with the last bytes: half-close at once: ok")


def main():
    started = time.monotonic()
    curl_verifies_the_local_ca()
    client_alpn_with_s_server()
    client_refuses_the_wrong_ca()
    python_client_through_tls_relay()
    both_legs_with_a_certificate_per_name()
    keylog_and_pcapng()
    unusable_certificate_files()
    expired_server_certificate()
    garbage_instead_of_client_hello()
    client_certificates_both_ways()
    peer_gone_mid_echo()
    close_notify_with_the_last_bytes()
    print(f"tls: ok in {time.monotonic() - started:.1f}s")


main()
