#include "engine/eventbatcher.h"

#include "engine/poller.h"

#include <utility>

namespace sockscope {

EventBatcher::EventBatcher(Poller& poller, std::function<void(const EventBatch&, qint64 cost)> send,
                           std::function<void()> due, QObject* timerParent)
    : m_poller(poller)
    , m_send(std::move(send))
    , m_timer(timerParent) { // parented, so moveToThread takes it along
    m_timer.setSingleShot(true);
    m_timer.setInterval(kBatchIntervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, std::move(due));
}

qint64 EventBatcher::eventCost(const CaptureEvent& e) {
    const qsizetype text = e.target.size() + e.message.size() + e.responder.size();
    return qint64(sizeof(CaptureEvent)) + e.data.size() + 2 * text;
}

void EventBatcher::add(CaptureEvent event) {
    m_pendingBytes += eventCost(event);
    m_pending.append(std::move(event));
    if (m_pendingBytes >= m_unackedLimit / 8)
        send(); // queued to the consumer: safe inside a connection's callback
    else if (!m_timer.isActive())
        m_timer.start();
}

void EventBatcher::statsChanged() {
    m_statsChanged = true;
    if (!m_timer.isActive())
        m_timer.start();
}

void EventBatcher::flush() {
    // Stats alone (an accept queue moved) go out as an empty batch.
    if (m_pending.isEmpty() && !m_statsChanged)
        return;
    send();
}

void EventBatcher::send() {
    m_statsChanged = false;
    EventBatch batch;
    batch.swap(m_pending);
    const qint64 cost = std::exchange(m_pendingBytes, 0);
    m_unackedBytes += cost;
    if (m_unackedBytes > m_unackedLimit)
        m_poller.setSuspended(true);
    m_send(batch, cost);
}

void EventBatcher::acknowledge(qint64 cost) {
    m_unackedBytes -= cost;
    if (m_poller.isSuspended() && m_unackedBytes <= m_unackedLimit / 4)
        m_poller.setSuspended(false);
}

void EventBatcher::setUnackedLimit(qint64 bytes) {
    m_unackedLimit = bytes;
    acknowledge(0); // a higher limit may let reading resume
}

} // namespace sockscope
