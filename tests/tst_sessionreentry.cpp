// Acting on a connection from inside its own callback must not touch freed
// memory: responders that close as they answer, and a consumer that closes
// or resets a connection while the session reports it, against real peers
// on loopback, many connections at once. Meant for the ASan build, where a
// connection deleted inside its callback is a heap-use-after-free report.
#include "capture/capturestore.h"
#include "engine/session.h"
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QTest>

#include <cerrno>
#include <vector>

using namespace sockscope;

namespace {

constexpr int kPeers = 64;

// True once the peer has read our FIN or our RST.
bool ended(RawPeer& peer) {
    return peer.poll() || errno == ECONNRESET;
}

int endingsOf(const EventBatch& events, int conn) {
    return int(std::count_if(events.cbegin(), events.cend(), [conn](const CaptureEvent& e) {
        return e.conn == conn && (e.kind == EventKind::Close || e.kind == EventKind::Error);
    }));
}

} // namespace

class tst_SessionReentry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void respondersCloseInsideTheirCallback_data();
    void respondersCloseInsideTheirCallback();
    void actionsFromInsideANotification_data();
    void actionsFromInsideANotification();
};

void tst_SessionReentry::respondersCloseInsideTheirCallback_data() {
    QTest::addColumn<QString>("responder");
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("echo") << "echo" << QByteArray("ping");
    QTest::newRow("discard") << "discard" << QByteArray();
}

// The peer's FIN makes the responder close: the connection ends inside
// its own read, under the session's notification of that FIN.
void tst_SessionReentry::respondersCloseInsideTheirCallback() {
    QFETCH(QString, responder);
    QFETCH(QByteArray, answer);
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ListenerConfig config;
    config.address = QStringLiteral("127.0.0.1");
    config.backlog = 2 * kPeers;
    QString error;
    config.responder = *ResponderConfig::parse(responder, &error);
    const int listener = engine.startListener(config);
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    std::vector<RawPeer> peers;
    for (int i = 0; i < kPeers; ++i) {
        peers.push_back(RawPeer::connectToLoopback(recorder.listenPort(listener)));
        QVERIFY(peers.back().write("ping"));
        QVERIFY(peers.back().shutdownWrite());
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(peers.begin(), peers.end(), [](RawPeer& peer) { return peer.poll(); }), 20000);
    for (const RawPeer& peer : peers)
        QCOMPARE(peer.received, answer);
    // Every connection's end recorded, not just "none open": the first stats,
    // before any accept, say that too.
    const auto ended = [&recorder] {
        return std::count_if(
            recorder.events.cbegin(), recorder.events.cend(), [](const CaptureEvent& e) {
                return e.conn != 0 && (e.kind == EventKind::Close || e.kind == EventKind::Error);
            });
    };
    QTRY_COMPARE_WITH_TIMEOUT(ended(), qsizetype(kPeers), 20000);
    QTRY_COMPARE(recorder.lastStats.openConnections, 0);
    int accepted = 0;
    for (const CaptureEvent& e : recorder.events) {
        if (e.kind != EventKind::Accept)
            continue;
        ++accepted;
        QCOMPARE(endingsOf(recorder.events, e.conn), 1);
        QCOMPARE(recorder.find(EventKind::Close, e.conn)->by, Closer::Peer);
    }
    QCOMPARE(accepted, kPeers);
}

void tst_SessionReentry::actionsFromInsideANotification_data() {
    QTest::addColumn<bool>("onEcho"); // act on the echoed bytes rather than the received ones
    QTest::addColumn<bool>("reset");
    QTest::newRow("close while reading") << false << false;
    QTest::newRow("reset while reading") << false << true;
    QTest::newRow("close while echoing") << true << false;
    QTest::newRow("reset while echoing") << true << true;
}

// A consumer connected directly to the session, with a limit so low that
// every event goes out at once: each batch arrives inside the connection's
// callback (its read, or the write of the echo's action being applied),
// and the consumer closes or resets that connection from there.
void tst_SessionReentry::actionsFromInsideANotification() {
    QFETCH(bool, onEcho);
    QFETCH(bool, reset);
    CaptureStore store{CaptureOptions{}};
    Session session(&store);
    session.setUnackedLimit(1);
    EventBatch events;
    connect(&session, &Session::batchReady, this,
            [&](const EventBatch& batch, const SessionStats&, qint64 cost) {
                events += batch;
                session.acknowledge(cost);
                for (const CaptureEvent& e : batch) {
                    if (e.kind != EventKind::Data || e.conn == 0 ||
                        e.dir != (onEcho ? Direction::Out : Direction::In))
                        continue;
                    if (reset)
                        session.abort(e.conn);
                    else
                        session.close(e.conn);
                }
            });
    ListenerConfig config;
    config.address = QStringLiteral("127.0.0.1");
    config.backlog = 2 * kPeers;
    config.responder.kind = ResponderConfig::Kind::Echo;
    const int listener = session.allocateId();
    session.startListener(listener, config);
    const auto listen = std::find_if(events.cbegin(), events.cend(), [](const CaptureEvent& e) {
        return e.kind == EventKind::Listen;
    });
    QVERIFY(listen != events.cend());
    std::vector<RawPeer> peers;
    for (int i = 0; i < kPeers; ++i) {
        peers.push_back(RawPeer::connectToLoopback(listen->local.port()));
        QVERIFY(peers.back().write("ping"));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(peers.begin(), peers.end(), [](RawPeer& peer) { return ended(peer); }), 20000);
    QTRY_COMPARE(session.stats().openConnections, 0);
    int accepted = 0;
    for (const CaptureEvent& e : events) {
        if (e.kind != EventKind::Accept)
            continue;
        ++accepted;
        QCOMPARE(endingsOf(events, e.conn), 1);
        const auto close = std::find_if(events.cbegin(), events.cend(), [&](const CaptureEvent& c) {
            return c.kind == EventKind::Close && c.conn == e.conn;
        });
        QVERIFY(close != events.cend());
        QCOMPARE(close->reset, reset);
    }
    QCOMPARE(accepted, kPeers);
    // The echo went out before the action only when the action followed it;
    // a peer may lose bytes it had not read yet to our RST.
    const qint64 echoed = std::count_if(events.cbegin(), events.cend(), [](const CaptureEvent& e) {
        return e.kind == EventKind::Data && e.dir == Direction::Out;
    });
    QCOMPARE(echoed, onEcho ? kPeers : 0);
    for (const RawPeer& peer : peers) {
        if (!reset)
            QCOMPARE(peer.received, onEcho ? QByteArray("ping") : QByteArray());
    }
}

QTEST_GUILESS_MAIN(tst_SessionReentry)
#include "tst_sessionreentry.moc"
