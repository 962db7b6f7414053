#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace sockscope {

// The send box's line for a running repeat or file send: what runs, a
// progress bar and a Stop or Cancel button; once it ends, how it ended.
class SendProgress final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendProgress)
public:
    explicit SendProgress(QWidget* parent = nullptr);

    // blocksSending: while it runs, nothing else may be sent (a file send
    // counts every byte the kernel takes on its connections as its own).
    void start(const QString& title, const QString& stopText, bool blocksSending);
    void setProgress(qint64 done, qint64 total, const QString& text);
    void finish(const QString& message, bool ok);
    // Hides the last outcome, once the person goes on.
    void clearOutcome();

    bool isRunning() const { return m_running; }
    bool blocksSending() const { return m_running && m_blocksSending; }

    QProgressBar* bar() const { return m_bar; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* label() const { return m_label; }

Q_SIGNALS:
    void stopRequested();
    void runningChanged(bool running);

private:
    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QPushButton* m_stop = nullptr;
    bool m_running = false;
    bool m_blocksSending = false;
};

} // namespace sockscope
