#include "savedsession.h"

#include <QSet>

namespace sockscope {

SavedSession::SavedSession(const QString& filePath, EventBatch events, QObject* parent)
    : SessionSource(parent)
    , m_filePath(filePath)
    , m_events(std::move(events)) {
}

SessionStats SavedSession::statsOf(const EventBatch& events) {
    SessionStats stats;
    QSet<int> listening;
    QSet<int> open;
    for (const CaptureEvent& e : events) {
        switch (e.kind) {
        case EventKind::Listen:
            listening.insert(e.listener);
            break;
        case EventKind::Accept:
        case EventKind::Connected:
            open.insert(e.conn);
            break;
        case EventKind::Data:
            (e.dir == Direction::Out ? stats.bytesOut : stats.bytesIn) += e.size;
            break;
        case EventKind::Close:
        case EventKind::Error:
            if (e.conn != 0)
                open.remove(e.conn);
            else
                listening.remove(e.listener);
            break;
        case EventKind::Drop:
            stats.dropped.events += e.count;
            stats.dropped.bytes += e.size;
            break;
        default:
            break;
        }
    }
    stats.listeners = int(listening.size());
    stats.openConnections = int(open.size());
    return stats;
}

EventBatch SavedSession::dataOf(int conn) const {
    EventBatch data;
    for (const CaptureEvent& e : m_events) {
        if (e.kind == EventKind::Data && e.conn == conn)
            data.append(e);
    }
    return data;
}

std::optional<QByteArray> SavedSession::payloadOf(quint64 seq) const {
    // The reader checks every payload against its size, so a saved session's
    // batches are never previews; this only serves callers that ask by seq.
    // A linear search: a hand-edited file need not keep seq order.
    for (const CaptureEvent& e : m_events) {
        if (e.kind == EventKind::Data && e.seq == seq)
            return e.data;
    }
    return std::nullopt;
}

void SavedSession::replay() {
    Q_EMIT batchReady(m_events, statsOf(m_events));
}

} // namespace sockscope
