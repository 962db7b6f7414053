#include "mainmenus.h"

#include "connectionspanel.h"
#include "exportaction.h"
#include "exportcaaction.h"
#include "formhelpers.h"
#include "helpmenu.h"
#include "memoryrelease.h"
#include "models/eventlogmodel.h"
#include "models/trafficmodel.h"
#include "opensessionaction.h"
#include "preferencesdialog.h"
#include "recentfiles.h"
#include "recentfilesmenu.h"
#include "recordaction.h"
#include "replayaction.h"
#include "scenarioaction.h"
#include "sendbox.h"
#include "sessionsource.h"
#include "tlskeysaction.h"
#include "trafficpanel.h"

#include <QDir>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QToolBar>

namespace sockscope {

namespace {
QIcon icon(const char* name) {
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

// One of the action classes, named for the tests and accessibility tools
// that find it.
template <typename Action> Action* addNamed(QMenu* menu, Action* action, const char* name) {
    action->setObjectName(QLatin1String(name));
    menu->addAction(action);
    return action;
}
} // namespace

MainMenus::MainMenus(const Parts& parts)
    : QObject(parts.window)
    , m_parts(parts) {
    createFileMenu();
    createConnectionMenu();
    createViewMenu();
    auto* help = new HelpMenu(parts.window);
    parts.window->menuBar()->addMenu(help);
    connect(parts.connectionsPanel, &ConnectionsPanel::guideRequested, help, &HelpMenu::showGuide);
    createToolBar();
    connect(parts.sendBox, &SendBox::availabilityChanged, this, &MainMenus::updateActions);
    updateActions();
}

bool MainMenus::isReadOnly() const {
    return m_parts.source->engine() == nullptr;
}

template <typename Slot>
QAction* MainMenus::add(QMenu* menu, const QIcon& actionIcon, const QString& text,
                        const QString& tip, const QKeySequence& keys, Slot slot) {
    QAction* action = menu->addAction(actionIcon, text);
    action->setShortcut(keys);
    setActionTips(action, tip);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

void MainMenus::createFileMenu() {
    QMainWindow* window = m_parts.window;
    QMenu* file = window->menuBar()->addMenu(tr("&File"));
    m_listen = add(file, icon("listen"), tr("&Listen…"), tr("Start a listening socket"),
                   QKeySequence(Qt::CTRL | Qt::Key_L), [this] { Q_EMIT listenRequested(); });
    m_connect = add(file, icon("connect"), tr("&Connect…"), tr("Connect to a server"),
                    QKeySequence(Qt::CTRL | Qt::Key_N), [this] { Q_EMIT connectRequested(); });
    QAction* scenario =
        addNamed(file, new ScenarioAction(m_parts.source->engine(), window), "runScenarioAction");
    addNamed(file, new ReplayAction(m_parts.source, window), "replaySessionAction");
    file->addSeparator();
    m_open = addNamed(file, new OpenSessionAction(window), "openSessionAction");
    auto* recent = new RecentFilesMenu(m_open, window);
    file->addMenu(recent);
    connect(file, &QMenu::aboutToShow, recent, &RecentFilesMenu::refresh);
    // The empty list's first-run links do what the menu does.
    ConnectionsPanel* panel = m_parts.connectionsPanel;
    connect(panel, &ConnectionsPanel::listenRequested, m_listen, &QAction::trigger);
    connect(panel, &ConnectionsPanel::connectRequested, m_connect, &QAction::trigger);
    connect(panel, &ConnectionsPanel::openSessionRequested, m_open, &QAction::trigger);
    addSavingActions(file);
    file->addSeparator();
    add(file, {}, tr("&Preferences…"), tr("Capture budget, capture folder, default keep policy"),
        QKeySequence(Qt::CTRL | Qt::Key_Comma),
        [window] {
            auto* dialog = new PreferencesDialog(window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        })
        ->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    // Closing the live window quits; a saved session's window only closes.
    if (isReadOnly()) {
        add(file, {}, tr("C&lose window"), tr("Close this saved session"), QKeySequence::Close,
            [window] { window->close(); });
    } else {
        add(file, {}, tr("&Quit"), tr("Quit SockScope"), QKeySequence(Qt::CTRL | Qt::Key_Q),
            [window] { window->close(); })
            ->setMenuRole(QAction::QuitRole);
    }
    for (QAction* action : std::initializer_list<QAction*>{m_listen, m_connect, scenario, m_record})
        action->setEnabled(!isReadOnly());
}

void MainMenus::addSavingActions(QMenu* file) {
    QMainWindow* window = m_parts.window;
    m_export = addNamed(file, new ExportAction(m_parts.source, window), "exportAction");
    m_record = addNamed(file, new RecordAction(m_parts.source->engine(), window), "recordAction");
    connect(m_export, &ExportAction::exported, this, [this](const QString& path) {
        Q_EMIT statusMessage(tr("Session exported to %1").arg(QDir::toNativeSeparators(path)));
        // Only JSON Lines opens again.
        if (exportFormatForPath(path) == ExportFormat::Jsonl)
            addRecentSession(path);
    });
    connect(m_record, &RecordAction::recording, this, &addRecentSession);
    file->addSeparator();
    auto* tlsKeys = addNamed(file, new TlsKeysAction(m_parts.source, window), "tlsKeysAction");
    connect(tlsKeys, &TlsKeysAction::saved, this, [this](const QString& path, int handshakes) {
        const QString where = QDir::toNativeSeparators(path);
        Q_EMIT statusMessage(
            isReadOnly()
                ? tr("TLS keys of %n handshake(s) saved to %1", nullptr, handshakes).arg(where)
                : tr("TLS keys of %n handshake(s) saved to %1; later handshakes' keys "
                     "are added as they end",
                     nullptr, handshakes)
                      .arg(where));
    });
    addNamed(file, new ExportCaAction(window), "exportCaAction");
}

void MainMenus::createConnectionMenu() {
    SendBox* sendBox = m_parts.sendBox;
    ConnectionsPanel* panel = m_parts.connectionsPanel;
    QMenu* connection = m_parts.window->menuBar()->addMenu(tr("&Connection"));
    m_send = add(connection, icon("send"), tr("&Send"),
                 tr("Send the send box's contents to the selected connection"), {},
                 [sendBox] { sendBox->send(); });
    m_halfClose = add(connection, icon("half-close"), tr("&Half-close"),
                      tr("Shut down our sending side of the selected connection (FIN)"), {},
                      [sendBox] { sendBox->requestHalfClose(); });
    m_close = add(connection, icon("close"), tr("&Close"),
                  tr("Close the selected connection, or cancel its connect"), {},
                  [sendBox] { sendBox->requestClose(); });
    m_abort = add(connection, {}, tr("A&bort (RST)"),
                  tr("Reset the selected connection: the peer gets an RST, and whatever is "
                     "still queued is dropped"),
                  {}, [sendBox] { sendBox->requestAbort(); });
    m_abort->setObjectName(QStringLiteral("abortAction"));
    connection->addAction(new ReplayAction(m_parts.source, panel, m_parts.window));
    connection->addSeparator();
    m_clearClosed =
        add(connection, icon("clear"), tr("Clear c&losed"),
            tr("Remove closed connections and stopped listeners from the list"), {}, [panel] {
                panel->clearClosed();
                releaseFreedMemory();
            });
    m_clearClosed->setObjectName(QStringLiteral("clearClosedAction"));
    // A saved session is a record: nothing in it is removed.
    m_clearClosed->setEnabled(!isReadOnly());
}

void MainMenus::createViewMenu() {
    QMenu* view = m_parts.window->menuBar()->addMenu(tr("&View"));
    add(view, {}, tr("&Find in traffic…"),
        tr("Find or filter the traffic by text, hex bytes, direction or listener"),
        QKeySequence::Find, [panel = m_parts.trafficPanel] { panel->showFindBar(); });
    add(view, {}, tr("Clear &traffic and events"),
        tr("Empty the traffic and event lists; the export still has everything"), {},
        [this] {
            m_parts.traffic->clear();
            m_parts.events->clear();
            releaseFreedMemory();
        })
        ->setObjectName(QStringLiteral("clearTrafficAction"));
    QAction* systemSockets = m_parts.systemSocketsDock->toggleViewAction();
    systemSockets->setShortcut(QKeySequence(Qt::Key_F6));
    systemSockets->setToolTip(tr("Show every TCP socket of this machine, like ss -tanp (F6)"));
    view->addAction(systemSockets);
}

void MainMenus::createToolBar() {
    QToolBar* tools = m_parts.window->addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_listen, m_connect});
    tools->addSeparator();
    tools->addActions({m_send, m_halfClose, m_close});
    tools->addSeparator();
    tools->addActions({m_clearClosed, m_export, m_record});
    tools->addSeparator();
    tools->addAction(m_parts.systemSocketsDock->toggleViewAction());
}

void MainMenus::updateActions() {
    // A saved session's connections may have been open when it was saved.
    const bool live = !isReadOnly();
    const SendBox* sendBox = m_parts.sendBox;
    m_send->setEnabled(live && sendBox->canSend());
    m_halfClose->setEnabled(live && sendBox->canHalfClose());
    m_close->setEnabled(live && sendBox->canClose());
    m_abort->setEnabled(live && sendBox->canClose());
}

} // namespace sockscope
