#!/usr/bin/env python3
"""The HOWTO's one-exchange client: connect, send a request, shut down the
write side, read until the server closes. Reads on a second thread while
sending, so a large echo cannot deadlock on full socket buffers.

usage: one_exchange_client.py HOST PORT SIZE_BYTES [--ipv6]
prints: "<bytes received> <sha256 of sent> <sha256 of received>"
"""
import hashlib
import os
import socket
import sys
import threading

host, port, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
payload = os.urandom(size)
sock = socket.create_connection((host, port), timeout=60)
received = bytearray()


def reader():
    while True:
        chunk = sock.recv(1 << 16)
        if not chunk:
            return
        received.extend(chunk)


thread = threading.Thread(target=reader)
thread.start()
sock.sendall(payload)
sock.shutdown(socket.SHUT_WR)
thread.join(timeout=120)
sock.close()
print(len(received), hashlib.sha256(payload).hexdigest(), hashlib.sha256(received).hexdigest())
