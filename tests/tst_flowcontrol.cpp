// Every queue between a socket and the consumer is bounded (issue 14): a
// consumer that does not acknowledge its batches stops the engine reading,
// so TCP holds the peer back; an echo peer that does not read stops its own
// connection's reading. Real sockets on loopback, peers on raw descriptors.
#include "engine/engine.h"
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QDeadlineTimer>
#include <QTest>

#include <cerrno>

using namespace sockscope;

namespace {
// The peer's data: position-dependent, so a lost or repeated block shows.
QByteArray pattern(qint64 offset, qsizetype size) {
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char('a' + (offset + i) % 23);
    return out;
}

// Writes the pattern from *written on until the kernel takes no more (or
// total is reached); true when the peer is held back.
bool sendUntilBlocked(RawPeer& peer, qint64* written, qint64 total) {
    constexpr qsizetype kBlock = 4096;
    while (*written < total) {
        const QByteArray block =
            pattern(*written, qsizetype(std::min<qint64>(kBlock, total - *written)));
        const ssize_t n = ::send(peer.descriptor(), block.constData(), size_t(block.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK;
        *written += n;
    }
    return false;
}
} // namespace

class tst_FlowControl final : public QObject {
    Q_OBJECT

private:
    // Waits for one more batch: a round trip through the engine thread,
    // which serves its sockets in between if it may.
    static void roundTrip(Engine& engine, EngineRecorder& recorder) {
        const int before = recorder.batches;
        engine.stopRecording(); // publishes stats: a batch even when idle
        QTRY_VERIFY(recorder.batches > before);
    }

    static quint16 listen(Engine& engine, EngineRecorder& recorder, ResponderConfig::Kind kind) {
        ListenerConfig config;
        config.address = QStringLiteral("127.0.0.1");
        config.responder.kind = kind;
        const int id = engine.startListener(config);
        if (!QTest::qWaitFor([&] { return recorder.listenPort(id) != 0; }, 5000))
            return 0;
        return recorder.listenPort(id);
    }

private Q_SLOTS:
    void unacknowledgedBatchesHoldThePeerBack() {
        Engine engine;
        engine.setManualAcknowledgement(true);
        engine.setUnacknowledgedLimit(16 * 1024);
        EngineRecorder recorder(&engine);
        const quint16 port = listen(engine, recorder, ResponderConfig::Kind::Discard);
        QVERIFY(port != 0);
        RawPeer peer = RawPeer::connectToLoopback(port);
        const int one = 1;
        ::setsockopt(peer.descriptor(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

        // Without acknowledgements the engine stops after a few batches'
        // worth of events; the kernel's buffers fill and the peer blocks,
        // far from the whole stream.
        // The peer blocking once is not enough: on a loaded machine it also
        // blocks while the engine is merely slow, and the engine may then
        // read all of it before its limit holds it. Held means: the peer is
        // blocked and a round trip through the engine read nothing more.
        constexpr qint64 kTotal = 256ll * 1024 * 1024;
        qint64 written = 0;
        qint64 readWhileHeld = -1;
        QDeadlineTimer deadline(20000);
        for (;;) {
            while (!sendUntilBlocked(peer, &written, kTotal) || recorder.batches == 0) {
                QVERIFY2(written < kTotal, "the consumer never held the peer back");
                QVERIFY2(!deadline.hasExpired(), "the peer was never held back");
                QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            }
            roundTrip(engine, recorder);
            if (recorder.lastStats.bytesIn == readWhileHeld)
                break;
            readWhileHeld = recorder.lastStats.bytesIn;
            QVERIFY2(!deadline.hasExpired(), "the engine never stopped reading");
        }
        QVERIFY(readWhileHeld < written);
        // Nothing more is read however long the engine runs meanwhile.
        roundTrip(engine, recorder);
        roundTrip(engine, recorder);
        QCOMPARE(recorder.lastStats.bytesIn, readWhileHeld);

        // Acknowledged, everything arrives, exact.
        for (int i = 0; i < recorder.batches; ++i)
            engine.acknowledgeBatch();
        engine.setManualAcknowledgement(false);
        const qint64 total = written + 4 * 1024 * 1024;
        QTRY_VERIFY_WITH_TIMEOUT((sendUntilBlocked(peer, &written, total), written == total),
                                 20000);
        QVERIFY(peer.shutdownWrite());
        QTRY_VERIFY_WITH_TIMEOUT(recorder.has(EventKind::Close, -1), 20000);
        const int conn = recorder.find(EventKind::Accept, -1)->conn;
        QCOMPARE(recorder.bytes(conn, Direction::In), total);
        QCOMPARE(recorder.stream(conn, Direction::In), pattern(0, qsizetype(total)));
    }

    void echoToAPeerThatDoesNotReadStaysBounded() {
        Engine engine;
        EngineRecorder recorder(&engine);
        const quint16 port = listen(engine, recorder, ResponderConfig::Kind::Echo);
        QVERIFY(port != 0);
        RawPeer peer = RawPeer::connectToLoopback(port);

        constexpr qint64 kTotal = 64ll * 1024 * 1024;
        qint64 written = 0;
        QDeadlineTimer deadline(20000);
        while (!sendUntilBlocked(peer, &written, kTotal)) {
            QVERIFY2(written < kTotal, "a peer that does not read was never held back");
            QVERIFY(!deadline.hasExpired());
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        }
        roundTrip(engine, recorder);
        roundTrip(engine, recorder);
        // What the echo read but the kernel did not take: its write queue,
        // at most the cap (1 MiB) and one read (256 KiB) over it.
        const qint64 queued = recorder.lastStats.bytesIn - recorder.lastStats.bytesOut;
        QVERIFY2(queued <= 1280 * 1024, qPrintable(QString::number(queued)));

        // Once the peer reads, the echo goes on to the end, byte-exact.
        const qint64 total = written + 2 * 1024 * 1024;
        QTRY_VERIFY_WITH_TIMEOUT(
            (sendUntilBlocked(peer, &written, total), peer.poll(), written == total), 20000);
        QVERIFY(peer.shutdownWrite());
        QTRY_VERIFY_WITH_TIMEOUT(peer.poll(), 20000);
        QCOMPARE(qint64(peer.received.size()), total);
        QVERIFY(peer.received == pattern(0, qsizetype(total)));
    }
};

QTEST_MAIN(tst_FlowControl)
#include "tst_flowcontrol.moc"
