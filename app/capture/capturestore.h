#pragma once

#include "capture/captureevent.h"

#include <QHash>
#include <QMutex>

#include <deque>
#include <optional>

namespace sockscope {

// Totals of what the budget forced out of the store; never reset while the
// session lives, so a loss is always visible.
struct DropCount {
    qint64 events = 0;
    qint64 bytes = 0; // payload bytes of the dropped Data events
    qint64 lastTimeUs = 0;
};

// The session's record: every event in order, bounded by a byte budget.
// When the budget is exceeded the oldest events are dropped and counted per
// connection. Thread-safe: the engine thread appends, the GUI thread and the
// exporters read snapshots.
class CaptureStore final {
public:
    static constexpr qint64 kDefaultBudget = 256ll * 1024 * 1024;
    // Bookkeeping per event, charged to the budget so that a storm of tiny
    // chunks cannot grow memory without bound either.
    static constexpr qint64 kEventOverhead = 192;

    explicit CaptureStore(qint64 budgetBytes = kDefaultBudget);
    Q_DISABLE_COPY_MOVE(CaptureStore)

    void append(const CaptureEvent& event);

    // The retained events, preceded by one Drop event per connection that
    // lost events (conn 0 collects listener-level events).
    EventBatch snapshot() const;
    // Retained events with seq >= fromSeq (no Drop summaries).
    EventBatch eventsFrom(quint64 fromSeq) const;
    // Just the Data events of one connection, for "follow stream" views.
    EventBatch dataOf(int conn) const;
    // The retained event seq, whole payload included; nullopt once evicted.
    std::optional<CaptureEvent> event(quint64 seq) const;

    qint64 budget() const;
    qint64 usedBytes() const;
    qint64 eventCount() const;
    quint64 firstRetainedSeq() const; // 0 when empty
    DropCount totalDropped() const;
    QHash<int, DropCount> droppedByConnection() const;

private:
    static qint64 costOf(const CaptureEvent& event);
    void evictLocked();

    mutable QMutex m_mutex;
    const qint64 m_budget;
    qint64 m_used = 0;
    std::deque<CaptureEvent> m_events;
    DropCount m_total;
    QHash<int, DropCount> m_dropped;
};

} // namespace sockscope
