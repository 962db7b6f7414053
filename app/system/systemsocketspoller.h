#pragma once

#include "system/socketownerfinder.h"
#include "system/systemsnapshot.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

namespace sockscope {

// Reads SystemSnapshots periodically on a worker thread, so that neither
// /proc/net/tcp on a busy machine nor the owner scan ever blocks the thread
// that owns the poller (the GUI thread). A read starts an interval after the
// previous one ended, so reads never pile up however slow they are.
class SystemSocketsPoller final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemSocketsPoller)
public:
    static constexpr int kDefaultIntervalMs = 2000;

    explicit SystemSocketsPoller(QObject* parent = nullptr);
    ~SystemSocketsPoller() override; // waits for a read in flight

    int intervalMs() const { return m_intervalMs; }
    void setIntervalMs(int ms);
    OwnerScan ownerScan() const { return m_ownerScan; }
    void setOwnerScan(OwnerScan scan); // takes effect with the next read

    bool isActive() const { return m_active; }
    void start();   // reads now, then every interval
    void stop();    // a read in flight still delivers its snapshot
    void pollNow(); // one read now, or once the running one is done

Q_SIGNALS:
    // Thread: emitted on the thread the poller lives on, never the worker's;
    // the worker's result is queued there first.
    void snapshotReady(const sockscope::SystemSnapshot& snapshot);

private:
    void deliver(const SystemSnapshot& snapshot);

    QTimer m_timer{this};
    int m_intervalMs = kDefaultIntervalMs;
    OwnerScan m_ownerScan = OwnerScan::AllProcesses;
    bool m_active = false;
    bool m_reading = false;
    bool m_pollAgain = false;   // asked for while a read was running
    SocketOwnerFinder m_owners; // used only by the read in flight
    QThreadPool m_pool;         // after m_owners: destroyed, and so waited for, first
};

} // namespace sockscope
