#pragma once

// Events for the format tests: a small session that uses every event kind
// and field, IPv4 and IPv6 endpoints and binary payloads.

#include "base/captureevent.h"

#include <QStringList>

namespace sockscope::fixture {

inline constexpr qint64 kStartUs = 1795610846123456; // 2026-11-25T12:47:26.123456Z

inline QByteArray allByteValues() {
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    return bytes;
}

// Designated initializers would be shorter, but -Wextra flags every member
// without a default initializer that they leave out.
template <typename Fill> CaptureEvent event(quint64 seq, EventKind kind, Fill&& fill) {
    CaptureEvent e;
    e.seq = seq;
    e.timeUs = kStartUs + qint64(seq) * 1000;
    e.kind = kind;
    fill(e);
    return e;
}

inline CaptureEvent data(quint64 seq, int conn, Direction dir, const QByteArray& bytes) {
    return event(seq, EventKind::Data, [&](CaptureEvent& e) {
        e.conn = conn;
        e.dir = dir;
        e.data = bytes;
        e.size = bytes.size();
    });
}

inline EventBatch session() {
    using K = EventKind;
    return {
        event(0, K::Drop,
              [](CaptureEvent& e) {
                  e.conn = 1;
                  e.size = 100;
                  e.count = 3;
                  e.message = QStringLiteral("capture budget exceeded: oldest events dropped");
              }),
        event(1, K::Listen,
              [](CaptureEvent& e) {
                  e.listener = 1;
                  e.local = *SocketAddress::fromString(u"127.0.0.1:8080");
                  e.responder = QStringLiteral("echo");
                  e.backlog = 1024;
              }),
        event(2, K::Listen,
              [](CaptureEvent& e) {
                  e.listener = 2;
                  e.local = *SocketAddress::fromString(u"[::1]:8443");
                  e.responder = QStringLiteral("reply:/tmp/a \"quoted\" file.txt");
                  e.backlog = 50;
              }),
        event(3, K::Accept,
              [](CaptureEvent& e) {
                  e.conn = 1;
                  e.listener = 1;
                  e.local = *SocketAddress::fromString(u"127.0.0.1:8080");
                  e.peer = *SocketAddress::fromString(u"127.0.0.1:51000");
              }),
        data(4, 1, Direction::In, "GET / HTTP/1.0\r\nHost: x\r\n\r\n"),
        data(5, 1, Direction::Out, QByteArray("\x00\xff\xfe<script>alert(1)</script>\xc3", 30)),
        event(6, K::HalfClose,
              [](CaptureEvent& e) {
                  e.conn = 1;
                  e.by = Closer::Peer;
              }),
        event(7, K::Close,
              [](CaptureEvent& e) {
                  e.conn = 1;
                  e.by = Closer::Peer; // whose FIN came first
              }),
        event(8, K::Connect,
              [](CaptureEvent& e) {
                  e.conn = 2;
                  e.target = QStringLiteral("localhost:9000");
              }),
        event(9, K::Connected,
              [](CaptureEvent& e) {
                  e.conn = 2;
                  e.local = *SocketAddress::fromString(u"[::1]:40000");
                  e.peer = *SocketAddress::fromString(u"[::1]:9000");
              }),
        data(10, 2, Direction::Out, "hello\n"),
        data(11, 2, Direction::In, allByteValues()),
        event(12, K::Error,
              [](CaptureEvent& e) {
                  e.conn = 2;
                  e.error = ErrorCode::Reset;
                  e.message = QStringLiteral("The remote host closed the connection");
              }),
        event(13, K::Close,
              [](CaptureEvent& e) {
                  e.conn = 2;
                  e.by = Closer::Peer;
              }),
        event(14, K::Error,
              [](CaptureEvent& e) {
                  e.listener = 3;
                  e.local = *SocketAddress::fromString(u"127.0.0.1:80");
                  e.error = ErrorCode::InUse;
                  e.message = QStringLiteral("Address already in use: \"80\"\n\t\\ é ☃ 😀 \x01");
              }),
        event(15, K::Close,
              [](CaptureEvent& e) {
                  e.listener = 1;
                  e.by = Closer::Local;
              }),
    };
}

// The first field in which two events differ, or an empty string.
inline QString difference(const CaptureEvent& a, const CaptureEvent& b) {
    QStringList diffs;
    auto check = [&](bool same, const char* field) {
        if (!same)
            diffs << QString::fromLatin1(field);
    };
    check(a.seq == b.seq, "seq");
    check(a.timeUs == b.timeUs, "ts");
    check(a.kind == b.kind, "event");
    check(a.conn == b.conn, "conn");
    check(a.listener == b.listener, "listener");
    check(a.dir == b.dir, "dir");
    check(a.by == b.by, "by");
    check(a.reset == b.reset, "reset");
    check(a.local == b.local, "local");
    check(a.peer == b.peer, "peer");
    check(a.data == b.data, "data");
    check(a.size == b.size, "size");
    check(a.count == b.count, "count");
    check(a.error == b.error, "error");
    check(a.message == b.message, "message");
    check(a.responder == b.responder, "responder");
    check(a.target == b.target, "target");
    check(a.backlog == b.backlog, "backlog");
    check(a.pair == b.pair, "pair");
    return diffs.join(u", ");
}

} // namespace sockscope::fixture
