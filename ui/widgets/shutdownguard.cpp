#include "shutdownguard.h"

#include "engine/engine.h"

#include <QMessageBox>
#include <QTimer>

namespace sockscope {

ShutdownGuard::ShutdownGuard(Engine* engine, QWidget* window)
    : QObject(window)
    , m_engine(engine)
    , m_window(window) {
}

bool ShutdownGuard::allowClose(int openConnections, bool alreadyConfirmed) {
    if (m_done || openConnections == 0)
        return true;
    if (m_closing)
        return false;
    if (m_confirm && !alreadyConfirmed &&
        QMessageBox::question(m_window, tr("Quit SockScope"),
                              tr("Connections still open: %1.\n\nClose them gracefully and "
                                 "quit?")
                                  .arg(openConnections)) != QMessageBox::Yes) {
        return false;
    }
    m_closing = true;
    connect(m_engine, &Engine::shutdownComplete, this, &ShutdownGuard::finish,
            Qt::SingleShotConnection);
    QTimer::singleShot(kTimeoutMs, this, &ShutdownGuard::finish);
    m_engine->closeAll();
    return false;
}

void ShutdownGuard::finish() {
    if (m_done)
        return;
    m_done = true;
    Q_EMIT readyToClose();
}

} // namespace sockscope
