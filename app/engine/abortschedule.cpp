#include "engine/abortschedule.h"

#include <utility>

namespace sockscope {

AbortSchedule::AbortSchedule(std::function<void(int conn)> abort, QObject* timerParent)
    : m_abort(std::move(abort))
    , m_timer(timerParent) { // parented, so moveToThread takes it along
    m_clock.start();
    m_timer.setSingleShot(true);
    // --abort-after 0.5 means half a second, not "within 5 % of it".
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { abortDue(); });
}

void AbortSchedule::schedule(int conn, int afterMs) {
    const qint64 due = m_clock.elapsed() + afterMs;
    const auto added = m_due.emplace(due, conn);
    m_dueOf.insert(conn, added);
    if (added == m_due.begin())
        m_timer.start(afterMs);
}

void AbortSchedule::scheduleOnceConnected(int conn, int afterMs) {
    m_afterConnectedMs.insert(conn, afterMs);
}

void AbortSchedule::connected(int conn) {
    if (const auto after = m_afterConnectedMs.find(conn); after != m_afterConnectedMs.end()) {
        schedule(conn, *after);
        m_afterConnectedMs.erase(after);
    }
}

void AbortSchedule::forget(int conn) {
    m_afterConnectedMs.remove(conn);
    // A connection that ended first takes its reset off the schedule, so
    // that a long --abort-after does not keep one entry per connection.
    if (const auto due = m_dueOf.find(conn); due != m_dueOf.end()) {
        m_due.erase(*due);
        m_dueOf.erase(due);
    }
}

void AbortSchedule::abortDue() {
    const qint64 now = m_clock.elapsed();
    while (!m_due.empty() && m_due.begin()->first <= now) {
        const int conn = m_due.begin()->second;
        m_due.erase(m_due.begin());
        m_dueOf.remove(conn);
        m_abort(conn); // a connection that ended meanwhile is gone: nothing happens
    }
    if (!m_due.empty())
        m_timer.start(int(m_due.begin()->first - now));
}

} // namespace sockscope
