#include "mainwindow.h"

#include "batchpacer.h"
#include "cli/replayscript.h"
#include "clientdialog.h"
#include "connectionspanel.h"
#include "detailtabs.h"
#include "engine/engine.h"
#include "eventlogpanel.h"
#include "exportaction.h"
#include "exportcaaction.h"
#include "helpmenu.h"
#include "listenerdialog.h"
#include "livecontrols.h"
#include "livesession.h"
#include "memoryrelease.h"
#include "models/clearedconnections.h"
#include "models/connectionsmodel.h"
#include "models/eventlogmodel.h"
#include "models/trafficmodel.h"
#include "noticebanner.h"
#include "opensessionaction.h"
#include "preferencesdialog.h"
#include "readonlybanner.h"
#include "recentfiles.h"
#include "recentfilesmenu.h"
#include "recordaction.h"
#include "replaywindow.h"
#include "scenariowindow.h"
#include "sendbox.h"
#include "sessionsource.h"
#include "sessionstatusbar.h"
#include "system/kernelsettings.h"
#include "systemsocketspanel.h"
#include "tlskeysaction.h"
#include "trafficpanel.h"
#include "windowlayoutsettings.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QShowEvent>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sockscope {

namespace {
constexpr int kStatusMessageMs = 8000;

QIcon icon(const char* name) {
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}
} // namespace

MainWindow::MainWindow(Engine* engine, QWidget* parent)
    : MainWindow(new LiveSession(engine), parent) {
}

MainWindow::MainWindow(SessionSource* source, QWidget* parent)
    : QMainWindow(parent)
    , m_source(source)
    , m_engine(source->engine())
    , m_pacer(new BatchPacer(this))
    , m_connections(new ConnectionsModel(this))
    , m_traffic(new TrafficModel(this))
    , m_events(new EventLogModel(this)) {
    source->setParent(this);
    // Tests and accessibility tools find the parts by these names.
    m_connections->setObjectName(QStringLiteral("connectionsModel"));
    m_traffic->setObjectName(QStringLiteral("trafficModel"));
    m_events->setObjectName(QStringLiteral("eventLogModel"));
    m_pacer->setObjectName(QStringLiteral("batchPacer"));
    source->setObjectName(QStringLiteral("sessionSource"));
    // Read once, here: the model's data() reads no files.
    m_connections->setEphemeralPorts(readEphemeralPortRange());
    setWindowTitle(
        isReadOnly()
            ? tr("SockScope — %1 (read-only)").arg(QFileInfo(source->filePath()).fileName())
            : tr("SockScope"));
    setWindowIcon(icon("sockscope"));
    createLayout();
    createActions();
    if (m_engine)
        m_live = new LiveControls(m_engine, {this, m_connections, m_connectionsPanel, m_sendBox,
                                             m_banner, m_export, m_record});
    // A burst's batch goes into the models a slice per event-loop pass, so
    // the window keeps painting and taking input while it catches up.
    connect(source, &SessionSource::batchReady, m_pacer, &BatchPacer::push);
    connect(m_pacer, &BatchPacer::sliceReady, this, &MainWindow::applyBatch);
    connect(m_pacer, &BatchPacer::batchHandedOn, source, &SessionSource::acknowledgeBatch);
    m_splitterSized = m_layoutSettings->restore();
    source->replay();
    updateActions();
}

MainWindow::~MainWindow() = default;

int MainWindow::startListener(const ListenerConfig& config) {
    return m_live->startListener(config);
}

int MainWindow::startClient(const ClientConfig& config) {
    return m_live->startClient(config);
}

MainWindow* MainWindow::openSession(const QString& path) {
    return m_open->openFile(path);
}

ListenerDialog* MainWindow::openListenerDialog() {
    auto* dialog = new ListenerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_live->startListenerFromDialog(dialog->config()); });
    dialog->open();
    return dialog;
}

ClientDialog* MainWindow::openClientDialog() {
    auto* dialog = new ClientDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_live->startClientAndSelect(dialog->config()); });
    dialog->open();
    return dialog;
}

ScenarioWindow* MainWindow::runScenario(const QString& path) {
    auto* window = new ScenarioWindow(m_engine, path, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    QString error;
    if (!window->run(&error)) {
        delete window;
        QMessageBox::warning(this, tr("Run scenario"), error);
        return nullptr;
    }
    window->show();
    return window;
}

void MainWindow::chooseScenario() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Run scenario"), QString(),
                                                      tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        runScenario(path);
}

ReplayWindow* MainWindow::openReplay(int onlyConn) {
    // Held in memory while it plays; a bigger session replays headless.
    constexpr qint64 kMaxReplayBytes = 256ll << 20;
    auto conversations = replayConversations(m_source->store(), onlyConn, kMaxReplayBytes);
    // A connection that carried nothing has nothing to compare.
    if (conversations)
        std::erase_if(*conversations, [](const ReplayConversation& c) { return c.turns.empty(); });
    if (!conversations || conversations->empty()) {
        QMessageBox::information(
            this, tr("Replay"),
            !conversations
                ? tr("The conversations hold more than %1 MiB, too much to replay in the "
                     "window. Export the session as JSON Lines and use sockscope --replay.")
                      .arg(kMaxReplayBytes >> 20)
            : onlyConn != 0 ? tr("Connection #%1 has no conversation of its own to replay (a "
                                 "relay's upstream leg is replayed through its client leg).")
                                  .arg(onlyConn)
                            : tr("This session has no conversation to replay yet."));
        return nullptr;
    }
    auto* window =
        new ReplayWindow(*conversations, recordedServer(m_source->store(), onlyConn), this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    return window;
}

void MainWindow::setConfirmQuit(bool confirm) {
    m_live->setConfirmQuit(confirm);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_live && !m_live->allowClose()) {
        event->ignore();
        return;
    }
    m_layoutSettings->save();
    event->accept();
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (m_splitterSized)
        return;
    m_splitterSized = true;
    // Only now is the splitter's width known. The connections tree gets
    // every column, as far as the other side keeps a whole hex dump line,
    // and never less than Name, Local, Peer and State whole.
    const int total = m_mainSplitter->width() - m_mainSplitter->handleWidth();
    const int tree =
        qBound(m_connectionsPanel->minimumSizeHint().width(), total - m_details->sizeHint().width(),
               m_connectionsPanel->sizeHint().width());
    m_mainSplitter->setSizes({tree, total - tree});
}

void MainWindow::createLayout() {
    m_banner = new NoticeBanner(this);
    m_banner->setObjectName(QStringLiteral("noticeBanner"));
    m_connectionsPanel = new ConnectionsPanel(m_connections, this);
    m_connectionsPanel->setObjectName(QStringLiteral("connectionsPanel"));
    m_trafficPanel = new TrafficPanel(m_traffic, m_source, this);
    m_trafficPanel->setObjectName(QStringLiteral("trafficPanel"));
    m_sendBox = new SendBox(m_connections, this);
    m_sendBox->setObjectName(QStringLiteral("sendBox"));
    m_details = new DetailTabs(m_source, m_events, this);
    m_details->setObjectName(QStringLiteral("detailTabs"));
    m_status = new SessionStatusBar(this);
    m_status->setObjectName(QStringLiteral("sessionStatusBar"));
    setStatusBar(m_status);
    // The machine's sockets, SockScope's among them; hidden until asked for,
    // and it reads /proc only while shown.
    m_systemSockets = new SystemSocketsPanel(this);
    m_systemSockets->setObjectName(QStringLiteral("systemSocketsPanel"));
    m_systemSocketsDock = new QDockWidget(tr("System sockets"), this);
    m_systemSocketsDock->setObjectName(QStringLiteral("systemSocketsDock"));
    m_systemSocketsDock->setWidget(m_systemSockets);
    addDockWidget(Qt::BottomDockWidgetArea, m_systemSocketsDock);
    m_systemSocketsDock->hide();

    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_rightSplitter->addWidget(m_trafficPanel);
    m_rightSplitter->addWidget(m_sendBox);
    m_rightSplitter->addWidget(m_details);
    m_rightSplitter->setStretchFactor(0, 5);
    m_rightSplitter->setStretchFactor(1, 0);
    m_rightSplitter->setStretchFactor(2, 4);
    m_rightSplitter->setSizes({450, 150, 350});
    m_rightSplitter->setChildrenCollapsible(false);
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_connectionsPanel);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(1, 1);
    m_layoutSettings = std::make_unique<WindowLayoutSettings>(
        this, QList<QSplitter*>{m_mainSplitter, m_rightSplitter},
        isReadOnly() ? QStringLiteral("savedSessionWindow") : QStringLiteral("mainWindow"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    if (isReadOnly()) {
        layout->addWidget(new ReadOnlyBanner(m_source->filePath(), m_source->loadNote(), central));
        m_sendBox->hide();
        m_connectionsPanel->setReadOnly(true);
    }
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);
    // Tab goes from the list straight to the send box, what a person types
    // in, then on to the traffic.
    m_sendBox->placeInTabOrderAfter(m_connectionsPanel->view());
    setTabOrder(m_sendBox->sendButton(), m_trafficPanel->view());

    connect(m_connectionsPanel, &ConnectionsPanel::currentConnectionChanged, this,
            &MainWindow::showConnection);
    connect(m_connectionsPanel, &ConnectionsPanel::currentRowChanged, m_details,
            &DetailTabs::showSocket);
    connect(m_sendBox, &SendBox::availabilityChanged, this, &MainWindow::updateActions);
    connect(m_connectionsPanel, &ConnectionsPanel::currentConnectionChanged, this,
            &MainWindow::updateActions);
    // A listener row targets the send box at each of its open connections.
    connect(m_connectionsPanel, &ConnectionsPanel::currentRowChanged, this,
            [this] { m_sendBox->setListener(m_connectionsPanel->currentListener()); });
    connect(m_trafficPanel, &TrafficPanel::currentChunkChanged, this,
            [this](const CaptureEvent& chunk) {
                m_details->showChunk(chunk, m_trafficPanel->view()->hasFocus());
            });
    // Rows lead to their connection: the tree, the send box and the detail
    // tabs follow a chunk or an event picked anywhere.
    connect(m_trafficPanel, &TrafficPanel::connectionPicked, m_connectionsPanel,
            &ConnectionsPanel::selectConnection);
    connect(m_details->eventLog(), &EventLogPanel::connectionPicked, m_connectionsPanel,
            &ConnectionsPanel::selectConnection);
    connect(m_trafficPanel, &TrafficPanel::statusMessage, this,
            [this](const QString& text) { m_status->showMessage(text, kStatusMessageMs); });
    // Clear closed, wherever it is asked for, takes the connections' traffic
    // and events with them.
    connect(new ClearedConnections(m_connections, this), &ClearedConnections::cleared, this,
            [this](const QSet<int>& conns, const QSet<int>& listeners) {
                m_traffic->removeConnections(conns, listeners);
                m_events->removeConnections(conns, listeners);
            });
    connect(m_trafficPanel, &TrafficPanel::showInStreamRequested, this,
            [this](const CaptureEvent& chunk) {
                m_connectionsPanel->selectConnection(chunk.conn);
                m_details->showInStream(chunk);
            });
}

void MainWindow::createActions() {
    auto add = [this](QMenu* menu, const QIcon& actionIcon, const QString& text, const QString& tip,
                      const QKeySequence& keys, auto slot) {
        auto* action = menu->addAction(actionIcon, text);
        action->setShortcut(keys);
        action->setToolTip(
            keys.isEmpty() ? tip : tr("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* listen = add(file, icon("listen"), tr("&Listen…"), tr("Start a listening socket"),
                          QKeySequence(Qt::CTRL | Qt::Key_L), [this] { openListenerDialog(); });
    QAction* connectAction =
        add(file, icon("connect"), tr("&Connect…"), tr("Connect to a server"),
            QKeySequence(Qt::CTRL | Qt::Key_N), [this] { openClientDialog(); });
    QAction* scenario = add(file, {}, tr("Run &scenario…"),
                            tr("Run a scenario file's steps on a new connection, each ticked or "
                               "crossed as it ends"),
                            QKeySequence(Qt::CTRL | Qt::Key_R), [this] { chooseScenario(); });
    scenario->setObjectName(QStringLiteral("runScenarioAction"));
    add(file, {}, tr("Re&play session…"),
        tr("Play this session's conversations as their client against a live server and show "
           "where its answers differ"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { openReplay(0); })
        ->setObjectName(QStringLiteral("replaySessionAction"));
    file->addSeparator();
    m_open = new OpenSessionAction(this);
    m_open->setObjectName(QStringLiteral("openSessionAction"));
    file->addAction(m_open);
    auto* recent = new RecentFilesMenu(m_open, this);
    file->addMenu(recent);
    connect(file, &QMenu::aboutToShow, recent, &RecentFilesMenu::refresh);
    // The empty list's first-run links do what the menu does.
    connect(m_connectionsPanel, &ConnectionsPanel::listenRequested, listen, &QAction::trigger);
    connect(m_connectionsPanel, &ConnectionsPanel::connectRequested, connectAction,
            &QAction::trigger);
    connect(m_connectionsPanel, &ConnectionsPanel::openSessionRequested, m_open, &QAction::trigger);
    m_export = new ExportAction(m_source, this);
    m_export->setObjectName(QStringLiteral("exportAction"));
    file->addAction(m_export);
    m_record = new RecordAction(m_engine, this);
    m_record->setObjectName(QStringLiteral("recordAction"));
    file->addAction(m_record);
    connect(m_export, &ExportAction::exported, this, [this](const QString& path) {
        m_status->showMessage(tr("Session exported to %1").arg(QDir::toNativeSeparators(path)),
                              kStatusMessageMs);
        // Only JSON Lines opens again.
        if (exportFormatForPath(path) == ExportFormat::Jsonl)
            addRecentSession(path);
    });
    connect(m_record, &RecordAction::recording, this, &addRecentSession);
    file->addSeparator();
    auto* tlsKeys = new TlsKeysAction(m_source, this);
    tlsKeys->setObjectName(QStringLiteral("tlsKeysAction"));
    file->addAction(tlsKeys);
    connect(tlsKeys, &TlsKeysAction::saved, this, [this](const QString& path, int handshakes) {
        const QString where = QDir::toNativeSeparators(path);
        m_status->showMessage(
            isReadOnly()
                ? tr("TLS keys of %n handshake(s) saved to %1", nullptr, handshakes).arg(where)
                : tr("TLS keys of %n handshake(s) saved to %1; later handshakes' keys "
                     "are added as they end",
                     nullptr, handshakes)
                      .arg(where),
            kStatusMessageMs);
    });
    auto* exportCa = new ExportCaAction(this);
    exportCa->setObjectName(QStringLiteral("exportCaAction"));
    file->addAction(exportCa);
    file->addSeparator();
    add(file, {}, tr("&Preferences…"), tr("Capture budget, capture folder, default keep policy"),
        QKeySequence(Qt::CTRL | Qt::Key_Comma),
        [this] {
            auto* dialog = new PreferencesDialog(this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        })
        ->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    // Closing the live window quits; a saved session's window only closes.
    if (isReadOnly()) {
        add(file, {}, tr("C&lose window"), tr("Close this saved session"), QKeySequence::Close,
            &QWidget::close);
    } else {
        add(file, {}, tr("&Quit"), tr("Quit SockScope"), QKeySequence(Qt::CTRL | Qt::Key_Q),
            &QWidget::close)
            ->setMenuRole(QAction::QuitRole);
    }

    QMenu* connection = menuBar()->addMenu(tr("&Connection"));
    m_sendAction = add(connection, icon("send"), tr("&Send"),
                       tr("Send the send box's contents to the selected connection"), {},
                       [this] { m_sendBox->send(); });
    m_halfCloseAction = add(connection, icon("half-close"), tr("&Half-close"),
                            tr("Shut down our sending side of the selected connection (FIN)"), {},
                            [this] { m_sendBox->requestHalfClose(); });
    m_closeAction = add(connection, icon("close"), tr("&Close"),
                        tr("Close the selected connection, or cancel its connect"), {},
                        [this] { m_sendBox->requestClose(); });
    m_abortAction = add(connection, {}, tr("A&bort (RST)"),
                        tr("Reset the selected connection: the peer gets an RST, and whatever is "
                           "still queued is dropped"),
                        {}, [this] { m_sendBox->requestAbort(); });
    m_abortAction->setObjectName(QStringLiteral("abortAction"));
    m_replayConnectionAction =
        add(connection, {}, tr("Re&play connection…"),
            tr("Play the selected connection's conversation as its client against a live server "
               "and show where its answers differ"),
            {}, [this] { openReplay(m_connectionsPanel->currentConnection()); });
    connection->addSeparator();
    QAction* clear =
        add(connection, icon("clear"), tr("Clear c&losed"),
            tr("Remove closed connections and stopped listeners from the list"), {}, [this] {
                m_connectionsPanel->clearClosed();
                releaseFreedMemory();
            });
    clear->setObjectName(QStringLiteral("clearClosedAction"));
    // A saved session is a record: nothing in it is removed.
    clear->setEnabled(!isReadOnly());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    add(view, {}, tr("&Find in traffic…"),
        tr("Find or filter the traffic by text, hex bytes, direction or listener"),
        QKeySequence::Find, [this] { m_trafficPanel->showFindBar(); });
    add(view, {}, tr("Clear &traffic and events"),
        tr("Empty the traffic and event lists; the export still has everything"), {},
        [this] {
            m_traffic->clear();
            m_events->clear();
            releaseFreedMemory();
        })
        ->setObjectName(QStringLiteral("clearTrafficAction"));

    QAction* systemSockets = m_systemSocketsDock->toggleViewAction();
    systemSockets->setShortcut(QKeySequence(Qt::Key_F6));
    systemSockets->setToolTip(tr("Show every TCP socket of this machine, like ss -tanp (F6)"));
    view->addAction(systemSockets);

    auto* help = new HelpMenu(this);
    menuBar()->addMenu(help);
    connect(m_connectionsPanel, &ConnectionsPanel::guideRequested, help, &HelpMenu::showGuide);

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({listen, connectAction});
    tools->addSeparator();
    tools->addActions({m_sendAction, m_halfCloseAction, m_closeAction});
    tools->addSeparator();
    tools->addActions({clear, m_export, m_record});
    tools->addSeparator();
    tools->addAction(systemSockets);

    for (QAction* action :
         std::initializer_list<QAction*>{listen, connectAction, scenario, m_record})
        action->setEnabled(!isReadOnly());
}

void MainWindow::applyBatch(const EventBatch& events, const SessionStats& stats) {
    m_connections->applyBatch(events, stats);
    m_traffic->applyBatch(events, stats);
    m_events->applyBatch(events, stats);
    m_details->appendBatch(events);
    m_status->showStats(stats);
    if (m_live)
        m_live->observe(events, stats);
}

void MainWindow::showConnection(int conn) {
    m_trafficPanel->setConnection(conn, m_connectionsPanel->describeConnection(conn));
    m_sendBox->setConnection(conn);
    m_details->followConnection(conn);
}

void MainWindow::updateActions() {
    // A saved session's connections may have been open when it was saved.
    m_sendAction->setEnabled(m_engine && m_sendBox->canSend());
    m_halfCloseAction->setEnabled(m_engine && m_sendBox->canHalfClose());
    m_closeAction->setEnabled(m_engine && m_sendBox->canClose());
    m_abortAction->setEnabled(m_engine && m_sendBox->canClose());
    m_replayConnectionAction->setEnabled(m_connectionsPanel->currentConnection() != 0);
}

} // namespace sockscope
