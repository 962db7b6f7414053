#include "sendtargets.h"

#include <algorithm>

namespace sockscope {

SendTargets::SendTargets(const QList<int>& conns)
    : m_order(conns) {
    for (int conn : conns)
        m_targets.insert(conn, {});
}

void SendTargets::handed(int conn, qint64 bytes) {
    m_targets[conn].handed += bytes;
}

std::optional<QString> SendTargets::apply(const CaptureEvent& e) {
    const auto found = m_targets.find(e.conn);
    if (e.conn == 0 || found == m_targets.end() || !found->open)
        return std::nullopt;
    Target& target = *found;
    switch (e.kind) {
    case EventKind::Data:
        // Other sends to the same connection (a responder's) are not ours:
        // never more than was handed counts as written.
        if (e.dir == Direction::Out)
            target.written = qMin(target.handed, target.written + e.size);
        return std::nullopt;
    case EventKind::HalfClose:
        if (e.by != Closer::Local)
            return std::nullopt;
        target.open = false;
        return tr("we half-closed connection #%1").arg(e.conn);
    case EventKind::Close:
        target.open = false;
        return tr("connection #%1 closed").arg(e.conn);
    case EventKind::Error:
        target.open = false;
        return tr("connection #%1 failed: %2").arg(e.conn).arg(e.message);
    default:
        return std::nullopt;
    }
}

QList<int> SendTargets::openTargets() const {
    QList<int> open;
    for (int conn : m_order) {
        if (m_targets.value(conn).open)
            open.append(conn);
    }
    return open;
}

bool SendTargets::anyOpen() const {
    return std::any_of(m_targets.cbegin(), m_targets.cend(),
                       [](const Target& target) { return target.open; });
}

qint64 SendTargets::maxOutstanding() const {
    qint64 most = 0;
    for (const Target& target : m_targets) {
        if (target.open)
            most = qMax(most, target.handed - target.written);
    }
    return most;
}

qint64 SendTargets::outstanding() const {
    qint64 total = 0;
    for (const Target& target : m_targets) {
        if (target.open)
            total += target.handed - target.written;
    }
    return total;
}

qint64 SendTargets::totalWritten() const {
    qint64 total = 0;
    for (const Target& target : m_targets)
        total += target.written;
    return total;
}

qint64 SendTargets::written(int conn) const {
    return m_targets.value(conn).written;
}

} // namespace sockscope
