"""The socket HOWTO's own snippets against the real executable: Python's
create_connection to a SockScope listener, and SockScope's client to a
Python server socket. Ephemeral ports shown must match getsockname()."""
import os
import signal
import socket
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import Headless, check, fields, read_jsonl, stream  # noqa: E402


def python_client_to_sockscope_echo(workdir):
    export = os.path.join(workdir, "echo.jsonl")
    app = Headless("--listen", "127.0.0.1:0", "--respond", "echo", "--export", export)
    port = app.listening_port()
    payload = bytes(range(256)) * 64 + b"\x00\xff invalid \xc3\x28 utf8"
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    my_port = s.getsockname()[1]
    s.sendall(payload)
    s.shutdown(socket.SHUT_WR)  # the HOWTO's one exchange
    echoed = b""
    while chunk := s.recv(65536):
        echoed += chunk
    s.close()
    check(echoed == payload, f"echo returned {len(echoed)} of {len(payload)} bytes")
    accept = app.wait_line(lambda l: l.startswith("accept "))
    check(fields(accept)["peer"] == f"127.0.0.1:{my_port}",
          f"accept line {accept!r} does not show the client's port {my_port}")
    app.wait_line(lambda l: l.startswith("close "))
    code = app.stop(signal.SIGINT)
    check(code == 0, f"exit code {code} after SIGINT; stderr: {app.stderr}")
    records = read_jsonl(export)
    check(records[0]["event"] == "header" and records[0]["version"] == 3, "header line missing")
    conn = next(r["conn"] for r in records if r["event"] == "accept")
    check(stream(records, conn, "in") == payload, "export lost received bytes")
    check(stream(records, conn, "out") == payload, "export lost sent bytes")
    for record in records:
        check("ts" in record and record["ts"].endswith("Z") and len(record["ts"]) == 27,
              f"bad ts in {record}")


def sockscope_client_to_python_server(workdir):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    port = server.getsockname()[1]
    export = os.path.join(workdir, "client.jsonl")
    app = Headless("--connect", f"127.0.0.1:{port}", "--send", "GET / HTTP/1.0\r\n\r\n",
                   "--half-close", "--export", export)
    server.settimeout(10)
    peer, (_, peer_port) = server.accept()
    request = b""
    while chunk := peer.recv(4096):
        request += chunk
    peer.sendall(b"HTTP/1.0 200 OK\r\n\r\nhi")
    peer.close()
    server.close()
    connected = app.wait_line(lambda l: l.startswith("connected "))
    check(fields(connected)["local"] == f"127.0.0.1:{peer_port}",
          f"connected line {connected!r} does not show the port the server saw ({peer_port})")
    code = app.finish()  # clients-only run ends when its clients are done
    check(code == 0, f"exit code {code}; stderr: {app.stderr}")
    check(request == b"GET / HTTP/1.0\r\n\r\n", f"server got {request!r}")
    records = read_jsonl(export)
    conn = next(r["conn"] for r in records if r["event"] == "connected")
    check(stream(records, conn, "in") == b"HTTP/1.0 200 OK\r\n\r\nhi", "reply not captured")


def main():
    with tempfile.TemporaryDirectory() as workdir:
        python_client_to_sockscope_echo(workdir)
        sockscope_client_to_python_server(workdir)
    print("howto peers: ok")


main()
