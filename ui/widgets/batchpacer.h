#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"

#include <QObject>
#include <QTimer>

#include <deque>

namespace sockscope {

// Hands a session's batches on in slices of at most maxEvents() events per
// pass of the event loop. The engine coalesces a burst of connections into
// one batch of tens of thousands of events; applied at once, the window
// could neither paint nor take input until it was done. Between slices the
// loop runs (a zero-interval timer), so a long backlog costs many short
// passes instead of one long one.
//
// Order is kept, across batches too: a batch that arrives while a backlog
// waits queues behind it. Each slice carries the stats of the batch it came
// from, so the last slice leaves the stats of the last batch. A batch that
// fits and finds no backlog goes on at once, as if there were no pacer.
class BatchPacer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchPacer)
public:
    static constexpr qsizetype kDefaultMaxEvents = 2000;

    explicit BatchPacer(QObject* parent = nullptr, qsizetype maxEvents = kDefaultMaxEvents);

    void push(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);

    qsizetype maxEvents() const { return m_maxEvents; }
    // True when every event pushed has been handed on.
    bool isIdle() const { return m_backlog.empty(); }

Q_SIGNALS:
    void sliceReady(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    // The last event of one pushed batch has just been handed on (once per
    // push, in order): the engine may count that batch as consumed.
    void batchHandedOn();
    // The backlog has just been handed on completely.
    void drained();

private:
    struct Pending {
        EventBatch events;
        SessionStats stats;
        qsizetype next = 0; // the first event not yet handed on
    };

    void runPass();

    std::deque<Pending> m_backlog;
    QTimer m_nextPass;
    qsizetype m_maxEvents;
};

} // namespace sockscope
