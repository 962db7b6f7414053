#include "engine/listenerqueuewatch.h"

#include "engine/listener.h"
#include "system/kernelsettings.h"
#include "system/listenqueues.h"

#include <algorithm>
#include <utility>

namespace sockscope {

ListenerQueueWatch::ListenerQueueWatch(const Listeners& listeners, std::function<void()> changed,
                                       QObject* timerParent)
    : m_listeners(listeners)
    , m_changed(std::move(changed))
    , m_timer(timerParent) { // parented, so moveToThread takes it along
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { refresh(); });
}

void ListenerQueueWatch::added(int id, int backlog) {
    ListenerQueue queue;
    // What listen() made of the request, until the kernel is asked.
    queue.backlog = std::min(backlog, readSomaxconn().value_or(backlog));
    m_queues.insert(id, queue);
    updatePolling();
}

void ListenerQueueWatch::removed(int id) {
    m_queues.remove(id);
    updatePolling();
}

void ListenerQueueWatch::pausedChanged() {
    refresh();
    updatePolling();
}

void ListenerQueueWatch::refresh() {
    if (m_listeners.empty())
        return;
    QString error; // a queue that cannot be read shows as -1
    const QHash<quint64, ListenQueueInfo> kernel = readListenQueues(&error);
    QHash<int, ListenerQueue> queues = m_queues;
    for (auto it = queues.begin(); it != queues.end(); ++it) {
        const auto owner = m_listeners.find(it.key());
        const Listener* listener = owner != m_listeners.end() ? owner->second.get() : nullptr;
        const auto found = listener ? kernel.constFind(listener->socketInode()) : kernel.cend();
        it->paused = listener && listener->isPaused();
        it->queued = found != kernel.cend() ? found->queued : -1;
        if (found != kernel.cend() && found->backlog >= 0)
            it->backlog = found->backlog;
    }
    if (queues != m_queues) {
        m_queues = std::move(queues);
        m_changed();
    }
}

void ListenerQueueWatch::updatePolling() {
    if (m_listeners.empty()) {
        m_timer.stop();
        return;
    }
    const bool anyPaused = std::any_of(m_listeners.cbegin(), m_listeners.cend(),
                                       [](const auto& entry) { return entry.second->isPaused(); });
    const int interval = anyPaused ? kQueuePollPausedMs : kQueuePollMs;
    if (!m_timer.isActive() || m_timer.interval() != interval)
        m_timer.start(interval);
}

} // namespace sockscope
