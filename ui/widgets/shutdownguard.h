#pragma once

#include <QObject>

class QWidget;

namespace sockscope {

class Engine;

// Lets the window close only once the engine has closed the open
// connections gracefully (FIN, not RST), or after a short timeout.
class ShutdownGuard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShutdownGuard)
public:
    static constexpr int kTimeoutMs = 2000;

    ShutdownGuard(Engine* engine, QWidget* window);

    // Tests turn off the "close N open connections?" question.
    void setConfirm(bool confirm) { m_confirm = confirm; }
    // True if the window may close now; otherwise, unless the user says no,
    // starts closing the connections and emits readyToClose() when done.
    // alreadyConfirmed: the person has said yes to quitting (and to closing
    // the connections) in another question.
    bool allowClose(int openConnections, bool alreadyConfirmed = false);
    bool isClosing() const { return m_closing || m_done; }

Q_SIGNALS:
    void readyToClose();

private:
    void finish();

    Engine* m_engine = nullptr;
    QWidget* m_window = nullptr;
    bool m_confirm = true;
    bool m_closing = false;
    bool m_done = false;
};

} // namespace sockscope
