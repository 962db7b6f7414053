#pragma once

#include <QAction>

namespace sockscope {

class ConnectionsPanel;
class ReplayWindow;
class SessionSource;

// File → Replay session… and Connection → Replay connection…: the session's
// recorded conversations, or the selected connection's, played as their
// client against a server the person names, in a ReplayWindow of its own.
class ReplayAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayAction)
public:
    // Replay session…: every conversation of the session.
    ReplayAction(const SessionSource* source, QWidget* parent);
    // Replay connection…: the connection selected in the panel; enabled
    // only while one is.
    ReplayAction(const SessionSource* source, const ConnectionsPanel* panel, QWidget* parent);

    // What triggering leads to: the conversations (onlyConn != 0: that
    // connection's) in a window, shown, or null after saying in a message
    // box why there is nothing to replay.
    ReplayWindow* openReplay(int onlyConn);

private:
    const SessionSource* m_source = nullptr;
    QWidget* m_dialogParent = nullptr;
};

} // namespace sockscope
