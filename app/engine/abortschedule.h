#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <functional>
#include <map>

namespace sockscope {

// --abort-after: when each connection is to be reset, with one timer for
// every connection waiting for its reset.
class AbortSchedule final {
    Q_DISABLE_COPY_MOVE(AbortSchedule)
public:
    // abort: resets a connection, if it is still open. timerParent: the
    // session, whose thread the timer runs on.
    AbortSchedule(std::function<void(int conn)> abort, QObject* timerParent);

    // Resets conn afterMs from now.
    void schedule(int conn, int afterMs);
    // Resets conn afterMs after it connects (a client's --abort-after).
    void scheduleOnceConnected(int conn, int afterMs);
    void connected(int conn);
    // The connection ended first.
    void forget(int conn);

private:
    void abortDue();

    const std::function<void(int)> m_abort;
    QHash<int, int> m_afterConnectedMs;                       // clients to reset once connected
    std::multimap<qint64, int> m_due;                         // monotonic ms -> conn
    QHash<int, std::multimap<qint64, int>::iterator> m_dueOf; // conn -> its entry
    QElapsedTimer m_clock;
    QTimer m_timer;
};

} // namespace sockscope
