#include "batchpacer.h"

#include <QPointer>

namespace sockscope {

BatchPacer::BatchPacer(QObject* parent, qsizetype maxEvents)
    : QObject(parent)
    , m_maxEvents(std::max<qsizetype>(1, maxEvents)) {
    m_nextPass.setSingleShot(true);
    m_nextPass.setInterval(0);
    connect(&m_nextPass, &QTimer::timeout, this, &BatchPacer::runPass);
}

void BatchPacer::push(const EventBatch& events, const SessionStats& stats) {
    if (m_backlog.empty() && events.size() <= m_maxEvents) {
        const QPointer<BatchPacer> alive(this);
        Q_EMIT sliceReady(events, stats);
        if (alive)
            Q_EMIT batchHandedOn();
        return;
    }
    const bool wasIdle = m_backlog.empty();
    m_backlog.push_back({events, stats, 0});
    // A new backlog starts with a slice now, as a small batch would; one
    // already waiting keeps its own pace.
    if (wasIdle)
        runPass();
}

void BatchPacer::runPass() {
    // A receiver may delete the pacer (its window closed) while a slice is
    // being handed on; the rest of the backlog then goes with it.
    const QPointer<BatchPacer> alive(this);
    qsizetype budget = m_maxEvents;
    while (budget > 0 && !m_backlog.empty()) {
        Pending& front = m_backlog.front();
        const qsizetype count = std::min(budget, front.events.size() - front.next);
        EventBatch slice = front.next == 0 && count == front.events.size()
                               ? front.events
                               : front.events.mid(front.next, count);
        SessionStats stats = front.stats;
        front.next += count;
        budget -= count;
        const bool lastOfBatch = front.next == front.events.size();
        if (lastOfBatch)
            m_backlog.pop_front();
        // The backlog is consistent before the receivers run: one of them
        // may push again.
        Q_EMIT sliceReady(slice, stats);
        if (!alive)
            return;
        if (lastOfBatch) {
            Q_EMIT batchHandedOn();
            if (!alive)
                return;
        }
    }
    if (!m_backlog.empty())
        m_nextPass.start();
    else
        Q_EMIT drained();
}

} // namespace sockscope
