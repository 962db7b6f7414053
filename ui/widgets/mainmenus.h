#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QIcon;
class QKeySequence;
class QMainWindow;
class QMenu;

namespace sockscope {

class ConnectionsPanel;
class EventLogModel;
class ExportAction;
class OpenSessionAction;
class RecordAction;
class SendBox;
class SessionSource;
class TrafficModel;
class TrafficPanel;

// The main window's menu bar and toolbar: File, Connection, View and Help,
// and the toolbar's buttons for the most used of their items. What is only
// possible in a live session is disabled in a saved session's window.
class MainMenus final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainMenus)
public:
    // What the menus act on: the window's parts, not the window.
    struct Parts {
        QMainWindow* window = nullptr; // holds the menus; parents the actions and dialogs
        const SessionSource* source = nullptr;
        ConnectionsPanel* connectionsPanel = nullptr;
        TrafficPanel* trafficPanel = nullptr;
        SendBox* sendBox = nullptr;
        TrafficModel* traffic = nullptr;
        EventLogModel* events = nullptr;
        QDockWidget* systemSocketsDock = nullptr;
    };

    // Every part must exist; the window owns the menus.
    explicit MainMenus(const Parts& parts);

    ExportAction* exportAction() const { return m_export; }
    RecordAction* recordAction() const { return m_record; }
    OpenSessionAction* openSessionAction() const { return m_open; }

Q_SIGNALS:
    // Listen… and Connect…: the window opens the dialogs, as it starts
    // what they ask for.
    void listenRequested();
    void connectRequested();
    // What an export or a saved key log did, for the status bar.
    void statusMessage(const QString& text);

private:
    bool isReadOnly() const;
    // A menu item with its shortcut and tips, triggering slot.
    template <typename Slot>
    QAction* add(QMenu* menu, const QIcon& icon, const QString& text, const QString& tip,
                 const QKeySequence& keys, Slot slot);
    void createFileMenu();
    // Export, Record, Save TLS keys and Export CA certificate: what writes
    // the session, its TLS keys or SockScope's CA to a file.
    void addSavingActions(QMenu* file);
    void createConnectionMenu();
    void createViewMenu();
    void createToolBar();
    // Send, Half-close, Close and Abort follow what the send box can do.
    void updateActions();

    Parts m_parts;
    QAction* m_listen = nullptr;
    QAction* m_connect = nullptr;
    OpenSessionAction* m_open = nullptr;
    ExportAction* m_export = nullptr;
    RecordAction* m_record = nullptr;
    QAction* m_send = nullptr;
    QAction* m_halfClose = nullptr;
    QAction* m_close = nullptr;
    QAction* m_abort = nullptr;
    QAction* m_clearClosed = nullptr;
};

} // namespace sockscope
