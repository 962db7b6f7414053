#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace sockscope {

struct SystemSnapshot;
class SystemSocketsFilter;
class SystemSocketsModel;
class SystemSocketsPoller;

// Every TCP socket of the machine, like `ss -tanp`: SockScope's own sockets
// stand out, new ones are highlighted and gone ones greyed for a refresh
// before they disappear. It polls only while it is visible and not paused,
// on a worker thread, so the window never waits for /proc.
class SystemSocketsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemSocketsPanel)
public:
    explicit SystemSocketsPanel(QWidget* parent = nullptr);

    // "Ephemeral ports 32768–60999", or empty before the first read.
    QString ephemeralPortsText() const;

    SystemSocketsModel* model() const { return m_model; }
    SystemSocketsFilter* filter() const { return m_filter; }
    SystemSocketsPoller* poller() const { return m_poller; }
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QComboBox* stateBox() const { return m_stateBox; }
    QCheckBox* ownOnlyBox() const { return m_ownOnly; }
    QToolButton* pauseButton() const { return m_pause; }
    QToolButton* refreshButton() const { return m_refresh; }
    QLabel* ephemeralLabel() const { return m_ephemeral; }

Q_SIGNALS:
    void ephemeralPortsChanged(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* createControls();
    void applySnapshot(const SystemSnapshot& snapshot);
    void updatePolling();

    SystemSocketsModel* m_model = nullptr;
    SystemSocketsFilter* m_filter = nullptr;
    SystemSocketsPoller* m_poller = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_stateBox = nullptr;
    QCheckBox* m_ownOnly = nullptr;
    QToolButton* m_pause = nullptr;
    QToolButton* m_refresh = nullptr;
    QLabel* m_ephemeral = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace sockscope
