#include "capture/capturestore.h"

#include <QMutexLocker>

#include <algorithm>

namespace sockscope {

CaptureStore::CaptureStore(qint64 budgetBytes)
    : m_budget(std::max<qint64>(budgetBytes, 0)) {
}

qint64 CaptureStore::costOf(const CaptureEvent& event) {
    return kEventOverhead + event.data.size();
}

void CaptureStore::append(const CaptureEvent& event) {
    QMutexLocker lock(&m_mutex);
    m_events.push_back(event);
    m_used += costOf(event);
    evictLocked();
}

void CaptureStore::evictLocked() {
    while (m_used > m_budget && !m_events.empty()) {
        const CaptureEvent& oldest = m_events.front();
        DropCount& perConn = m_dropped[oldest.conn];
        for (DropCount* count : {&perConn, &m_total}) {
            count->events += 1;
            count->bytes += oldest.data.size();
            count->lastTimeUs = oldest.timeUs;
        }
        m_used -= costOf(oldest);
        m_events.pop_front();
    }
}

EventBatch CaptureStore::snapshot() const {
    QMutexLocker lock(&m_mutex);
    EventBatch out;
    out.reserve(qsizetype(m_events.size()) + m_dropped.size());
    QList<int> conns = m_dropped.keys();
    std::sort(conns.begin(), conns.end());
    for (int conn : conns) {
        const DropCount& d = m_dropped.value(conn);
        CaptureEvent drop;
        drop.kind = EventKind::Drop;
        drop.timeUs = d.lastTimeUs;
        drop.conn = conn;
        drop.size = d.bytes;
        drop.count = d.events;
        drop.message = QStringLiteral("capture budget exceeded: oldest events dropped");
        out.append(drop);
    }
    out.append(EventBatch(m_events.begin(), m_events.end()));
    return out;
}

EventBatch CaptureStore::eventsFrom(quint64 fromSeq) const {
    QMutexLocker lock(&m_mutex);
    auto first = std::lower_bound(m_events.begin(), m_events.end(), fromSeq,
                                  [](const CaptureEvent& e, quint64 seq) { return e.seq < seq; });
    return EventBatch(first, m_events.end());
}

std::optional<CaptureEvent> CaptureStore::event(quint64 seq) const {
    QMutexLocker lock(&m_mutex);
    // Events are appended in seq order.
    const auto at = std::lower_bound(m_events.begin(), m_events.end(), seq,
                                     [](const CaptureEvent& e, quint64 s) { return e.seq < s; });
    if (at == m_events.end() || at->seq != seq)
        return std::nullopt;
    return *at;
}

EventBatch CaptureStore::dataOf(int conn) const {
    QMutexLocker lock(&m_mutex);
    EventBatch out;
    for (const CaptureEvent& e : m_events) {
        if (e.conn == conn && e.kind == EventKind::Data)
            out.append(e);
    }
    return out;
}

qint64 CaptureStore::budget() const {
    return m_budget;
}

qint64 CaptureStore::usedBytes() const {
    QMutexLocker lock(&m_mutex);
    return m_used;
}

qint64 CaptureStore::eventCount() const {
    QMutexLocker lock(&m_mutex);
    return qint64(m_events.size());
}

quint64 CaptureStore::firstRetainedSeq() const {
    QMutexLocker lock(&m_mutex);
    return m_events.empty() ? 0 : m_events.front().seq;
}

DropCount CaptureStore::totalDropped() const {
    QMutexLocker lock(&m_mutex);
    return m_total;
}

QHash<int, DropCount> CaptureStore::droppedByConnection() const {
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

} // namespace sockscope
