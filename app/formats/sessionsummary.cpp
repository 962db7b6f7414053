#include "formats/sessionsummary.h"

#include <QHash>

namespace sockscope {

namespace {

// "reset: …", after a half-close "Peer half-closed, then reset: …".
QString failureText(const ConnectionSummary& c, const CaptureEvent& e) {
    const QString failure = QStringLiteral("%1: %2").arg(
        e.error == ErrorCode::None ? QStringLiteral("error") : errorCodeName(e.error), e.message);
    if (c.closing.kind() == ConnectionEnding::Kind::Open)
        return failure;
    return c.closing.text(ConnectionEnding::Wording::English) + QStringLiteral(", then ") + failure;
}

void addConnectionEvent(ConnectionSummary& c, const CaptureEvent& e) {
    if (c.startUs == 0)
        c.startUs = e.timeUs;
    c.lastUs = e.timeUs;
    if (!e.local.isNull())
        c.local = e.local;
    if (!e.peer.isNull())
        c.peer = e.peer;
    switch (e.kind) {
    case EventKind::Accept:
        c.listener = e.listener;
        c.pair = e.pair;
        c.startUs = e.timeUs;
        break;
    case EventKind::Connect:
        c.target = e.target;
        c.pair = e.pair;
        c.startUs = e.timeUs;
        break;
    case EventKind::Data:
        (e.dir == Direction::In ? c.bytesIn : c.bytesOut) += e.data.size();
        break;
    case EventKind::HalfClose:
    case EventKind::Close:
        if (!c.failed) {
            c.closing.observe(e);
            c.ending = c.closing.text(ConnectionEnding::Wording::English);
        }
        if (e.kind == EventKind::Close)
            c.endUs = e.timeUs;
        break;
    case EventKind::Error:
        if (!c.failed && !c.closing.isClosed())
            c.ending = failureText(c, e);
        c.failed = true;
        c.endUs = e.timeUs;
        break;
    default:
        break;
    }
    c.ephemeralPort = (c.listener != 0 ? c.peer : c.local).port();
}

} // namespace

SessionSummary summarizeSession(const EventBatch& events) {
    SessionSummary s;
    QHash<int, qsizetype> listenerIndex;
    QHash<int, qsizetype> connectionIndex;
    for (const CaptureEvent& e : events) {
        if (e.kind == EventKind::Drop) {
            s.drops.append(e);
            continue;
        }
        if (s.firstUs == 0)
            s.firstUs = e.timeUs;
        s.lastUs = e.timeUs;
        if (e.conn != 0) {
            auto found = connectionIndex.constFind(e.conn);
            if (found == connectionIndex.cend()) {
                found = connectionIndex.insert(e.conn, s.connections.size());
                ConnectionSummary c;
                c.id = e.conn;
                s.connections.append(c);
            }
            addConnectionEvent(s.connections[*found], e);
            continue;
        }
        if (e.kind == EventKind::Listen) {
            listenerIndex.insert(e.listener, s.listeners.size());
            ListenerSummary l;
            l.id = e.listener;
            l.local = e.local;
            l.backlog = e.backlog;
            l.responder = e.responder;
            l.openedUs = e.timeUs;
            s.listeners.append(l);
        } else if (e.kind == EventKind::Close && listenerIndex.contains(e.listener)) {
            s.listeners[listenerIndex.value(e.listener)].closedUs = e.timeUs;
        } else if (e.kind == EventKind::Error) {
            s.listenerErrors.append(e);
        }
    }
    return s;
}

} // namespace sockscope
