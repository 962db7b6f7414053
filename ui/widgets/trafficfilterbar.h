#pragma once

#include "base/captureevent.h"
#include "capture/bytepattern.h"
#include "models/trafficmodel.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace sockscope {

// Over the traffic table: find or filter by a text or hex pattern, narrow
// to one direction or one listener's connections, and the count of what
// the table shows. Typing filters after a short pause; Enter finds the
// next matching row, Shift+Enter the previous; Escape closes the bar and
// with it every narrowing it made.
class TrafficFilterBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficFilterBar)
public:
    // Typing waits this long for the next key before the table is filtered.
    static constexpr int kTypingPauseMs = 200;

    explicit TrafficFilterBar(QWidget* parent = nullptr);

    // Shows the bar with its pattern focused and selected.
    void open();
    // Hides the bar and resets what it narrows.
    void dismiss();

    // The pattern as typed: text (escapes as the Data column shows them, ASCII
    // letters in either case) or hex bytes; nullopt, with the error shown in
    // the bar, when it cannot be read.
    std::optional<BytePattern> pattern();
    static std::optional<BytePattern> parse(const QString& text, bool hex, QString* error);
    // Only the rows that match the pattern, rather than just finding them.
    bool onlyMatching() const;
    Direction direction() const;
    // 0: any; TrafficFilterModel::kOutgoingClients: none.
    int listener() const;
    // A few words on what the bar narrows, for the table's title; empty
    // when it narrows nothing.
    QString narrowing() const;

    void setListeners(const QList<TrafficModel::Listener>& listeners);
    void setCount(const QString& text);
    // "Not found", or empty.
    void setFindStatus(const QString& text);

    QLineEdit* patternEdit() const { return m_pattern; }
    QCheckBox* hexBox() const { return m_hex; }
    QCheckBox* onlyMatchingBox() const { return m_only; }
    QComboBox* directionBox() const { return m_direction; }
    QComboBox* listenerBox() const { return m_listener; }
    QLabel* countLabel() const { return m_count; }
    QLabel* errorLabel() const { return m_error; }
    QLabel* findStatusLabel() const { return m_findStatus; }

Q_SIGNALS:
    // What the table shows should change: the pattern (after the typing
    // pause), the hex mode, the direction or the listener.
    void filterChanged();
    void findRequested(bool backward);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void applyNow();

    QLineEdit* m_pattern = nullptr;
    QCheckBox* m_hex = nullptr;
    QCheckBox* m_only = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_listener = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_findStatus = nullptr;
    QTimer* m_typing = nullptr;
};

} // namespace sockscope
