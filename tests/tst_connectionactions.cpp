// Abort (RST) and Connect again, as a person reaches them: the connections
// tree's context menu offers each where it applies, and through a live
// window they reset a real peer and start the same client again.
#include "connectionspanel.h"
#include "engine/engine.h"
#include "eventfactory.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "rawpeer.h"
#include "viewparts.h"
#include "windowparts.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <sys/socket.h>

#include <cerrno>

using namespace sockscope;
using Model = ConnectionsModel;

namespace {
// The texts of the menu the panel would show for a row, mnemonics removed.
QStringList menuTexts(ConnectionsPanel& panel, const QModelIndex& sourceRow) {
    QMenu menu;
    panel.addSocketActions(&menu, parts::proxyOf(panel.view())->mapFromSource(sourceRow));
    QStringList texts;
    for (const QAction* action : menu.actions())
        texts.append(action->text().remove(u'&'));
    return texts;
}

// Builds the menu the panel would show for the connection and triggers text.
bool trigger(ConnectionsPanel& panel, const QModelIndex& sourceRow, const QString& text) {
    QMenu menu;
    panel.addSocketActions(&menu, parts::proxyOf(panel.view())->mapFromSource(sourceRow));
    for (QAction* action : menu.actions()) {
        if (action->text().remove(u'&') == text) {
            action->trigger();
            return true;
        }
    }
    return false;
}

// How the peer's reading ends, waiting up to 5 s: the errno of its first
// failed read (ECONNRESET), 0 for the end of the stream (a FIN), -1 for
// neither. Bytes before the ending are read past.
int endingOf(RawPeer& peer) {
    int ending = -1;
    const bool ended = QTest::qWaitFor(
        [&] {
            char buffer[65536];
            for (;;) {
                const ssize_t n = ::recv(peer.descriptor(), buffer, sizeof(buffer), 0);
                if (n > 0)
                    continue;
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                    return false;
                ending = n == 0 ? 0 : errno;
                return true;
            }
        },
        5000);
    return ended ? ending : -1;
}

quint16 peerPortOf(const RawPeer& accepted) {
    sockaddr_in address{};
    socklen_t length = sizeof(address);
    ::getpeername(accepted.descriptor(), reinterpret_cast<sockaddr*>(&address), &length);
    return ntohs(address.sin_port);
}

quint16 listenPortOf(Model* model, int listenerId) {
    return quint16(model->indexOfListener(listenerId)
                       .siblingAtColumn(Model::LocalColumn)
                       .data()
                       .toString()
                       .section(u':', -1)
                       .toUInt());
}

QString stateOf(Model* model, int conn) {
    return model->indexOfConnection(conn).siblingAtColumn(Model::StateColumn).data().toString();
}

const QString kAbort = QStringLiteral("Abort (RST)");
const QString kConnectAgain = QStringLiteral("Connect again");
} // namespace

class tst_ConnectionActions final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void menuOffersEachWhereItApplies();
    void abortFromTheContextMenuResetsThePeer();
    void abortFromTheConnectionMenu();
    void connectAgainStartsTheSameClient();
};

void tst_ConnectionActions::menuOffersEachWhereItApplies() {
    EventFactory f;
    Model model;
    ConnectionsPanel panel(&model);
    model.applyBatch(
        {f.listen(1, QStringLiteral("127.0.0.1:5000")),
         f.accept(2, 1, QStringLiteral("127.0.0.1:5000"), QStringLiteral("127.0.0.1:40001")),
         f.connect(3, QStringLiteral("127.0.0.1:5000")),
         f.connected(3, QStringLiteral("127.0.0.1:40001"), QStringLiteral("127.0.0.1:5000")),
         f.connect(4, QStringLiteral("example.org:80")),
         f.connect(5, QStringLiteral("127.0.0.1:5001")),
         f.error(5, ErrorCode::Refused, QStringLiteral("refused")),
         f.connect(6, QStringLiteral("127.0.0.1:5000")),
         f.connected(6, QStringLiteral("127.0.0.1:40002"), QStringLiteral("127.0.0.1:5000")),
         f.reset(6)},
        {});
    const auto texts = [&](int conn) {
        return menuTexts(panel, model.indexOfConnection(conn));
    };
    // Accepted and open: abort it, but there is nothing to connect again.
    QVERIFY(texts(2).contains(kAbort));
    QVERIFY(!texts(2).contains(kConnectAgain));
    // An open client: both.
    QVERIFY(texts(3).contains(kAbort));
    QVERIFY(texts(3).contains(kConnectAgain));
    // Still connecting: Abort cancels, like Cancel connect; not yet again.
    QVERIFY(texts(4).contains(kAbort));
    QVERIFY(texts(4).contains(QStringLiteral("Cancel connect")));
    QVERIFY(!texts(4).contains(kConnectAgain));
    // Finished, refused or reset: only again.
    for (int conn : {5, 6}) {
        QVERIFY(!texts(conn).contains(kAbort));
        QVERIFY(texts(conn).contains(kConnectAgain));
    }
    QCOMPARE(stateOf(&model, 6), QStringLiteral("We reset (RST)"));
    const QStringList listenerTexts = menuTexts(panel, model.indexOfListener(1));
    QVERIFY(!listenerTexts.contains(kAbort) && !listenerTexts.contains(kConnectAgain));

    QSignalSpy aborts(&panel, &ConnectionsPanel::abortRequested);
    QSignalSpy agains(&panel, &ConnectionsPanel::connectAgainRequested);
    QVERIFY(trigger(panel, model.indexOfConnection(2), kAbort));
    QVERIFY(trigger(panel, model.indexOfConnection(5), kConnectAgain));
    QCOMPARE(aborts.size(), 1);
    QCOMPARE(aborts.at(0).at(0).toInt(), 2);
    QCOMPARE(agains.size(), 1);
    QCOMPARE(agains.at(0).at(0).toInt(), 5);
}

void tst_ConnectionActions::abortFromTheContextMenuResetsThePeer() {
    Engine engine;
    MainWindow window(&engine);
    window.setConfirmQuit(false);
    window.show();
    Model* model = parts::connectionsModel(window);
    const int listenerId = window.startListener(ListenerConfig{});
    QTRY_VERIFY(listenPortOf(model, listenerId) != 0);
    RawPeer peer = RawPeer::connectToLoopback(listenPortOf(model, listenerId));
    QTRY_COMPARE(model->openConnectionCount(), 1);
    const int conn =
        model->index(0, 0, model->indexOfListener(listenerId)).data(Model::IdRole).toInt();

    QVERIFY(trigger(*parts::connectionsPanel(window), model->indexOfConnection(conn), kAbort));
    QTRY_COMPARE(stateOf(model, conn), QStringLiteral("We reset (RST)"));
    QCOMPARE(endingOf(peer), ECONNRESET);
    QCOMPARE(model->openConnectionCount(), 0);
}

void tst_ConnectionActions::abortFromTheConnectionMenu() {
    Engine engine;
    MainWindow window(&engine);
    window.setConfirmQuit(false);
    window.show();
    Model* model = parts::connectionsModel(window);
    const int listenerId = window.startListener(ListenerConfig{});
    QTRY_VERIFY(listenPortOf(model, listenerId) != 0);
    RawPeer peer = RawPeer::connectToLoopback(listenPortOf(model, listenerId));
    QTRY_COMPARE(model->openConnectionCount(), 1);
    const int conn =
        model->index(0, 0, model->indexOfListener(listenerId)).data(Model::IdRole).toInt();
    auto* abort = window.findChild<QAction*>(QStringLiteral("abortAction"));
    QVERIFY(abort);
    QVERIFY(!abort->isEnabled()); // nothing selected yet

    parts::connectionsPanel(window)->selectConnection(conn);
    QTRY_VERIFY(abort->isEnabled());
    abort->trigger();
    QCOMPARE(endingOf(peer), ECONNRESET);
    QTRY_VERIFY(!abort->isEnabled()); // the connection is over
    QCOMPARE(stateOf(model, conn), QStringLiteral("We reset (RST)"));
}

void tst_ConnectionActions::connectAgainStartsTheSameClient() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    quint16 source = 0;
    RawPeer::listenOnLoopback(&source); // a port nothing holds any more
    Engine engine;
    MainWindow window(&engine);
    window.setConfirmQuit(false);
    window.show();
    Model* model = parts::connectionsModel(window);
    ClientConfig config{"127.0.0.1", port, "hello", false, 5000, {}};
    config.sourceAddress = QStringLiteral("127.0.0.1");
    config.sourcePort = source;
    const int first = window.startClient(config);

    RawPeer firstPeer;
    QTRY_VERIFY(firstPeer.isValid() || (firstPeer = server.accept()).isValid());
    QTRY_VERIFY((firstPeer.poll(), firstPeer.received == "hello"));
    QCOMPARE(peerPortOf(firstPeer), source);
    // Reset, so that the fixed source port is free again at once (no TIME_WAIT).
    QTRY_VERIFY(model->isOpenConnection(model->indexOfConnection(first)));
    QVERIFY(trigger(*parts::connectionsPanel(window), model->indexOfConnection(first), kAbort));
    QTRY_COMPARE(stateOf(model, first), QStringLiteral("We reset (RST)"));

    QVERIFY(
        trigger(*parts::connectionsPanel(window), model->indexOfConnection(first), kConnectAgain));
    RawPeer secondPeer;
    QTRY_VERIFY(secondPeer.isValid() || (secondPeer = server.accept()).isValid());
    QTRY_VERIFY((secondPeer.poll(), secondPeer.received == "hello"));
    QCOMPARE(peerPortOf(secondPeer), source);
    // The new client is selected, ready to type into.
    QTRY_VERIFY(parts::connectionsPanel(window)->currentConnection() > first);
    const int second = parts::connectionsPanel(window)->currentConnection();
    QTRY_VERIFY(model->isOpenConnection(model->indexOfConnection(second)));
    QCOMPARE(model->indexOfConnection(second).siblingAtColumn(Model::LocalColumn).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(source));
}

QTEST_MAIN(tst_ConnectionActions)
#include "tst_connectionactions.moc"
