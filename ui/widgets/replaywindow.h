#pragma once

#include "cli/replayplayer.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace sockscope {

// File → Replay session… and Connection → Replay connection…: plays the
// recorded conversations as their client against a live server
// (docs/replay.md), and shows, beside each conversation's turns, the first
// place where the server's answer differs from the recording, as text and
// hex. The same player as --replay, on sockets of its own: nothing it does
// enters the session.
class ReplayWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayWindow)
public:
    // target: where the recording's server was, as a first guess.
    ReplayWindow(std::vector<ReplayConversation> conversations, const QString& target,
                 QWidget* parent = nullptr);
    ~ReplayWindow() override;

    // Starts the replay with the form's settings; false with the reason
    // (a bad address or mask) shown in the window.
    bool start();

private:
    std::optional<ReplayOptions> options(QString* error) const;
    void onConversationDone(const ReplayResult& result);
    void onFinished();
    void showConversation(int row);

    const std::vector<ReplayConversation> m_conversations;
    std::vector<std::optional<ReplayResult>> m_results; // by row, once replayed
    std::unique_ptr<ReplayPlayer> m_player;
    QLineEdit* m_target;
    QCheckBox* m_tls;
    QCheckBox* m_verify;
    QComboBox* m_timing;
    QDoubleSpinBox* m_scale;
    QLineEdit* m_masks;
    QPushButton* m_replay;
    QLabel* m_status;
    QTreeWidget* m_list;
    QTreeWidget* m_turns;
    QLabel* m_reason;
    QPlainTextEdit* m_expected;
    QPlainTextEdit* m_got;
};

} // namespace sockscope
