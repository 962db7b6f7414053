// Abort (RST) on real loopback sockets: the peer's next read fails with
// ECONNRESET, what was queued is dropped and said so, the connection ends
// with exactly one close (reset) or, while connecting, one error; and
// --abort-after's timer resets clients and accepted connections by itself.
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QCoreApplication>
#include <QTest>

#include <sys/socket.h>

#include <cerrno>

using namespace sockscope;

namespace {
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

int endingsOf(const EngineRecorder& recorder, int conn) {
    int endings = 0;
    for (const CaptureEvent& e : recorder.events)
        endings += e.conn == conn && (e.kind == EventKind::Close || e.kind == EventKind::Error);
    return endings;
}

struct Accepted {
    RawPeer peer;
    int conn = 0;
};

// A raw client connected to a manual listener of the engine.
Accepted acceptOne(EngineRecorder& recorder, int listener) {
    Accepted accepted;
    accepted.peer = RawPeer::connectToLoopback(recorder.listenPort(listener));
    const quint16 peerPort = accepted.peer.localPort();
    const auto isOurs = [&](const CaptureEvent& e) {
        return e.kind == EventKind::Accept && e.listener == listener && e.peer.port() == peerPort;
    };
    if (QTest::qWaitFor([&] { return recorder.find(isOurs).has_value(); }, 5000))
        accepted.conn = recorder.find(isOurs)->conn;
    return accepted;
}
} // namespace

class tst_Abort final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptedConnectionResetsThePeer();
    void clientResetsTheServer();
    void dropsWhatIsQueuedAndSaysSo();
    void afterThePeersFin();
    void whileConnectingCancels();
    void abortAfterResetsAcceptedConnections();
    void abortAfterResetsClientsOnceConnected();
};

void tst_Abort::acceptedConnectionResetsThePeer() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    Accepted accepted = acceptOne(recorder, listener);
    QVERIFY(accepted.conn != 0);
    QVERIFY(accepted.peer.write("hello"));
    QTRY_COMPARE(recorder.bytes(accepted.conn, Direction::In), qint64(5));

    engine.abort(accepted.conn);
    QTRY_VERIFY(recorder.has(EventKind::Close, accepted.conn));
    const CaptureEvent close = *recorder.find(EventKind::Close, accepted.conn);
    QVERIFY(close.reset);
    QCOMPARE(close.by, Closer::Local);
    QCOMPARE(close.message,
             QStringLiteral("RST sent (SO_LINGER 0); nothing was left to send or read"));
    QCOMPARE(endingsOf(recorder, accepted.conn), 1);
    QVERIFY(!recorder.has(EventKind::HalfClose, accepted.conn)); // no FIN was sent
    QCOMPARE(endingOf(accepted.peer), ECONNRESET);
    QCOMPARE(recorder.ending(accepted.conn).text(ConnectionEnding::Wording::English),
             QStringLiteral("We reset the connection"));
}

void tst_Abort::clientResetsTheServer() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int client = engine.startClient({"127.0.0.1", port, "hi", false, 5000, {}});
    RawPeer peer;
    QTRY_VERIFY(peer.isValid() || (peer = server.accept()).isValid());
    QTRY_VERIFY(recorder.has(EventKind::Connected, client));
    QTRY_COMPARE(recorder.bytes(client, Direction::Out), qint64(2));

    engine.abort(client);
    QTRY_VERIFY(recorder.has(EventKind::Close, client));
    QVERIFY(recorder.find(EventKind::Close, client)->reset);
    QCOMPARE(endingOf(peer), ECONNRESET);
    QCOMPARE(endingsOf(recorder, client), 1);
}

void tst_Abort::dropsWhatIsQueuedAndSaysSo() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    Accepted accepted = acceptOne(recorder, listener);
    QVERIFY(accepted.conn != 0);
    // The peer reads nothing: more than the socket buffers hold stays queued,
    // in the kernel and in SockScope.
    engine.send(accepted.conn, QByteArray(16 * 1024 * 1024, 'x'));
    QTRY_VERIFY(recorder.bytes(accepted.conn, Direction::Out) > 0);
    // And a little arrives that SockScope has not read while paused.
    engine.setReadingPaused(accepted.conn, true);
    QCoreApplication::sendPostedEvents(); // paused before the bytes arrive
    QVERIFY(accepted.peer.write("unread"));

    engine.abort(accepted.conn);
    QTRY_VERIFY(recorder.has(EventKind::Close, accepted.conn));
    const CaptureEvent close = *recorder.find(EventKind::Close, accepted.conn);
    QVERIFY(close.reset);
    const qint64 sent = recorder.bytes(accepted.conn, Direction::Out);
    QVERIFY2(sent < 16 * 1024 * 1024, "the peer read nothing, so not everything can be sent");
    QVERIFY2(close.message.contains(QStringLiteral("bytes the peer had not acknowledged")),
             qPrintable(close.message));
    QVERIFY2(close.message.contains(QStringLiteral("6 received bytes not yet read")),
             qPrintable(close.message));
    QCOMPARE(endingOf(accepted.peer), ECONNRESET);
}

void tst_Abort::afterThePeersFin() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int listener = engine.startListener(ListenerConfig{});
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    Accepted accepted = acceptOne(recorder, listener);
    QVERIFY(accepted.conn != 0);
    QVERIFY(accepted.peer.shutdownWrite());
    QTRY_VERIFY(recorder.has(EventKind::HalfClose, accepted.conn));

    engine.abort(accepted.conn);
    QTRY_VERIFY(recorder.has(EventKind::Close, accepted.conn));
    const CaptureEvent close = *recorder.find(EventKind::Close, accepted.conn);
    QVERIFY(close.reset);
    QCOMPARE(close.by, Closer::Peer); // whose FIN came first
    const ConnectionEnding ending = recorder.ending(accepted.conn);
    QCOMPARE(ending.kind(), ConnectionEnding::Kind::WeReset);
    QCOMPARE(ending.text(ConnectionEnding::Wording::English),
             QStringLiteral("Peer half-closed, then we reset the connection"));
    QCOMPARE(endingOf(accepted.peer), ECONNRESET);
}

void tst_Abort::whileConnectingCancels() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    // Posted right behind the start: the name is still being looked up.
    const int client = engine.startClient({"localhost", port, {}, false, 5000, {}});
    engine.abort(client);
    QTRY_VERIFY(recorder.has(EventKind::Error, client));
    QCOMPARE(recorder.find(EventKind::Error, client)->error, ErrorCode::Cancelled);
    QVERIFY(!recorder.has(EventKind::Connected, client));
    QCOMPARE(endingsOf(recorder, client), 1);
}

void tst_Abort::abortAfterResetsAcceptedConnections() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.abortAfterMs = 300;
    const int listener = engine.startListener(config);
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    Accepted first = acceptOne(recorder, listener);
    Accepted second = acceptOne(recorder, listener);
    QVERIFY(first.conn != 0 && second.conn != 0);
    // The second is closed before its reset is due: it ends once, with a FIN.
    engine.close(second.conn);

    QTRY_VERIFY(recorder.has(EventKind::Close, first.conn));
    const CaptureEvent accept = *recorder.find(EventKind::Accept, first.conn);
    const CaptureEvent close = *recorder.find(EventKind::Close, first.conn);
    QVERIFY(close.reset);
    QVERIFY2(close.timeUs - accept.timeUs >= 290'000,
             qPrintable(QString::number(close.timeUs - accept.timeUs)));
    QCOMPARE(endingOf(first.peer), ECONNRESET);

    QTRY_VERIFY(recorder.has(EventKind::Close, second.conn));
    QVERIFY(!recorder.find(EventKind::Close, second.conn)->reset);
    // Its reset time passes too, and finds nothing to reset.
    const qint64 acceptedUs = recorder.find(EventKind::Accept, second.conn)->timeUs;
    QTRY_VERIFY(currentTimeUs() - acceptedUs > 450'000);
    QCOMPARE(endingsOf(recorder, second.conn), 1);
}

void tst_Abort::abortAfterResetsClientsOnceConnected() {
    quint16 port = 0;
    RawPeer server = RawPeer::listenOnLoopback(&port);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ClientConfig config{"127.0.0.1", port, {}, false, 5000, {}};
    config.abortAfterMs = 200;
    const int client = engine.startClient(config);
    RawPeer peer;
    QTRY_VERIFY(peer.isValid() || (peer = server.accept()).isValid());
    QTRY_VERIFY(recorder.has(EventKind::Close, client));
    const CaptureEvent connected = *recorder.find(EventKind::Connected, client);
    const CaptureEvent close = *recorder.find(EventKind::Close, client);
    QVERIFY(close.reset);
    QVERIFY(close.timeUs - connected.timeUs >= 190'000);
    QCOMPARE(endingOf(peer), ECONNRESET);
    QCOMPARE(endingsOf(recorder, client), 1);
}

QTEST_GUILESS_MAIN(tst_Abort)
#include "tst_abort.moc"
