#include "mainwindow.h"

#include "batchpacer.h"
#include "clientdialog.h"
#include "connectionspanel.h"
#include "detailtabs.h"
#include "eventlogpanel.h"
#include "listenerdialog.h"
#include "livecontrols.h"
#include "livesession.h"
#include "mainmenus.h"
#include "models/clearedconnections.h"
#include "models/connectionsmodel.h"
#include "models/eventlogmodel.h"
#include "models/trafficmodel.h"
#include "noticebanner.h"
#include "opensessionaction.h"
#include "readonlybanner.h"
#include "sendbox.h"
#include "sessionsource.h"
#include "sessionstatusbar.h"
#include "system/kernelsettings.h"
#include "systemsocketspanel.h"
#include "trafficpanel.h"
#include "windowlayoutsettings.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QPushButton>
#include <QShowEvent>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace sockscope {

namespace {
constexpr int kStatusMessageMs = 8000;
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
    setWindowIcon(QIcon(QStringLiteral(":/icons/sockscope.svg")));
    createLayout();
    m_menus = new MainMenus({this, source, m_connectionsPanel, m_trafficPanel, m_sendBox, m_traffic,
                             m_events, m_systemSocketsDock});
    connect(m_menus, &MainMenus::listenRequested, this, &MainWindow::openListenerDialog);
    connect(m_menus, &MainMenus::connectRequested, this, &MainWindow::openClientDialog);
    connect(m_menus, &MainMenus::statusMessage, this, &MainWindow::showStatus);
    if (m_engine)
        m_live = new LiveControls(m_engine,
                                  {this, m_connections, m_connectionsPanel, m_sendBox, m_banner,
                                   m_menus->exportAction(), m_menus->recordAction()});
    // A burst's batch goes into the models a slice per event-loop pass, so
    // the window keeps painting and taking input while it catches up.
    connect(source, &SessionSource::batchReady, m_pacer, &BatchPacer::push);
    connect(m_pacer, &BatchPacer::sliceReady, this, &MainWindow::applyBatch);
    connect(m_pacer, &BatchPacer::batchHandedOn, source, &SessionSource::acknowledgeBatch);
    m_splitterSized = m_layoutSettings->restore();
    source->replay();
}

MainWindow::~MainWindow() = default;

int MainWindow::startListener(const ListenerConfig& config) {
    return m_live->startListener(config);
}

int MainWindow::startClient(const ClientConfig& config) {
    return m_live->startClient(config);
}

MainWindow* MainWindow::openSession(const QString& path) {
    return m_menus->openSessionAction()->openFile(path);
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
    connect(m_trafficPanel, &TrafficPanel::statusMessage, this, &MainWindow::showStatus);
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

void MainWindow::applyBatch(const EventBatch& events, const SessionStats& stats) {
    m_connections->applyBatch(events, stats);
    m_traffic->applyBatch(events, stats);
    m_events->applyBatch(events, stats);
    m_details->appendBatch(events);
    m_status->showStats(stats);
    if (m_live)
        m_live->observe(events, stats);
}

void MainWindow::showStatus(const QString& text) {
    m_status->showMessage(text, kStatusMessageMs);
}

void MainWindow::showConnection(int conn) {
    m_trafficPanel->setConnection(conn, m_connectionsPanel->describeConnection(conn));
    m_sendBox->setConnection(conn);
    m_details->followConnection(conn);
}

} // namespace sockscope
