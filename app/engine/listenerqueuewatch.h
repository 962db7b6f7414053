#pragma once

#include "base/listenerqueue.h"

#include <QHash>
#include <QTimer>

#include <functional>
#include <memory>
#include <unordered_map>

namespace sockscope {

class Listener;

// A session's listening listeners' accept queues as the kernel sees them
// (SessionStats::listenerQueues), read from the kernel by polling.
class ListenerQueueWatch final {
    Q_DISABLE_COPY_MOVE(ListenerQueueWatch)
public:
    // Accept queues are polled often while a listener is paused, to watch
    // them fill, and slowly otherwise, since a burst of connects queues too.
    static constexpr int kQueuePollPausedMs = 100;
    static constexpr int kQueuePollMs = 1000;

    using Listeners = std::unordered_map<int, std::unique_ptr<Listener>>;
    // listeners: the session's, read at each poll. changed: the queues
    // changed. timerParent: the session, whose thread the timer runs on.
    ListenerQueueWatch(const Listeners& listeners, std::function<void()> changed,
                       QObject* timerParent);

    // A listener started listening with the backlog it asked for.
    void added(int id, int backlog);
    void removed(int id);
    // A listener paused or resumed accepting.
    void pausedChanged();
    const QHash<int, ListenerQueue>& queues() const { return m_queues; }

private:
    void refresh();
    void updatePolling();

    const Listeners& m_listeners;
    const std::function<void()> m_changed;
    QHash<int, ListenerQueue> m_queues;
    QTimer m_timer;
};

} // namespace sockscope
