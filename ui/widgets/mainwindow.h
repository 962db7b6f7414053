#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"
#include "engine/config.h"

#include <QMainWindow>

#include <memory>

class QDockWidget;
class QSplitter;

namespace sockscope {

class BatchPacer;
class ClientDialog;
class ConnectionsModel;
class ConnectionsPanel;
class DetailTabs;
class Engine;
class EventLogModel;
class ListenerDialog;
class LiveControls;
class MainMenus;
class NoticeBanner;
class SendBox;
class SessionSource;
class SessionStatusBar;
class SystemSocketsPanel;
class TrafficModel;
class TrafficPanel;
class WindowLayoutSettings;

// Lays out the panels, owns the models, and wires the session's batches
// into them. Its menus (MainMenus) and, for a live session, LiveControls
// take the user's actions to the panels and the engine. A saved session
// shows in the same panels, read-only.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // The live session's window.
    explicit MainWindow(Engine* engine, QWidget* parent = nullptr);
    // Takes ownership of source.
    explicit MainWindow(SessionSource* source, QWidget* parent = nullptr);
    ~MainWindow() override;

    bool isReadOnly() const { return m_engine == nullptr; }

    // Live windows only. Through the window rather than the engine directly,
    // so that a failed bind can be retried on another port.
    int startListener(const ListenerConfig& config);
    int startClient(const ClientConfig& config);
    // A saved session in a window of its own; null (after saying why) when
    // the file cannot be read.
    MainWindow* openSession(const QString& path);

    // Open the dialogs without blocking; accepting them starts the socket.
    ListenerDialog* openListenerDialog();
    ClientDialog* openClientDialog();

    // Tests turn off the "close N open connections?" question.
    void setConfirmQuit(bool confirm);

    // main() shows why the preferences could not be read.
    NoticeBanner* noticeBanner() const { return m_banner; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createLayout();
    void applyBatch(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    void showStatus(const QString& text);
    void showConnection(int conn);

    SessionSource* m_source = nullptr;
    Engine* m_engine = nullptr; // null: a saved session, read-only
    BatchPacer* m_pacer = nullptr;
    ConnectionsModel* m_connections = nullptr;
    TrafficModel* m_traffic = nullptr;
    EventLogModel* m_events = nullptr;
    NoticeBanner* m_banner = nullptr;
    ConnectionsPanel* m_connectionsPanel = nullptr;
    TrafficPanel* m_trafficPanel = nullptr;
    SystemSocketsPanel* m_systemSockets = nullptr;
    QDockWidget* m_systemSocketsDock = nullptr;
    SendBox* m_sendBox = nullptr;
    DetailTabs* m_details = nullptr;
    SessionStatusBar* m_status = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_rightSplitter = nullptr;
    MainMenus* m_menus = nullptr;
    LiveControls* m_live = nullptr; // null: read-only
    std::unique_ptr<WindowLayoutSettings> m_layoutSettings;

    bool m_splitterSized = false; // restored from settings, or sized at the first show
};

} // namespace sockscope
