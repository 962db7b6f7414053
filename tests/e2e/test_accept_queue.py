"""The HOWTO's backlog, seen from outside: a listener with backlog 2 whose
process is stopped (so it calls accept() no more) lets the kernel complete
three handshakes; --list-sockets shows them waiting in the LISTEN socket's
receive queue and the other clients stuck in SYN_SENT. Once the process
runs again, every client is accepted with its own ephemeral port."""
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from sockscope_e2e import BINARY, DEADLINE_S, Headless, check, fields  # noqa: E402


def list_sockets():
    done = subprocess.run([BINARY, "--list-sockets"], capture_output=True, text=True,
                          timeout=DEADLINE_S)
    check(done.returncode == 0, f"--list-sockets exit code {done.returncode}: {done.stderr}")
    return [fields(line) | {"kind": line.split()[0]} for line in done.stdout.splitlines()]


def connected(client):
    try:
        client.getpeername()
        return True
    except OSError:
        return False


def wait_for(predicate, what):
    end = time.monotonic() + DEADLINE_S
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def stopped(pid):
    """Every thread of pid is stopped: SIGSTOP takes effect asynchronously."""
    tasks = os.listdir(f"/proc/{pid}/task")
    states = []
    for task in tasks:
        with open(f"/proc/{pid}/task/{task}/stat") as f:
            states.append(f.read().rsplit(")", 1)[1].split()[0])
    return all(state == "T" for state in states)


def main():
    app = Headless("--listen", "127.0.0.1:0", "--backlog", "2")
    port = app.listening_port()
    os.kill(app.proc.pid, signal.SIGSTOP)
    wait_for(lambda: stopped(app.proc.pid), "sockscope to stop")
    clients = []
    try:
        for i in range(5):
            client = socket.socket()
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
            clients.append(client)
            if i < 3:  # Linux queues backlog + 1
                wait_for(lambda: connected(client), f"client {i + 1} to connect")
        ports = [c.getsockname()[1] for c in clients]
        lines = list_sockets()
        listener = next(l for l in lines if l.get("state") == "LISTEN"
                        and l.get("local") == f"127.0.0.1:{port}")
        check(listener["rx-queue"] == "3", f"accept queue {listener}")
        check(listener.get("pid") == str(app.proc.pid) and listener.get("process") == "sockscope",
              f"owner of the listener: {listener}")
        for stuck in ports[3:]:
            line = next(l for l in lines if l.get("local") == f"127.0.0.1:{stuck}"
                        and l.get("remote") == f"127.0.0.1:{port}")
            check(line["state"] == "SYN_SENT", f"client beyond the backlog: {line}")
        check(not any(connected(c) for c in clients[3:]), "a client beyond the backlog connected")
        ephemeral = next(l for l in lines if l["kind"] == "ephemeral-ports")
        check(all(int(ephemeral["first"]) <= p <= int(ephemeral["last"]) for p in ports),
              f"client ports {ports} outside {ephemeral}")
    finally:
        os.kill(app.proc.pid, signal.SIGCONT)
    # The queue drains in order; the stuck clients get in with their next SYN.
    for client_port in ports:
        app.wait_line(lambda l: l.startswith("accept ")
                      and fields(l)["peer"] == f"127.0.0.1:{client_port}")
    accepted = [fields(l)["peer"] for l in app.lines if l.startswith("accept ")]
    check(accepted[:3] == [f"127.0.0.1:{p}" for p in ports[:3]], f"accept order {accepted}")
    for client in clients:
        client.close()
    code = app.stop(signal.SIGINT)
    check(code == 0, f"exit code {code}; stderr: {app.stderr}")
    print("accept queue: ok")


main()
