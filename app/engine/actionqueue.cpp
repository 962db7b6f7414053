#include "engine/actionqueue.h"

#include "engine/connection.h"

#include <QTimer>

#include <utility>

namespace sockscope {

ActionQueue::ActionQueue(const ConnectionMap& connections, QObject* timerContext)
    : m_connections(connections)
    , m_timerContext(timerContext) {
}

Connection* ActionQueue::connectionOf(int conn) const {
    const auto found = m_connections.find(conn);
    return found != m_connections.end() ? found->second.get() : nullptr;
}

void ActionQueue::apply(ConnectionActions actions) {
    for (ConnectionAction& action : actions)
        m_actions.push_back(std::move(action));
    if (m_applying)
        return; // the loop below, further up the stack, gets to them
    m_applying = true;
    // By index, and each taken out first: an action may queue more.
    for (std::size_t i = 0; i < m_actions.size(); ++i) {
        const ConnectionAction action = std::move(m_actions[i]);
        perform(action);
    }
    m_actions.clear();
    m_applying = false;
}

void ActionQueue::applyInTurn(ConnectionActions actions) {
    // A responder's actions keep their order behind a Wait: a delayed reply
    // is not overtaken by the answer to a later message. A person's
    // commands and shutdown go through apply() and overtake them.
    ConnectionActions now;
    for (ConnectionAction& action : actions) {
        if (!connectionOf(action.conn))
            continue; // it ended, maybe through an action before this one
        if (const auto waiting = m_waiting.find(action.conn); waiting != m_waiting.end())
            waiting->second.push_back(std::move(action));
        else if (action.kind == ConnectionAction::Kind::Wait)
            startWaiting(action.conn, action.delayMs);
        else
            now.append(std::move(action));
    }
    apply(std::move(now));
}

void ActionQueue::startWaiting(int conn, int delayMs) {
    m_waiting.emplace(conn, std::deque<ConnectionAction>());
    // Reading stops meanwhile: what the peer sends waits in the kernel, not
    // as answers queued here without bound.
    apply({ConnectionAction::of(ConnectionAction::Kind::HoldReading, conn)});
    QTimer::singleShot(delayMs, Qt::PreciseTimer, m_timerContext, [this, conn] {
        auto waited = m_waiting.extract(conn);
        if (waited.empty())
            return; // the connection ended meanwhile
        ConnectionActions actions;
        for (ConnectionAction& action : waited.mapped())
            actions.append(std::move(action));
        // Released first: what was read meanwhile is answered in order after these.
        apply({ConnectionAction::of(ConnectionAction::Kind::ReleaseReading, conn)});
        applyInTurn(std::move(actions));
    });
}

void ActionQueue::perform(const ConnectionAction& action) {
    Connection* const connection = connectionOf(action.conn);
    if (!connection)
        return; // it ended, maybe through an action before this one
    using Kind = ConnectionAction::Kind;
    switch (action.kind) {
    case Kind::Send:
        connection->send(action.bytes);
        break;
    case Kind::SendFile:
        connection->sendFile(action.file);
        break;
    case Kind::HalfClose:
        connection->halfClose();
        break;
    case Kind::Close:
        connection->close();
        break;
    case Kind::Reset:
        connection->reset();
        break;
    case Kind::PauseReading:
    case Kind::ResumeReading:
        connection->setReadingPaused(action.kind == Kind::PauseReading);
        break;
    case Kind::HoldReading:
    case Kind::ReleaseReading:
        connection->setHeldByOtherConnection(action.kind == Kind::HoldReading);
        break;
    case Kind::Wait: // applyInTurn() holds what follows; apply() never gets one
        break;
    }
}

} // namespace sockscope
