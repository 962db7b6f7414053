#pragma once

#include "base/sessionstats.h"

#include <QStatusBar>

class QLabel;

namespace sockscope {

// The session's totals at a glance, refreshed with every batch. On a narrow
// window the recording's file name is elided so that the figures and the
// Dropped warning stay whole.
class SessionStatusBar final : public QStatusBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionStatusBar)
public:
    explicit SessionStatusBar(QWidget* parent = nullptr);

    void showStats(const sockscope::SessionStats& stats);

    QLabel* listenersLabel() const { return m_listeners; }
    QLabel* connectionsLabel() const { return m_connections; }
    QLabel* bytesLabel() const { return m_bytes; }
    QLabel* captureLabel() const { return m_capture; }
    QLabel* droppedLabel() const { return m_dropped; }
    QLabel* recordingLabel() const { return m_recording; }

private:
    // An eliding label gives way when the bar is narrow; the others, the
    // Dropped warning among them, keep their whole text.
    QLabel* addLabel(const QString& accessibleName, const QString& toolTip, bool eliding = false);
    static void setLabelText(QLabel* label, const QString& text);

    QLabel* m_listeners = nullptr;
    QLabel* m_connections = nullptr;
    QLabel* m_bytes = nullptr;
    QLabel* m_capture = nullptr;
    QLabel* m_dropped = nullptr;
    QLabel* m_recording = nullptr;
};

} // namespace sockscope
