#pragma once

#include "capture/captureevent.h"
#include "net/config.h"
#include "net/sessionstats.h"

#include <QMainWindow>

class QAction;
class QSplitter;

namespace sockscope {

class ClientDialog;
class ConnectionsModel;
class ConnectionsPanel;
class DetailTabs;
class Engine;
class EventLogModel;
class ExportAction;
class FailureReporter;
class ListenerDialog;
class NoticeBanner;
class SendBox;
class SessionStatusBar;
class ShutdownGuard;
class TrafficModel;
class TrafficPanel;

// Lays out the panels, owns the models, and wires the engine's batches into
// them and the user's actions into the engine.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(Engine* engine, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Through the window rather than the engine directly, so that a failed
    // bind can be retried on another port.
    int startListener(const ListenerConfig& config);
    int startClient(const ClientConfig& config);

    // Open the dialogs without blocking; accepting them starts the socket.
    ListenerDialog* openListenerDialog();
    ClientDialog* openClientDialog();

    // Tests turn off the "close N open connections?" question.
    void setConfirmQuit(bool confirm);

    ConnectionsModel* connectionsModel() const { return m_connections; }
    TrafficModel* trafficModel() const { return m_traffic; }
    EventLogModel* eventLogModel() const { return m_events; }
    ConnectionsPanel* connectionsPanel() const { return m_connectionsPanel; }
    TrafficPanel* trafficPanel() const { return m_trafficPanel; }
    SendBox* sendBox() const { return m_sendBox; }
    DetailTabs* detailTabs() const { return m_details; }
    NoticeBanner* noticeBanner() const { return m_banner; }
    SessionStatusBar* sessionStatusBar() const { return m_status; }
    ExportAction* exportAction() const { return m_export; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createLayout();
    void createActions();
    void applyBatch(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    void showConnection(int conn);
    void updateActions();
    void restoreSettings();
    void saveSettings() const;

    Engine* m_engine = nullptr;
    ConnectionsModel* m_connections = nullptr;
    TrafficModel* m_traffic = nullptr;
    EventLogModel* m_events = nullptr;
    NoticeBanner* m_banner = nullptr;
    ConnectionsPanel* m_connectionsPanel = nullptr;
    TrafficPanel* m_trafficPanel = nullptr;
    SendBox* m_sendBox = nullptr;
    DetailTabs* m_details = nullptr;
    SessionStatusBar* m_status = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_rightSplitter = nullptr;
    ExportAction* m_export = nullptr;
    FailureReporter* m_failures = nullptr;
    ShutdownGuard* m_shutdown = nullptr;
    QAction* m_sendAction = nullptr;
    QAction* m_halfCloseAction = nullptr;
    QAction* m_closeAction = nullptr;

    int m_selectWhenSeen = 0; // a client the user just started
};

} // namespace sockscope
