#pragma once

#include "base/captureevent.h"

#include <QTimer>

#include <functional>

namespace sockscope {

class Poller;

// A session's events on their way to its consumer, in coalesced batches,
// so that a flood costs one signal per frame, not one per read; and the
// flow control between the sockets and the consumer (docs/design.md,
// "Every queue is bounded"). While batches out but not yet acknowledged
// cost more than the limit (eventCost()), no socket is served until they
// fall to a quarter of it. A batch goes out before its timer once it holds
// an eighth of the limit, so one pass over hundreds of busy sockets cannot
// pile up in it either.
class EventBatcher final {
    Q_DISABLE_COPY_MOVE(EventBatcher)
public:
    // Batches go out at most this often: ~60 per second.
    static constexpr int kBatchIntervalMs = 16;
    static constexpr qint64 kDefaultUnackedLimit = 8 * 1024 * 1024;
    // What an event costs in memory until its consumer is done with it.
    static qint64 eventCost(const CaptureEvent& event);

    // poller: suspended while too much is unacknowledged. send: hands a
    // batch to the consumer, with its cost. due: the batch timer fired (the
    // session flushes then). timerParent: the session, whose thread the
    // timer runs on.
    EventBatcher(Poller& poller, std::function<void(const EventBatch&, qint64 cost)> send,
                 std::function<void()> due, QObject* timerParent);

    // Sends the batch at once if it has grown to an eighth of the limit;
    // otherwise starts the timer.
    void add(CaptureEvent event);
    // A running total (a Drop with seq 0), sent with the next batch. It
    // costs memory until acknowledged like any event: a flood over 10,000
    // connections changes that many totals a second.
    void addTotal(CaptureEvent event) {
        m_pendingBytes += eventCost(event);
        m_pending.append(std::move(event));
    }
    // Stats worth a batch even without events; starts the timer.
    void statsChanged();
    // Sends what is pending, or the stats alone if they changed.
    void flush();
    void stopTimer() { m_timer.stop(); }
    // The consumer is done with batches that cost this much; reading
    // resumes once little is left unacknowledged.
    void acknowledge(qint64 cost);
    void setUnackedLimit(qint64 bytes);

private:
    void send();

    Poller& m_poller;
    const std::function<void(const EventBatch&, qint64)> m_send;
    EventBatch m_pending;
    qint64 m_pendingBytes = 0; // eventCost() of m_pending
    qint64 m_unackedBytes = 0; // sent in batches, not yet acknowledged
    qint64 m_unackedLimit = kDefaultUnackedLimit;
    bool m_statsChanged = false;
    QTimer m_timer;
};

} // namespace sockscope
