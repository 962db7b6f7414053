#include "system/systemsocketspoller.h"

#include "base/posthandoff.h"

#include <utility>

namespace sockscope {

SystemSocketsPoller::SystemSocketsPoller(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<sockscope::SystemSnapshot>();
    m_pool.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SystemSocketsPoller::pollNow);
}

SystemSocketsPoller::~SystemSocketsPoller() {
    m_timer.stop();
    // The read's queued delivery is dropped with this object; the read itself
    // must end before m_owners goes away.
    m_pool.waitForDone();
}

void SystemSocketsPoller::setIntervalMs(int ms) {
    m_intervalMs = std::max(ms, 0);
    if (m_timer.isActive())
        m_timer.start(m_intervalMs);
}

void SystemSocketsPoller::setOwnerScan(OwnerScan scan) {
    m_ownerScan = scan;
}

void SystemSocketsPoller::start() {
    m_active = true;
    pollNow();
}

void SystemSocketsPoller::stop() {
    m_active = false;
    m_timer.stop();
}

void SystemSocketsPoller::pollNow() {
    if (m_reading) {
        // The running read may have begun before what the caller wants to
        // see: read once more when it is done.
        m_pollAgain = true;
        return;
    }
    m_reading = true;
    m_timer.stop();
    m_pool.start([this, scan = m_ownerScan] {
        m_owners.setScope(scan);
        SystemSnapshot snapshot = readSystemSnapshot(m_owners);
        // With a hand-off: Qt's queue orders the snapshot's reading after
        // its making, but ThreadSanitizer cannot see that (posthandoff.h).
        QMetaObject::invokeMethod(
            this, HandedOff([this, snapshot = std::move(snapshot)] { deliver(snapshot); }),
            Qt::QueuedConnection);
    });
}

void SystemSocketsPoller::deliver(const SystemSnapshot& snapshot) {
    m_reading = false;
    if (m_active)
        m_timer.start(m_intervalMs);
    Q_EMIT snapshotReady(snapshot);
    if (std::exchange(m_pollAgain, false))
        pollNow();
}

} // namespace sockscope
