#pragma once

// Test support: builds the events the engine would send, with gapless seq
// numbers and increasing timestamps, so model tests can feed realistic batches.
#include "base/captureevent.h"

namespace sockscope {

// "127.0.0.1:80" as the binary address events carry; a test's typo is fatal.
inline SocketAddress addr(QStringView text) {
    const std::optional<SocketAddress> address = SocketAddress::fromString(text);
    if (!address)
        qFatal("not an ADDR:PORT: %s", qPrintable(text.toString()));
    return *address;
}

class EventFactory final {
public:
    static constexpr qint64 kStartUs = 1'764'000'000'000'000; // late 2025

    CaptureEvent listen(int listener, const QString& local, int backlog = 1024,
                        const QString& responder = QStringLiteral("echo")) {
        CaptureEvent e = next(EventKind::Listen);
        e.listener = listener;
        e.local = addr(local);
        e.backlog = backlog;
        e.responder = responder;
        return e;
    }
    CaptureEvent listenerFailed(int listener, const QString& local, ErrorCode code,
                                const QString& message) {
        CaptureEvent e = next(EventKind::Error);
        e.listener = listener;
        e.local = addr(local);
        e.error = code;
        e.message = message;
        return e;
    }
    CaptureEvent listenerStopped(int listener) {
        CaptureEvent e = next(EventKind::Close);
        e.listener = listener;
        e.by = Closer::Local;
        return e;
    }
    CaptureEvent accept(int conn, int listener, const QString& local, const QString& peer) {
        CaptureEvent e = next(EventKind::Accept);
        e.conn = conn;
        e.listener = listener;
        e.local = addr(local);
        e.peer = addr(peer);
        return e;
    }
    CaptureEvent connect(int conn, const QString& target) {
        CaptureEvent e = next(EventKind::Connect);
        e.conn = conn;
        e.target = target;
        return e;
    }
    CaptureEvent connected(int conn, const QString& local, const QString& peer) {
        CaptureEvent e = next(EventKind::Connected);
        e.conn = conn;
        e.local = addr(local);
        e.peer = addr(peer);
        return e;
    }
    CaptureEvent data(int conn, Direction dir, const QByteArray& bytes) {
        CaptureEvent e = next(EventKind::Data);
        e.conn = conn;
        e.dir = dir;
        e.data = bytes;
        e.size = bytes.size();
        return e;
    }
    CaptureEvent halfClose(int conn, Closer by) {
        CaptureEvent e = next(EventKind::HalfClose);
        e.conn = conn;
        e.by = by;
        return e;
    }
    CaptureEvent close(int conn, Closer by) {
        CaptureEvent e = next(EventKind::Close);
        e.conn = conn;
        e.by = by;
        return e;
    }
    // Our Abort: a close with an RST.
    CaptureEvent reset(int conn, Closer by = Closer::Local) {
        CaptureEvent e = close(conn, by);
        e.reset = true;
        e.message = QStringLiteral("RST sent (SO_LINGER 0); nothing was left to send or read");
        return e;
    }
    CaptureEvent error(int conn, ErrorCode code, const QString& message) {
        CaptureEvent e = next(EventKind::Error);
        e.conn = conn;
        e.error = code;
        e.message = message;
        return e;
    }
    CaptureEvent drop(int conn, qint64 bytes, qint64 events) {
        CaptureEvent e = next(EventKind::Drop);
        e.conn = conn;
        e.size = bytes;
        e.count = events;
        return e;
    }

    quint64 lastSeq() const { return m_seq; }

private:
    CaptureEvent next(EventKind kind) {
        CaptureEvent e;
        e.kind = kind;
        e.seq = ++m_seq;
        e.timeUs = kStartUs + qint64(m_seq) * 1500;
        return e;
    }

    quint64 m_seq = 0;
};

} // namespace sockscope
