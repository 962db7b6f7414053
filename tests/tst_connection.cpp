// Connections on real loopback sockets: ephemeral ports, lifecycle, sending,
// half-close and close, and every way a connect fails.
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>

using namespace sockscope;

namespace {
quint16 freePort() {
    // Bind, note the port, release it: nothing listens there afterwards.
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

class tst_Connection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void outgoingClientShowsKernelPickedPort_data();
    void outgoingClientShowsKernelPickedPort();
    void sendsAndReceivesBothWays();
    void halfCloseThenPeerCloses();
    void peerHalfCloseKeepsOurSideOpen();
    void closeByUs();
    void refused_data();
    void refused();
    void hostNotFound();
    void timeoutAndCancel();
    void peerResetKeepsBytesReceivedBefore();
    void worksOnItsOwnThread();
    void closeAllIsGracefulAndReportsOnce();
    void pausedReadingHoldsThePeerBack();
    void peerFinClosesAClientThatAsks_data();
    void peerFinClosesAClientThatAsks();
};

void tst_Connection::outgoingClientShowsKernelPickedPort_data() {
    QTest::addColumn<QString>("host");
    QTest::addColumn<QHostAddress>("bind");
    QTest::newRow("ipv4") << "127.0.0.1" << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("ipv6") << "::1" << QHostAddress(QHostAddress::LocalHostIPv6);
    QTest::newRow("name") << "localhost" << QHostAddress(QHostAddress::LocalHost);
}

void tst_Connection::outgoingClientShowsKernelPickedPort() {
    QFETCH(QString, host);
    QFETCH(QHostAddress, bind);
    QTcpServer server;
    QVERIFY(server.listen(bind, 0));
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = engine.startClient({host, server.serverPort(), {}, false, 5000, {}});
    QTRY_VERIFY(recorder.has(EventKind::Connect, id));
    QTRY_VERIFY(server.hasPendingConnections());
    QTcpSocket* peer = server.nextPendingConnection();
    QTRY_VERIFY(recorder.has(EventKind::Connected, id));
    const CaptureEvent connected = *recorder.find(EventKind::Connected, id);
    // What we show is what the other side sees with getpeername().
    QCOMPARE(connected.local.port(), peer->peerPort());
    QCOMPARE(connected.peer.port(), server.serverPort());
    QVERIFY(connected.local.port() >= 1024);
}

void tst_Connection::sendsAndReceivesBothWays() {
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id =
        engine.startClient({"127.0.0.1", server.serverPort(), "hello\n", false, 5000, {}});
    QTRY_VERIFY(server.hasPendingConnections());
    QTcpSocket* peer = server.nextPendingConnection();
    QTRY_COMPARE(peer->bytesAvailable(), qint64(6));
    QCOMPARE(peer->readAll(), QByteArray("hello\n"));
    const QByteArray binary("\x00\xff\xfe\x80 bytes", 10);
    peer->write(binary);
    QTRY_COMPARE(recorder.stream(id, Direction::In), binary);
    QCOMPARE(recorder.stream(id, Direction::Out), QByteArray("hello\n"));
    engine.send(id, QByteArray("more"));
    QTRY_COMPARE(peer->bytesAvailable(), qint64(4));
    QTRY_COMPARE(recorder.lastStats.bytesOut, qint64(10));
    QCOMPARE(recorder.lastStats.bytesIn, qint64(binary.size()));
}

void tst_Connection::halfCloseThenPeerCloses() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = engine.startClient({"127.0.0.1", port, "request", true, 5000, {}});
    RawPeer peer;
    QTRY_VERIFY(peer.isValid() || (peer = server.accept()).isValid());
    // The peer sees our data, then our FIN, and can still answer.
    QTRY_VERIFY(peer.poll());
    QCOMPARE(peer.received, QByteArray("request"));
    QTRY_VERIFY(recorder.has(EventKind::HalfClose, id));
    QCOMPARE(recorder.find(EventKind::HalfClose, id)->by, Closer::Local);
    QVERIFY(peer.write("answer"));
    peer.close();
    QTRY_VERIFY(recorder.has(EventKind::Close, id));
    QCOMPARE(recorder.stream(id, Direction::In), QByteArray("answer"));
    QCOMPARE(recorder.find(EventKind::Close, id)->by, Closer::Local); // our FIN came first
    QCOMPARE(recorder.ending(id).text(ConnectionEnding::Wording::English),
             u"We half-closed, then the peer closed"_qs);
}

void tst_Connection::peerHalfCloseKeepsOurSideOpen() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    RawPeer client = RawPeer::connectToLoopback(recorder.listenPort(listener));
    QVERIFY(client.write("bye"));
    QVERIFY(client.shutdownWrite());
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, listener));
    const int conn = recorder.find(EventKind::Accept, -1, listener)->conn;
    QCOMPARE(recorder.find(EventKind::Accept, -1, listener)->peer.port(), client.localPort());
    QTRY_VERIFY(recorder.has(EventKind::HalfClose, conn));
    QCOMPARE(recorder.find(EventKind::HalfClose, conn)->by, Closer::Peer);
    QCOMPARE(recorder.stream(conn, Direction::In), QByteArray("bye"));
    // A manual listener can still talk after the peer's FIN.
    engine.send(conn, "still here");
    engine.close(conn);
    QTRY_VERIFY(client.poll());
    QCOMPARE(client.received, QByteArray("still here"));
    QTRY_VERIFY(recorder.has(EventKind::Close, conn));
    QCOMPARE(recorder.find(EventKind::Close, conn)->by, Closer::Peer); // its FIN came first
    // We pressed Close: not "closed by peer".
    QCOMPARE(recorder.ending(conn).text(ConnectionEnding::Wording::English),
             u"Peer half-closed, then we closed"_qs);
}

void tst_Connection::closeByUs() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, recorder.listenPort(listener));
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, listener));
    const int conn = recorder.find(EventKind::Accept, -1, listener)->conn;
    engine.send(conn, QByteArray(100000, 'x'));
    engine.close(conn);
    // Graceful: everything queued arrives before the FIN.
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(client.readAll().size(), 100000);
    QTRY_VERIFY(recorder.has(EventKind::Close, conn));
    QCOMPARE(recorder.find(EventKind::Close, conn)->by, Closer::Local);
    QCOMPARE(recorder.ending(conn).kind(), ConnectionEnding::Kind::WeClosed);
    QTRY_COMPARE(recorder.lastStats.openConnections, 0);
}

void tst_Connection::refused_data() {
    QTest::addColumn<QString>("host");
    QTest::newRow("ipv4") << "127.0.0.1";
    QTest::newRow("ipv6") << "::1";
}

void tst_Connection::refused() {
    QFETCH(QString, host);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const quint16 port = freePort();
    const int id = engine.startClient({host, port, {}, false, 5000, {}});
    QTRY_VERIFY(recorder.has(EventKind::Error, id));
    const CaptureEvent error = *recorder.find(EventKind::Error, id);
    QCOMPARE(error.error, ErrorCode::Refused);
    QVERIFY2(error.message.contains(QString::number(port)), qPrintable(error.message));
    QVERIFY(error.message.contains(QStringLiteral("ECONNREFUSED")));
    QVERIFY(!recorder.has(EventKind::Connected, id));
}

void tst_Connection::hostNotFound() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    // Not a valid host name, so the resolver fails without asking any server.
    const int id = engine.startClient({"no such host", 80, {}, false, 5000, {}});
    QTRY_VERIFY(recorder.has(EventKind::Error, id));
    const CaptureEvent error = *recorder.find(EventKind::Error, id);
    QCOMPARE(error.error, ErrorCode::HostNotFound);
    QVERIFY(error.message.contains(QStringLiteral("no such host")));
}

void tst_Connection::timeoutAndCancel() {
    // A listener whose accept queue is full drops further SYNs: connects hang.
    QTcpServer full;
    full.setListenBacklogSize(0);
    QVERIFY(full.listen(QHostAddress::LocalHost, 0));
    full.pauseAccepting();
    std::vector<std::unique_ptr<QTcpSocket>> fillers;
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    for (int i = 0; i < 4; ++i) {
        fillers.push_back(std::make_unique<QTcpSocket>());
        fillers.back()->connectToHost(QHostAddress::LocalHost, full.serverPort());
    }
    const int timesOut = engine.startClient({"127.0.0.1", full.serverPort(), {}, false, 300, {}});
    const int cancelled =
        engine.startClient({"127.0.0.1", full.serverPort(), {}, false, 60000, {}});
    QTRY_VERIFY(recorder.has(EventKind::Connect, cancelled));
    engine.close(cancelled);
    QTRY_VERIFY(recorder.has(EventKind::Error, cancelled));
    QCOMPARE(recorder.find(EventKind::Error, cancelled)->error, ErrorCode::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.has(EventKind::Error, timesOut), 10000);
    const CaptureEvent error = *recorder.find(EventKind::Error, timesOut);
    QCOMPARE(error.error, ErrorCode::Timeout);
    QVERIFY2(error.message.contains(QString::number(full.serverPort())), qPrintable(error.message));
}

void tst_Connection::peerResetKeepsBytesReceivedBefore() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, recorder.listenPort(listener));
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write("before the reset");
    QTRY_VERIFY(recorder.has(EventKind::Data, -1));
    const int conn = recorder.find(EventKind::Data, -1)->conn;
    // SO_LINGER 0: close() sends RST instead of FIN.
    client.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const linger hard{1, 0};
    QVERIFY(::setsockopt(int(client.socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard,
                         sizeof(hard)) == 0);
    client.abort();
    QTRY_VERIFY(recorder.has(EventKind::Error, conn));
    QCOMPARE(recorder.find(EventKind::Error, conn)->error, ErrorCode::Reset);
    QCOMPARE(recorder.stream(conn, Direction::In), QByteArray("before the reset"));
}

void tst_Connection::worksOnItsOwnThread() {
    Engine engine; // the window's way: a separate engine thread
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.responder.kind = ResponderConfig::Kind::Echo;
    const int listener = engine.startListener(config);
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    const int client =
        engine.startClient({"localhost", recorder.listenPort(listener), "ping", true, 5000, {}});
    QTRY_COMPARE(recorder.stream(client, Direction::In), QByteArray("ping"));
    QTRY_VERIFY(recorder.has(EventKind::Close, client));
}

void tst_Connection::closeAllIsGracefulAndReportsOnce() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    QSignalSpy done(&engine, &Engine::shutdownComplete);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    RawPeer first = RawPeer::connectToLoopback(recorder.listenPort(listener));
    RawPeer second = RawPeer::connectToLoopback(recorder.listenPort(listener));
    QTRY_COMPARE(recorder.lastStats.openConnections, 2);
    const int conn = recorder.find(EventKind::Accept, -1, listener)->conn;
    engine.send(conn, QByteArray(200000, 'q'));
    engine.closeAll();
    QTRY_COMPARE(done.count(), 1);
    // Everything queued was delivered before the FIN, and the listener is gone.
    QTRY_VERIFY(first.poll());
    QTRY_VERIFY(second.poll());
    QCOMPARE(first.received.size() + second.received.size(), 200000);
    QVERIFY(recorder.has(EventKind::Close, 0, listener));
    QCOMPARE(recorder.lastStats.openConnections, 0);
    QCOMPARE(recorder.lastStats.listeners, 0);
    // Late notifications (deleted connections, timers) must not report again.
    QVERIFY(!QTest::qWaitFor([&] { return done.count() > 1; }, 300));
}

void tst_Connection::pausedReadingHoldsThePeerBack() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    RawPeer peer = RawPeer::connectToLoopback(recorder.listenPort(listener));
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, listener));
    const int conn = recorder.find(EventKind::Accept, -1, listener)->conn;
    engine.setReadingPaused(conn, true);
    // A round trip through the engine: the pause is in effect before any data.
    engine.send(conn, "paused");
    QTRY_VERIFY((peer.poll(), peer.received == "paused"));
    // Write until the kernel's buffers on both sides are full (bounded).
    const QByteArray block(64 * 1024, 's');
    qint64 written = 0;
    for (int i = 0; i < 4096; ++i) {
        const ssize_t n = ::send(peer.descriptor(), block.constData(), size_t(block.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n <= 0)
            break;
        written += n;
    }
    QVERIFY2(written < 4096ll * block.size(), "the peer was never held back");
    engine.send(conn, "still paused");
    QTRY_VERIFY((peer.poll(), peer.received.endsWith("still paused")));
    QCOMPARE(recorder.bytes(conn, Direction::In), qint64(0));
    engine.setReadingPaused(conn, false);
    QTRY_COMPARE(recorder.bytes(conn, Direction::In), written);
}

void tst_Connection::peerFinClosesAClientThatAsks_data() {
    QTest::addColumn<bool>("closeAfterPeerFinished");
    QTest::newRow("headless: closes once sent") << true;
    QTest::newRow("window: stays in CLOSE_WAIT") << false;
}

// Issue 14: the server closes first while our request is still queued.
void tst_Connection::peerFinClosesAClientThatAsks() {
    QFETCH(bool, closeAfterPeerFinished);
    constexpr qsizetype kRequest = 4 * 1024 * 1024; // more than the socket buffers take
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config{"127.0.0.1", port, QByteArray(kRequest, 'q'), false, 5000, {}};
    config.closeAfterPeerFinished = closeAfterPeerFinished;
    const int id = engine.startClient(config);
    RawPeer peer;
    QTRY_VERIFY(peer.isValid() || (peer = server.accept()).isValid());
    QVERIFY(peer.write("+OK\r\n"));
    QVERIFY(peer.shutdownWrite());
    QTRY_VERIFY(recorder.has(EventKind::HalfClose, id));
    QCOMPARE(recorder.find(EventKind::HalfClose, id)->by, Closer::Peer);
    // Every queued byte arrives either way.
    QTRY_VERIFY((peer.poll(), peer.received.size() == kRequest));
    if (closeAfterPeerFinished) {
        QTRY_VERIFY(peer.poll()); // then our FIN
        QTRY_VERIFY(recorder.has(EventKind::Close, id));
        QCOMPARE(recorder.find(EventKind::Close, id)->by, Closer::Peer);
        QCOMPARE(recorder.ending(id).text(ConnectionEnding::Wording::English),
                 u"Peer half-closed, then we closed"_qs);
    } else {
        QVERIFY(!peer.sawEof);
        engine.send(id, "still here"); // CLOSE_WAIT: a person may still answer
        QTRY_VERIFY((peer.poll(), peer.received.endsWith("still here")));
        QVERIFY(!peer.sawEof);
        QVERIFY(!recorder.has(EventKind::Close, id));
    }
    QCOMPARE(recorder.stream(id, Direction::In), QByteArray("+OK\r\n"));
}

QTEST_GUILESS_MAIN(tst_Connection)
#include "tst_connection.moc"
