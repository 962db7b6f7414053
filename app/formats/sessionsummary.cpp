#include "formats/sessionsummary.h"

#include <QHash>

namespace sockscope {

namespace {

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
        c.startUs = e.timeUs;
        break;
    case EventKind::Connect:
        c.target = e.target;
        c.startUs = e.timeUs;
        break;
    case EventKind::Data:
        (e.dir == Direction::In ? c.bytesIn : c.bytesOut) += e.data.size();
        break;
    case EventKind::HalfClose:
        c.ending << QStringLiteral("half-closed by %1").arg(closerName(e.by));
        break;
    case EventKind::Close:
        c.ending << (e.by == Closer::None ? QStringLiteral("closed")
                                          : QStringLiteral("closed by %1").arg(closerName(e.by)));
        c.endUs = e.timeUs;
        break;
    case EventKind::Error:
        c.ending << QStringLiteral("%1: %2").arg(
            e.error == ErrorCode::None ? QStringLiteral("error") : errorCodeName(e.error),
            e.message);
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
