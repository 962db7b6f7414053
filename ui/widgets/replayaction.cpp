#include "replayaction.h"

#include "cli/replayscript.h"
#include "connectionspanel.h"
#include "formhelpers.h"
#include "replaywindow.h"
#include "sessionsource.h"

#include <QMessageBox>

namespace sockscope {

ReplayAction::ReplayAction(const SessionSource* source, QWidget* parent)
    : QAction(tr("Re&play session…"), parent)
    , m_source(source)
    , m_dialogParent(parent) {
    setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    setActionTips(this, tr("Play this session's conversations as their client against a live "
                           "server and show where its answers differ"));
    connect(this, &QAction::triggered, this, [this] { openReplay(0); });
}

ReplayAction::ReplayAction(const SessionSource* source, const ConnectionsPanel* panel,
                           QWidget* parent)
    : QAction(tr("Re&play connection…"), parent)
    , m_source(source)
    , m_dialogParent(parent) {
    setActionTips(this, tr("Play the selected connection's conversation as its client against a "
                           "live server and show where its answers differ"));
    setEnabled(panel->currentConnection() != 0);
    connect(panel, &ConnectionsPanel::currentConnectionChanged, this,
            [this](int conn) { setEnabled(conn != 0); });
    connect(this, &QAction::triggered, this, [this, panel] {
        // 0 would replay the whole session, which is not what this says.
        if (const int conn = panel->currentConnection())
            openReplay(conn);
    });
}

ReplayWindow* ReplayAction::openReplay(int onlyConn) {
    // Held in memory while it plays; a bigger session replays headless.
    constexpr qint64 kMaxReplayBytes = 256ll << 20;
    auto conversations = replayConversations(m_source->store(), onlyConn, kMaxReplayBytes);
    // A connection that carried nothing has nothing to compare.
    if (conversations)
        std::erase_if(*conversations, [](const ReplayConversation& c) { return c.turns.empty(); });
    if (!conversations || conversations->empty()) {
        QMessageBox::information(
            m_dialogParent, tr("Replay"),
            !conversations
                ? tr("The conversations hold more than %1 MiB, too much to replay in the "
                     "window. Export the session as JSON Lines and use sockscope --replay.")
                      .arg(kMaxReplayBytes >> 20)
            : onlyConn != 0 ? tr("Connection #%1 has no conversation of its own to replay (a "
                                 "relay's upstream leg is replayed through its client leg).")
                                  .arg(onlyConn)
                            : tr("This session has no conversation to replay yet."));
        return nullptr;
    }
    auto* window = new ReplayWindow(*conversations, recordedServer(m_source->store(), onlyConn),
                                    m_dialogParent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    return window;
}

} // namespace sockscope
