#include "base/payloadtext.h"
#include "bindprobedialog.h"
#include "clientdialog.h"
#include "connectionspanel.h"
#include "detailtabs.h"
#include "engine/engine.h"
#include "eventlogpanel.h"
#include "exportaction.h"
#include "followstreamview.h"
#include "formats/jsonlreader.h"
#include "listeneractions.h"
#include "listenerdialog.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "models/eventlogmodel.h"
#include "models/trafficmodel.h"
#include "noticebanner.h"
#include "sendbox.h"
#include "sendboxparts.h"
#include "sessionstatusbar.h"
#include "trafficfiltermodel.h"
#include "trafficpanel.h"
#include "viewparts.h"
#include "windowparts.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <memory>

using namespace sockscope;
using Column = ConnectionsModel::Column;

namespace {
quint16 portOf(const QString& endpoint) {
    return quint16(endpoint.section(u':', -1).toUInt());
}

QString cell(const QModelIndex& row, int column) {
    return row.siblingAtColumn(column).data().toString();
}

// Rows of the traffic model as (conn, direction, payload).
bool hasChunk(const TrafficModel& model, int conn, Direction dir, const QByteArray& bytes) {
    for (int row = 0; row < model.rowCount(); ++row) {
        const CaptureEvent& e = model.eventAt(row);
        if (e.conn == conn && e.dir == dir && e.data == bytes)
            return true;
    }
    return false;
}
} // namespace

class tst_MainWindow final : public QObject {
    Q_OBJECT

private:
    struct Session {
        int listenerId = 0;
        quint16 port = 0;
        int acceptedConn = 0;
        int outgoingConn = 0;
    };

    // Drives the real dialogs the way a person would: shortcut, type, OK.
    // Callers check QTest::currentTestFailed() afterwards.
    void listenAndConnect(Session& s) {
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
        ListenerDialog* listen = nullptr;
        QTRY_VERIFY((listen = m_window->findChild<ListenerDialog*>()));
        QLineEdit* address = listen->addressEdit()->lineEdit();
        address->selectAll();
        QTest::keyClicks(address, QStringLiteral("localhost"));
        listen->portEdit()->selectAll();
        QTest::keyClicks(listen->portEdit(), QStringLiteral("0"));
        QVERIFY(listen->okButton()->isEnabled());
        QTest::mouseClick(listen->okButton(), Qt::LeftButton);

        ConnectionsModel* model = parts::connectionsModel(m_window);
        QTRY_COMPARE(model->listenerCount(), 1);
        const QModelIndex listener = model->index(0, 0);
        s.listenerId = listener.data(ConnectionsModel::IdRole).toInt();
        s.port = portOf(cell(listener, Column::LocalColumn));
        QVERIFY(s.port != 0);

        // Shortcuts reach only the active window, and the dialog just had focus.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
        ClientDialog* client = nullptr;
        QTRY_VERIFY((client = m_window->findChild<ClientDialog*>()));
        QLineEdit* host = client->hostEdit()->lineEdit();
        host->selectAll();
        QTest::keyClicks(host, QStringLiteral("127.0.0.1"));
        client->portEdit()->selectAll();
        QTest::keyClicks(client->portEdit(), QString::number(s.port));
        QTest::mouseClick(client->okButton(), Qt::LeftButton);

        QTRY_COMPARE(model->openConnectionCount(), 2);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        const QModelIndex accepted = model->index(0, 0, listener);
        const QModelIndex group = model->index(model->rowCount() - 1, 0);
        const QModelIndex outgoing = model->index(0, 0, group);
        s.acceptedConn = accepted.data(ConnectionsModel::IdRole).toInt();
        s.outgoingConn = outgoing.data(ConnectionsModel::IdRole).toInt();
    }

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QVERIFY(m_dir.isValid());
    }

    void init() {
        QSettings().clear();
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void titleAndIcon() {
        QCOMPARE(m_window->windowTitle(), QStringLiteral("SockScope"));
        QVERIFY(!m_window->windowIcon().isNull());
        QVERIFY(!QIcon(QStringLiteral(":/icons/sockscope.svg")).pixmap(32).isNull());
    }

    // "Who can reach this?" connects for real; its connections are closed
    // at once and marked, so a manual listener is not left with open probes.
    void reachabilityProbesDoNotStayOpen() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        ConnectionsModel* model = parts::connectionsModel(m_window);
        const int before = model->openConnectionCount();
        Q_EMIT parts::connectionsPanel(m_window)->listenerActions()->reachabilityRequested(
            u"127.0.0.1:%1"_qs.arg(s.port));
        BindProbeDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<BindProbeDialog*>()));
        QSignalSpy probed(dialog, &BindProbeDialog::probed);
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, 10000);
        const QModelIndex listener = model->indexOfListener(s.listenerId);
        QTRY_VERIFY(model->rowCount(listener) > 1); // the probe's accept
        QTRY_COMPARE(model->openConnectionCount(), before);
        const QModelIndex probe =
            model->index(model->rowCount(listener) - 1, ConnectionsModel::DetailColumn, listener);
        QVERIFY2(probe.data().toString().contains(u"reachability probe"),
                 qPrintable(probe.data().toString()));
        dialog->close();
    }

    // The Listen dialog never reopens with a port that just failed.
    void listenDialogRemembersOnlyWhatListened() {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        const auto listenOn = [this](int port, int backlog) {
            QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
            ListenerDialog* dialog = nullptr;
            QTRY_VERIFY((dialog = m_window->findChild<ListenerDialog*>()));
            dialog->portEdit()->setValue(port);
            dialog->backlogEdit()->setValue(backlog);
            QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
            QTRY_VERIFY(!m_window->findChild<ListenerDialog*>());
            m_window->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        };
        listenOn(occupant.serverPort(), 3);
        QTRY_VERIFY(parts::noticeBanner(m_window)->isVisible()); // EADDRINUSE
        QCOMPARE(ListenerDialog().portEdit()->value(), 0);
        QCOMPARE(ListenerDialog().backlogEdit()->value(), ListenerConfig::kDefaultBacklog);

        listenOn(0, 3);
        QTRY_COMPARE(parts::connectionsModel(m_window)->listenerCount(), 1);
        QTRY_COMPARE(ListenerDialog().backlogEdit()->value(), 3);
    }

    // After Connect… the keys go to the send box; Tab leads from the list to
    // it in one step, and through its buttons in the order they are shown.
    void focusFollowsWhatAPersonDoesNext() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        SendBox* box = parts::sendBox(m_window);
        QTRY_COMPARE(QApplication::focusWidget(), parts::textEdit(box));

        QTreeView* tree = parts::connectionsPanel(m_window)->view();
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), parts::textEdit(box));

        QList<QWidget*> order;
        QWidget* at = parts::halfCloseButton(box);
        for (int i = 0; i < 3; ++i) {
            order << at;
            at = at->nextInFocusChain();
        }
        QCOMPARE(order, (QList<QWidget*>{parts::halfCloseButton(box), parts::closeButton(box),
                                         box->sendButton()}));
        // The file page sends on Return, as the text page does on Ctrl+Return.
        QComboBox* mode = box->findChild<QComboBox*>();
        QVERIFY(mode);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("from a file\n");
        file.flush();
        mode->setCurrentIndex(mode->count() - 1);
        QVERIFY(parts::fileEdit(box)->isVisible());
        parts::fileEdit(box)->setText(file.fileName());
        QTest::keyClick(parts::fileEdit(box), Qt::Key_Return);
        QTRY_VERIFY(hasChunk(*parts::trafficModel(m_window), s.acceptedConn, Direction::In,
                             "from a file\n"));
    }

    // Quitting with traffic no export or recording holds asks first;
    // Cancel keeps the window, Discard quits (closing the connections).
    void quitAsksBeforeThrowingAwayTheCapture() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        m_window->setConfirmQuit(true);
        const auto answer = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [button] {
                QTRY_VERIFY(qobject_cast<QMessageBox*>(QApplication::activeModalWidget()));
                qobject_cast<QMessageBox*>(QApplication::activeModalWidget())
                    ->button(button)
                    ->click();
            });
        };
        answer(QMessageBox::Cancel);
        QVERIFY(!m_window->close());
        QVERIFY(m_window->isVisible());
        answer(QMessageBox::Discard);
        m_window->close(); // waits for the graceful close of both connections
        QTRY_VERIFY(!m_window->isVisible());
    }

    // A chunk or an event picked anywhere takes the tree, the send box and
    // the detail tabs to its connection; double-click shows it in Follow stream.
    void rowsLeadToTheirConnection() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY(parts::sendBox(m_window)->canSend());
        parts::textEdit(parts::sendBox(m_window))->setPlainText(QStringLiteral("ping"));
        QVERIFY(parts::sendBox(m_window)->send());
        TrafficModel* traffic = parts::trafficModel(m_window);
        QTRY_VERIFY(hasChunk(*traffic, s.acceptedConn, Direction::In, "ping\n"));

        TrafficPanel* panel = parts::trafficPanel(m_window);
        panel->allConnectionsToggle()->setChecked(true);
        QCOMPARE(parts::sendBox(m_window)->connection(), s.outgoingConn);
        int acceptedRow = -1;
        for (int row = 0; row < panel->filterModel()->rowCount(); ++row) {
            if (panel->filterModel()->index(row, 0).data(TrafficModel::ConnRole).toInt() ==
                s.acceptedConn)
                acceptedRow = row;
        }
        QVERIFY(acceptedRow >= 0);
        QTableView* table = panel->view();
        const QRect rowRect = table->visualRect(panel->filterModel()->index(acceptedRow, 1));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowRect.center());
        QCOMPARE(parts::connectionsPanel(m_window)->currentConnection(), s.acceptedConn);
        QCOMPARE(parts::sendBox(m_window)->connection(), s.acceptedConn);
        QVERIFY(panel->allConnectionsToggle()->isChecked()); // the table still shows all

        DetailTabs* details = parts::detailTabs(m_window);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rowRect.center());
        QCOMPARE(details->currentWidget(), details->followPage());
        QTRY_VERIFY(details->followView()->toPlainText().contains(u"ping"));

        // An event row of the outgoing client selects the client.
        QTableView* log = details->eventLog()->view();
        const QAbstractItemModel* events = log->model();
        int clientRow = -1;
        for (int row = 0; row < events->rowCount(); ++row) {
            if (events->index(row, 0).data(EventLogModel::ConnRole).toInt() == s.outgoingConn)
                clientRow = row;
        }
        QVERIFY(clientRow >= 0);
        log->setCurrentIndex(events->index(clientRow, 0));
        QCOMPARE(parts::connectionsPanel(m_window)->currentConnection(), s.outgoingConn);
        QCOMPARE(parts::sendBox(m_window)->connection(), s.outgoingConn);
    }

    void listenConnectSendAndExport() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        ConnectionsModel* model = parts::connectionsModel(m_window);

        // The accepted socket's peer is the outgoing client's ephemeral port.
        const QModelIndex accepted = model->indexOfConnection(s.acceptedConn);
        const QModelIndex outgoing = model->indexOfConnection(s.outgoingConn);
        QCOMPARE(portOf(cell(accepted, Column::LocalColumn)), s.port);
        QCOMPARE(portOf(cell(outgoing, Column::PeerColumn)), s.port);
        const quint16 ephemeral = portOf(cell(outgoing, Column::LocalColumn));
        QVERIFY(ephemeral != 0);
        QCOMPARE(portOf(cell(accepted, Column::PeerColumn)), ephemeral);

        // The client just started from the dialog is selected for sending.
        QTRY_COMPARE(parts::sendBox(m_window)->connection(), s.outgoingConn);
        QTRY_VERIFY(parts::sendBox(m_window)->canSend());
        QPlainTextEdit* text = parts::textEdit(parts::sendBox(m_window));
        text->setFocus();
        QTest::keyClicks(text, QStringLiteral("hello from ui"));
        QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);

        const QByteArray hello("hello from ui\n");
        TrafficModel* traffic = parts::trafficModel(m_window);
        QTRY_VERIFY(hasChunk(*traffic, s.outgoingConn, Direction::Out, hello));
        QTRY_VERIFY(hasChunk(*traffic, s.acceptedConn, Direction::In, hello));

        // The traffic table shows only the selected connection...
        TrafficPanel* panel = parts::trafficPanel(m_window);
        QCOMPARE(panel->shownConnection(), s.outgoingConn);
        for (int row = 0; row < panel->filterModel()->rowCount(); ++row) {
            QCOMPARE(panel->filterModel()->index(row, 0).data(TrafficModel::ConnRole).toInt(),
                     s.outgoingConn);
        }
        // ...or every connection when asked.
        panel->allConnectionsToggle()->setChecked(true);
        QCOMPARE(panel->shownConnection(), 0);
        QTRY_COMPARE(panel->filterModel()->rowCount(), 2);
        panel->allConnectionsToggle()->setChecked(false);

        // Selecting the accepted socket retargets the send box and the filter.
        QTreeView* tree = parts::connectionsPanel(m_window)->view();
        tree->setCurrentIndex(
            parts::proxyOf(parts::connectionsPanel(m_window)->view())->mapFromSource(accepted));
        QCOMPARE(parts::sendBox(m_window)->connection(), s.acceptedConn);
        QCOMPARE(panel->shownConnection(), s.acceptedConn);
        text->setPlainText(QStringLiteral("and back"));
        QVERIFY(parts::sendBox(m_window)->send());
        QTRY_VERIFY(hasChunk(*traffic, s.outgoingConn, Direction::In, "and back\n"));
        QTRY_COMPARE(panel->filterModel()->rowCount(), 2);

        // Follow stream: the whole conversation of the selected socket.
        const QString followed = parts::detailTabs(m_window)->followView()->toPlainText();
        QVERIFY2(followed.contains(u"hello from ui"), qPrintable(followed));
        QTRY_VERIFY(parts::detailTabs(m_window)->followView()->toPlainText().contains(u"and back"));

        // The selected chunk's hex dump.
        panel->view()->setCurrentIndex(panel->filterModel()->index(0, 0));
        QVERIFY(parts::detailTabs(m_window)->hexView()->toPlainText().contains(u"68 65 6c 6c 6f"));

        QTRY_COMPARE(parts::sessionStatusBar(m_window)->connectionsLabel()->text(),
                     QStringLiteral("Open connections: 2"));

        const QString path = m_dir.filePath(QStringLiteral("session.jsonl"));
        QString error;
        QVERIFY2(parts::exportAction(m_window)->exportTo(path, ExportFormat::Jsonl, &error),
                 qPrintable(error));
        const auto exported = readJsonlSession(path, &error);
        QVERIFY2(exported, qPrintable(error));
        int dataEvents = 0;
        for (const CaptureEvent& e : *exported) {
            if (e.kind == EventKind::Data) {
                ++dataEvents;
                QVERIFY(e.data == hello || e.data == "and back\n");
            }
        }
        QCOMPARE(dataEvents, 4);
    }

    void exportToUnwritablePathFails() {
        QString error;
        QVERIFY(!parts::exportAction(m_window)->exportTo(
            QStringLiteral("/nonexistent/dir/session.csv"), ExportFormat::Csv, &error));
        QVERIFY(!error.isEmpty());
    }

    void findInTraffic() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        m_engine->send(s.outgoingConn, "first\n");
        m_engine->send(s.outgoingConn, "needle here\n");
        m_engine->send(s.outgoingConn, "last\n");
        TrafficPanel* panel = parts::trafficPanel(m_window);
        panel->allConnectionsToggle()->setChecked(true);
        // TCP may deliver the three sends in fewer reads on the other end.
        const auto received = [&] {
            QByteArray in;
            for (int row = 0; row < parts::trafficModel(m_window)->rowCount(); ++row) {
                const CaptureEvent& e = parts::trafficModel(m_window)->eventAt(row);
                if (e.conn == s.acceptedConn)
                    in += e.data;
            }
            return in;
        };
        QTRY_COMPARE(received(), QByteArray("first\nneedle here\nlast\n"));

        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(panel->findEdit()->isVisible());
        QTRY_VERIFY(panel->findEdit()->hasFocus());
        QTest::keyClicks(panel->findEdit(), QStringLiteral("NEEDLE"));
        QTest::keyClick(panel->findEdit(), Qt::Key_Return);
        const QModelIndex hit = panel->view()->currentIndex();
        QVERIFY(hit.isValid());
        QVERIFY(hit.data(TrafficModel::PayloadRole).toByteArray().contains("needle"));
        // The next match is the same text on the other end, then it wraps.
        QTest::keyClick(panel->findEdit(), Qt::Key_Return);
        const QModelIndex next = panel->view()->currentIndex();
        QVERIFY(next.row() != hit.row());
        QVERIFY(next.data(TrafficModel::PayloadRole).toByteArray().contains("needle"));
        QCOMPARE(next.siblingAtColumn(0).data(TrafficModel::ConnRole).toInt() +
                     hit.siblingAtColumn(0).data(TrafficModel::ConnRole).toInt(),
                 s.acceptedConn + s.outgoingConn);
        QTest::keyClick(panel->findEdit(), Qt::Key_Return);
        QCOMPARE(panel->view()->currentIndex().row(), hit.row());
        QVERIFY(!panel->find(QStringLiteral("absent")));
    }

    // Issue 13, defect 8: what Clear closed removes leaves the traffic, the
    // events and the detail tabs too.
    void clearClosedTakesTheTrafficAndEvents() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        m_engine->send(s.outgoingConn, "gone soon\n");
        TrafficModel* traffic = parts::trafficModel(m_window);
        QTRY_VERIFY(hasChunk(*traffic, s.acceptedConn, Direction::In, "gone soon\n"));
        ConnectionsModel* model = parts::connectionsModel(m_window);
        parts::connectionsPanel(m_window)->selectConnection(s.acceptedConn);
        TrafficPanel* panel = parts::trafficPanel(m_window);
        QTRY_COMPARE(panel->filterModel()->rowCount(), 1);
        panel->view()->setCurrentIndex(panel->filterModel()->index(0, 0));
        QVERIFY(!parts::detailTabs(m_window)->hexView()->toPlainText().isEmpty());
        QCOMPARE(parts::detailTabs(m_window)->followView()->connection(), s.acceptedConn);

        m_engine->close(s.outgoingConn);
        m_engine->close(s.acceptedConn); // a manual listener keeps it open after the FIN
        QTRY_COMPARE(model->openConnectionCount(), 0);
        QTableView* events = parts::detailTabs(m_window)->eventLog()->view();
        const auto eventsOf = [events](int conn) {
            int n = 0;
            for (int row = 0; row < events->model()->rowCount(); ++row)
                n += events->model()->index(row, 0).data(EventLogModel::ConnRole).toInt() == conn;
            return n;
        };
        QVERIFY(eventsOf(s.acceptedConn) > 0);
        m_window->findChild<QAction*>(QStringLiteral("clearClosedAction"))->trigger();
        QVERIFY(!model->indexOfConnection(s.acceptedConn).isValid());
        QTRY_COMPARE(traffic->rowCount(), 0);
        QCOMPARE(eventsOf(s.acceptedConn), 0);
        QCOMPARE(eventsOf(s.outgoingConn), 0);
        QVERIFY(parts::detailTabs(m_window)->followView()->connection() != s.acceptedConn);
        QVERIFY(parts::detailTabs(m_window)->hexView()->toPlainText().isEmpty());
    }

    void hexPaneShowsTheWholeOfALargeChunk() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        QByteArray sent(256 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < sent.size(); ++i)
            sent[i] = char(i % 251);
        m_engine->send(s.outgoingConn, sent);
        TrafficModel* traffic = parts::trafficModel(m_window);
        // The received chunks, as (row, stream offset).
        QList<std::pair<int, qint64>> received;
        const auto receivedAll = [&] {
            received.clear();
            qint64 offset = 0;
            for (int row = 0; row < traffic->rowCount(); ++row) {
                const CaptureEvent& e = traffic->eventAt(row);
                if (e.conn == s.acceptedConn && e.dir == Direction::In) {
                    received.append({row, offset});
                    offset += e.size;
                }
            }
            return offset == sent.size();
        };
        QTRY_VERIFY(receivedAll());
        // Loopback reads a burst like this in pieces far larger than a preview.
        const auto [row, offset] =
            *std::max_element(received.begin(), received.end(), [&](const auto& a, const auto& b) {
                return traffic->eventAt(a.first).size < traffic->eventAt(b.first).size;
            });
        const CaptureEvent& chunk = traffic->eventAt(row);
        QVERIFY2(chunk.size > Engine::kPreviewBytes, qPrintable(QString::number(chunk.size)));
        QCOMPARE(chunk.data.size(), Engine::kPreviewBytes); // the row holds a preview...

        TrafficPanel* panel = parts::trafficPanel(m_window);
        panel->allConnectionsToggle()->setChecked(true);
        panel->view()->setCurrentIndex(panel->filterModel()->mapFromSource(traffic->index(row, 0)));
        // ...and the hex pane every byte of the chunk, from the capture store.
        QCOMPARE(parts::detailTabs(m_window)->hexView()->toPlainText(),
                 hexDump(sent.mid(offset, chunk.size)));
    }

    void bindErrorOffersAnyFreePort() {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        ListenerConfig config;
        config.address = QStringLiteral("127.0.0.1");
        config.port = occupant.serverPort();
        const int failed = m_window->startListener(config);

        NoticeBanner* banner = parts::noticeBanner(m_window);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->message().contains(QString::number(occupant.serverPort())),
                 qPrintable(banner->message()));
        QVERIFY(banner->actionButton()->isVisible());
        const QModelIndex row = parts::connectionsModel(m_window)->indexOfListener(failed);
        QVERIFY(row.isValid());
        QVERIFY(row.data(ConnectionsModel::ClosedRole).toBool());

        QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        ConnectionsModel* model = parts::connectionsModel(m_window);
        QTRY_COMPARE(model->listenerCount(), 1);
        const QModelIndex retried = model->index(1, 0);
        const quint16 port = portOf(cell(retried, Column::LocalColumn));
        QVERIFY(port != 0);
        QVERIFY(port != occupant.serverPort());
    }

    void connectFailureIsShown() {
        // A port that was just free: nothing listens there any more.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        ClientConfig config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = port;
        m_window->startClient(config);
        QTRY_VERIFY(parts::noticeBanner(m_window)->isVisible());
        QVERIFY(!parts::noticeBanner(m_window)->actionButton()->isVisible());

        // A later success takes the old failure down.
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        config.port = probe.serverPort();
        m_window->startClient(config);
        QTRY_VERIFY(!parts::noticeBanner(m_window)->isVisible());
    }

    void quitClosesConnectionsGracefully() {
        Session s;
        listenAndConnect(s);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy shutdown(m_engine.get(), &Engine::shutdownComplete);
        QTest::keyClick(m_window.get(), Qt::Key_Q, Qt::ControlModifier);
        // The window waits for the engine's goodbye before it goes.
        QTRY_VERIFY(!m_window->isVisible());
        QVERIFY(!shutdown.isEmpty());
        // The engine's last batch (both closes) came before its goodbye.
        QCOMPARE(parts::connectionsModel(m_window)->openConnectionCount(), 0);
    }

    void essentialConnectionsColumnsInViewAt1280() {
        // A first run (no saved layout) on a 1280x800 screen.
        m_window.reset();
        QSettings().clear();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // The tree shows once there is a socket.
        m_window->startListener({});
        QTRY_COMPARE(parts::connectionsModel(m_window)->listenerCount(), 1);
        QTreeView* tree = parts::connectionsPanel(m_window)->view();
        QTRY_VERIFY(tree->isVisible());
        const QHeaderView* header = tree->header();
        // Name, Local, Peer, State and the byte counts in view; Detail, if
        // it has no room, is in the Details tab.
        for (int column = 0; column < ConnectionsModel::ColumnCount; ++column) {
            QVERIFY(!header->isSectionHidden(column) || column == ConnectionsModel::DetailColumn);
            if (header->isSectionHidden(column))
                continue;
            QVERIFY2(header->sectionViewportPosition(column) + header->sectionSize(column) <=
                         tree->viewport()->width(),
                     qPrintable(QStringLiteral("column %1 ends at %2, the view is %3 wide")
                                    .arg(column)
                                    .arg(header->sectionViewportPosition(column) +
                                         header->sectionSize(column))
                                    .arg(tree->viewport()->width())));
        }
        // ...and the other side a whole hex dump line.
        QPlainTextEdit* hex = parts::detailTabs(m_window)->hexView();
        parts::detailTabs(m_window)->setCurrentWidget(hex);
        QTRY_VERIFY(hex->viewport()->width() >=
                    hex->fontMetrics().horizontalAdvance(QString(78, u'0')) +
                        2 * hex->document()->documentMargin());
    }

    void remembersSplitterSizes() {
        m_window->resize(1000, 700);
        auto* splitter = m_window->findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({300, 700});
        const QList<int> sizes = splitter->sizes();
        m_window->close();
        QVERIFY(!m_window->isVisible());

        MainWindow again(m_engine.get());
        again.resize(1000, 700);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        // The tree keeps its width. (The saved window was larger than the
        // test's 800x600 screen, so it was fitted to it before this resize,
        // and the other side took the difference.)
        QCOMPARE(again.findChild<QSplitter*>(QStringLiteral("mainSplitter"))->sizes().first(),
                 sizes.first());
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
