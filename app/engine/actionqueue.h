#pragma once

#include "engine/connectionaction.h"

#include <QtGlobal>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

class QObject;

namespace sockscope {

class Connection;

// A session's open connections, by id.
using ConnectionMap = std::unordered_map<int, std::unique_ptr<Connection>>;

// Carries out the actions that deciders (responders, relay pairs) return
// and that a person's commands become (docs/design.md, "Actions, not
// re-entrant callbacks"): once the decider has returned, one after the
// other, looking each connection up by id, since an earlier action may have
// ended it. An action that makes the session report something that leads
// to more actions only queues them: the apply() further up the stack gets
// to them, so apply() never runs inside itself.
class ActionQueue final {
    Q_DISABLE_COPY_MOVE(ActionQueue)
public:
    // connections: the session's, read as each action is carried out.
    // timerContext: the queue's owner (the session): a Wait's timer runs on
    // its thread, and not once it is gone.
    ActionQueue(const ConnectionMap& connections, QObject* timerContext);

    // Carries out actions (and any that they lead to) once the caller's
    // decision is made; inside a running apply(), only queues them.
    void apply(ConnectionActions actions);
    // Applies actions in order, holding those behind a connection's Wait.
    void applyInTurn(ConnectionActions actions);
    // The connection ended: what waited behind its Wait goes too.
    void forget(int conn) { m_waiting.erase(conn); }

private:
    // Holds conn's next actions for delayMs (a ConnectionAction::Wait).
    void startWaiting(int conn, int delayMs);
    void perform(const ConnectionAction& action);
    Connection* connectionOf(int conn) const; // null once it has ended

    const ConnectionMap& m_connections;
    QObject* const m_timerContext;
    std::vector<ConnectionAction> m_actions; // to apply, in order
    bool m_applying = false;
    // Actions held behind a Wait, per connection, in order.
    std::unordered_map<int, std::deque<ConnectionAction>> m_waiting;
};

} // namespace sockscope
