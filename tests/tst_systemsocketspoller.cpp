// The system view on real sockets: a listener and an established pair that
// the test opened itself, read on a worker thread, with their owner.
#include "models/systemsocketsmodel.h"
#include "system/systemsocketspoller.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>

#include <memory>

using namespace sockscope;

namespace {
std::optional<SystemSocket> find(const SystemSnapshot& snapshot, TcpState state, quint16 localPort,
                                 quint16 remotePort) {
    for (const SystemSocket& s : snapshot.sockets) {
        if (s.state == state && s.localPort == localPort && s.remotePort == remotePort)
            return s;
    }
    return std::nullopt;
}

QString ownProcessName() {
    QFile comm(QStringLiteral("/proc/self/comm"));
    return comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll().trimmed()) : QString();
}

// A loopback listener with one accepted connection.
struct OpenPair {
    QTcpServer server;
    QTcpSocket client;
    std::unique_ptr<QTcpSocket> accepted;

    bool open() {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!QTest::qWaitFor([&] { return server.hasPendingConnections(); }, 5000))
            return false;
        accepted.reset(server.nextPendingConnection());
        return QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; },
                               5000);
    }
};
} // namespace

class tst_SystemSocketsPoller : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsSocketsThisTestOpened_data();
    void listsSocketsThisTestOpened();
    void modelFollowsRealSockets_data();
    void modelFollowsRealSockets();
    void destroyedWhileReading();
    void requestDuringReadIsKept();
};

void tst_SystemSocketsPoller::listsSocketsThisTestOpened_data() {
    QTest::addColumn<int>("scan");
    QTest::addColumn<bool>("ownerKnown");
    QTest::newRow("no owners") << int(OwnerScan::None) << false;
    QTest::newRow("own process") << int(OwnerScan::OwnProcess) << true;
    QTest::newRow("all processes") << int(OwnerScan::AllProcesses) << true;
}

void tst_SystemSocketsPoller::listsSocketsThisTestOpened() {
    QFETCH(int, scan);
    QFETCH(bool, ownerKnown);
    OpenPair pair;
    QVERIFY(pair.open());
    const quint16 serverPort = pair.server.serverPort();
    const quint16 clientPort = pair.client.localPort();

    SystemSocketsPoller poller;
    poller.setOwnerScan(OwnerScan(scan));
    poller.setIntervalMs(20);
    QSignalSpy snapshots(&poller, &SystemSocketsPoller::snapshotReady);
    poller.start();
    QCOMPARE(snapshots.count(), 0);      // read on a worker, delivered later
    QTRY_VERIFY(snapshots.count() >= 2); // and again after the interval
    const auto snapshot = snapshots.last().at(0).value<SystemSnapshot>();
    QVERIFY2(snapshot.error.isEmpty(), qPrintable(snapshot.error));

    const auto listening = find(snapshot, TcpState::Listen, serverPort, 0);
    const auto clientSide = find(snapshot, TcpState::Established, clientPort, serverPort);
    const auto serverSide = find(snapshot, TcpState::Established, serverPort, clientPort);
    QVERIFY(listening);
    QVERIFY(clientSide);
    QVERIFY(serverSide);
    QCOMPARE(listening->local, QStringLiteral("127.0.0.1:%1").arg(serverPort));
    QCOMPARE(listening->remote, QStringLiteral("0.0.0.0:0"));
    QCOMPARE(clientSide->remote, QStringLiteral("127.0.0.1:%1").arg(serverPort));
    QVERIFY(listening->inode != 0);
    const qint64 expectedPid = ownerKnown ? QCoreApplication::applicationPid() : 0;
    const QString expectedName = ownerKnown ? ownProcessName() : QString();
    for (const SystemSocket& s : {*listening, *clientSide, *serverSide}) {
        QCOMPARE(s.pid, expectedPid);
        QCOMPARE(s.process, expectedName);
    }
    // The HOWTO's "dynamically allocated port".
    QVERIFY(snapshot.ephemeralPorts);
    QVERIFY(snapshot.ephemeralPorts->contains(clientPort));
}

void tst_SystemSocketsPoller::modelFollowsRealSockets_data() {
    QTest::addColumn<bool>("reset");
    QTest::newRow("closed: TIME_WAIT stays, owned by no one") << false;
    QTest::newRow("reset: the rows close, then go") << true;
}

void tst_SystemSocketsPoller::modelFollowsRealSockets() {
    QFETCH(bool, reset);
    OpenPair pair;
    QVERIFY(pair.open());
    const quint16 clientPort = pair.client.localPort();
    const quint16 serverPort = pair.server.serverPort();
    SystemSocketsPoller poller;
    poller.setOwnerScan(OwnerScan::OwnProcess);
    poller.setIntervalMs(20);
    SystemSocketsModel model;
    connect(&poller, &SystemSocketsPoller::snapshotReady, &model,
            &SystemSocketsModel::applySnapshot);
    poller.start();
    // The kernel reuses a local port towards other peers: match both ends.
    const auto rowOf = [&](quint16 localPort, quint16 remotePort) -> int {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            if (index.data(SystemSocketsModel::LocalPortRole).toInt() == localPort &&
                index.data(SystemSocketsModel::RemotePortRole).toInt() == remotePort)
                return row;
        }
        return -1;
    };
    const auto clientData = [&](int column, int role = Qt::DisplayRole) {
        const int row = rowOf(clientPort, serverPort);
        return row < 0 ? QVariant() : model.index(row, column).data(role);
    };
    QTRY_COMPARE(clientData(SystemSocketsModel::StateColumn).toString(),
                 QStringLiteral("ESTABLISHED"));
    QVERIFY(clientData(0, SystemSocketsModel::IsOwnRole).toBool());

    if (!reset) {
        // We close first, so our side waits in TIME_WAIT, no longer any
        // process's socket. (Its row number is not compared: other
        // processes' sockets come and go above it.)
        pair.client.disconnectFromHost();
        QTRY_COMPARE(clientData(SystemSocketsModel::StateColumn).toString(),
                     QStringLiteral("TIME_WAIT"));
        QVERIFY(!clientData(0, SystemSocketsModel::IsOwnRole).toBool());
        QCOMPARE(clientData(0, SystemSocketsModel::PidRole).toLongLong(), 0);
        return;
    }
    const linger abortive{1, 0};
    ::setsockopt(int(pair.client.socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive,
                 sizeof(abortive));
    pair.client.abort();
    QTRY_VERIFY(clientData(0, SystemSocketsModel::IsClosedRole).toBool() ||
                rowOf(clientPort, serverPort) < 0);
    QTRY_COMPARE(rowOf(clientPort, serverPort), -1);
    QTRY_COMPARE(rowOf(serverPort, clientPort), -1);
}

void tst_SystemSocketsPoller::destroyedWhileReading() {
    auto poller = std::make_unique<SystemSocketsPoller>();
    poller->setOwnerScan(OwnerScan::AllProcesses);
    QSignalSpy snapshots(poller.get(), &SystemSocketsPoller::snapshotReady);
    poller->start();
    poller.reset(); // waits for the read; its delivery is dropped with the poller
    QCoreApplication::processEvents();
    QCOMPARE(snapshots.count(), 0);
}

// A Refresh clicked while a read runs must not be lost: that read may have
// begun before what the person wants to see, so one more read follows it.
void tst_SystemSocketsPoller::requestDuringReadIsKept() {
    SystemSocketsPoller poller; // not started: no timer reads on its own
    poller.setOwnerScan(OwnerScan::None);
    QSignalSpy snapshots(&poller, &SystemSocketsPoller::snapshotReady);
    poller.pollNow();
    poller.pollNow(); // the first read is still running: nothing is delivered before the loop runs
    poller.pollNow(); // folded into the same second read
    QTRY_COMPARE(snapshots.count(), 2);
    // A request after the reads ended is read afresh.
    OpenPair pair;
    QVERIFY(pair.open());
    poller.pollNow();
    QTRY_COMPARE(snapshots.count(), 3);
    const auto snapshot = snapshots.last().at(0).value<SystemSnapshot>();
    QVERIFY(find(snapshot, TcpState::Listen, pair.server.serverPort(), 0));
}

QTEST_GUILESS_MAIN(tst_SystemSocketsPoller)
#include "tst_systemsocketspoller.moc"
