// The HOWTO's backlog made visible: a paused listener leaves completed
// connections in the kernel's accept queue, SessionStats shows how many wait
// and the backlog that bounds them, and resuming accepts them in order.
#include "enginerecorder.h"
#include "rawpeer.h"
#include "system/kernelsettings.h"
#include "system/listenqueues.h"
#include "system/procnettcp.h"

#include <QTest>

#include <vector>

using namespace sockscope;

class tst_AcceptQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pausedListenerQueuesUpToTheBacklog_data();
    void pausedListenerQueuesUpToTheBacklog();
    void reportsTheKernelsBacklog_data();
    void reportsTheKernelsBacklog();
    void pauseShowsInStatsAndStopForgets();

private:
    static int startListener(Engine& engine, EngineRecorder& recorder, int backlog);
};

int tst_AcceptQueue::startListener(Engine& engine, EngineRecorder& recorder, int backlog) {
    ListenerConfig config;
    config.backlog = backlog;
    const int id = engine.startListener(config);
    if (!QTest::qWaitFor([&] { return recorder.listenPort(id) != 0; }, 5000))
        return -1;
    return id;
}

void tst_AcceptQueue::pausedListenerQueuesUpToTheBacklog_data() {
    QTest::addColumn<int>("backlog");
    QTest::addColumn<int>("clients");
    // Linux lets one more than the backlog wait: the queue is full only when
    // it holds more than backlog connections.
    QTest::newRow("backlog 2, 5 clients") << 2 << 5;
    QTest::newRow("backlog 1, 3 clients") << 1 << 3;
}

void tst_AcceptQueue::pausedListenerQueuesUpToTheBacklog() {
    QFETCH(int, backlog);
    QFETCH(int, clients);
    const int fits = backlog + 1;
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = startListener(engine, recorder, backlog);
    QVERIFY(id > 0);
    const quint16 port = recorder.listenPort(id);
    engine.pauseAccepting(id);
    QTRY_VERIFY(recorder.lastStats.listenerQueues.value(id).paused);
    QCOMPARE(recorder.lastStats.listenerQueues.value(id).backlog, backlog);

    // One at a time, so each handshake is done before the next SYN arrives.
    std::vector<RawPeer> peers;
    for (int i = 0; i < clients; ++i) {
        peers.push_back(RawPeer::startConnectToLoopback(port));
        if (i < fits) {
            QTRY_COMPARE(peers.back().tcpInfo().tcpi_state, quint8(TCP_ESTABLISHED));
            QTRY_COMPARE(recorder.lastStats.listenerQueues.value(id).queued, i + 1);
        }
    }
    // The kernel drops the SYNs of the rest: they stay in SYN_SENT and resend.
    for (int i = fits; i < clients; ++i) {
        const RawPeer& stuck = peers[std::size_t(i)];
        QTRY_VERIFY_WITH_TIMEOUT(stuck.tcpInfo().tcpi_total_retrans >= 1, 10000);
        QCOMPARE(stuck.tcpInfo().tcpi_state, quint8(TCP_SYN_SENT));
    }
    QCOMPARE(recorder.lastStats.listenerQueues.value(id).queued, fits);
    QVERIFY(!recorder.has(EventKind::Accept, -1, id));

    // /proc/net/tcp agrees: the LISTEN socket's rx_queue is the accept queue.
    QString error;
    const QList<SystemSocket> listening = readProcNetTcp(&error, TcpState::Listen);
    const auto ours = std::find_if(listening.begin(), listening.end(),
                                   [&](const SystemSocket& s) { return s.localPort == port; });
    QVERIFY(ours != listening.end());
    QCOMPARE(int(ours->rxQueue), fits);
    QCOMPARE(readListenQueuesFromProc(&error).value(ours->inode).queued, fits);

    engine.resumeAccepting(id);
    QTRY_COMPARE(recorder.lastStats.listenerQueues.value(id).queued, 0);
    QVERIFY(!recorder.lastStats.listenerQueues.value(id).paused);
    // Queued clients are accepted in arrival order, with their own ephemeral
    // ports; the stuck ones get in with their next SYN.
    const auto acceptedPeerPorts = [&] {
        QList<quint16> ports;
        for (const CaptureEvent& e : recorder.events) {
            if (e.kind == EventKind::Accept && e.listener == id)
                ports << e.peer.port();
        }
        return ports;
    };
    QTRY_VERIFY(acceptedPeerPorts().size() >= fits);
    for (int i = 0; i < fits; ++i)
        QCOMPARE(acceptedPeerPorts().at(i), peers[std::size_t(i)].localPort());
    QTRY_COMPARE_WITH_TIMEOUT(acceptedPeerPorts().size(), clients, 20000);
    for (int i = fits; i < clients; ++i)
        QVERIFY(acceptedPeerPorts().contains(peers[std::size_t(i)].localPort()));
}

void tst_AcceptQueue::reportsTheKernelsBacklog_data() {
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("expected");
    const int somaxconn = readSomaxconn().value_or(4096);
    QTest::newRow("small") << 2 << 2;
    QTest::newRow("default") << ListenerConfig::kDefaultBacklog
                             << std::min(ListenerConfig::kDefaultBacklog, somaxconn);
    QTest::newRow("above somaxconn, lowered") << 65535 << std::min(65535, somaxconn);
}

void tst_AcceptQueue::reportsTheKernelsBacklog() {
    QFETCH(int, requested);
    QFETCH(int, expected);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = startListener(engine, recorder, requested);
    QVERIFY(id > 0);
    QCOMPARE(recorder.lastStats.listenerQueues.value(id).backlog, expected);
    QCOMPARE(recorder.lastStats.listenerQueues.value(id).queued, 0);

    // sock_diag, which the session asks, says the same as listen() made of it.
    QString error;
    const auto byDiag = readListenQueuesByDiag(&error);
    if (!byDiag)
        QSKIP(qPrintable(error));
    const QList<SystemSocket> listening = readProcNetTcp(&error, TcpState::Listen);
    const auto ours = std::find_if(listening.begin(), listening.end(), [&](const SystemSocket& s) {
        return s.localPort == recorder.listenPort(id);
    });
    QVERIFY(ours != listening.end());
    QCOMPARE(byDiag->value(ours->inode).backlog, expected);
}

void tst_AcceptQueue::pauseShowsInStatsAndStopForgets() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int first = startListener(engine, recorder, 8);
    const int second = startListener(engine, recorder, 8);
    QVERIFY(first > 0 && second > 0);
    QTRY_COMPARE(recorder.lastStats.listenerQueues.size(), 2);
    engine.pauseAccepting(second);
    // Stats alone go out when nothing else happens: an empty batch.
    const int batches = recorder.batches;
    QTRY_VERIFY(recorder.lastStats.listenerQueues.value(second).paused);
    QVERIFY(recorder.batches > batches);
    QVERIFY(!recorder.lastStats.listenerQueues.value(first).paused);
    engine.resumeAccepting(second);
    QTRY_VERIFY(!recorder.lastStats.listenerQueues.value(second).paused);

    // An unpaused listener accepts at once, so nothing waits.
    RawPeer peer = RawPeer::startConnectToLoopback(recorder.listenPort(second));
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, second));
    QCOMPARE(recorder.lastStats.listenerQueues.value(second).queued, 0);

    engine.stopListener(first);
    QTRY_VERIFY(!recorder.lastStats.listenerQueues.contains(first));
    QVERIFY(recorder.lastStats.listenerQueues.contains(second));
    engine.pauseAccepting(first); // stopped: nothing to pause, nothing breaks
    engine.stopListener(second);
    QTRY_VERIFY(recorder.lastStats.listenerQueues.isEmpty());
}

QTEST_GUILESS_MAIN(tst_AcceptQueue)
#include "tst_acceptqueue.moc"
