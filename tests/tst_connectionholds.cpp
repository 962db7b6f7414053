// What a relay (issue 16) needs from a connection, on real loopback sockets:
// reading held by another connection, independent of a person's pause, and
// the connection telling when its own write queue crosses the water marks.
#include "engine/connection.h"
#include "engine/poller.h"
#include "rawpeer.h"

#include <QTest>

#include <sys/socket.h>

using namespace sockscope;

namespace {
// Records what the connection tells its session.
class Recorder final : public ConnectionObserver {
public:
    void connectionConnected(Connection*) override {}
    void connectionReceived(Connection*, const QByteArray& bytes) override { received += bytes; }
    void connectionSent(Connection*, const QByteArray&) override {}
    void connectionHalfClosed(Connection*, Closer) override {}
    void connectionClosed(Connection*, Closer) override { ended = true; }
    void connectionReset(Connection*, Closer, const QString&) override { ended = true; }
    void connectionFailed(Connection*, ErrorCode, const QString&) override { ended = true; }
    void connectionBacklogChanged(Connection*, bool backlogged) override {
        backlogChanges.append(backlogged);
    }

    QByteArray received;
    QList<bool> backlogChanges;
    bool ended = false;
};

// An accepted connection on loopback and the raw peer on its other end.
struct Pair {
    RawPeer listener;
    RawPeer peer;
    int accepted = -1;
};

Pair connectPair(int sendBuffer = 0) {
    Pair pair;
    quint16 port = 0;
    pair.listener = RawPeer::listenOnLoopback(&port);
    pair.peer = RawPeer::connectToLoopback(port);
    pair.accepted =
        ::accept4(pair.listener.descriptor(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    // A small kernel send buffer, so that what the peer does not read stays
    // in the connection's queue rather than in the kernel.
    if (sendBuffer > 0)
        ::setsockopt(pair.accepted, SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof(sendBuffer));
    return pair;
}
} // namespace

class tst_ConnectionHolds final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void heldByAnotherConnectionStopsReading();
    void reportsItsBacklogAcrossTheWaterMarks();
};

void tst_ConnectionHolds::heldByAnotherConnectionStopsReading() {
    Pair pair = connectPair();
    QVERIFY(pair.accepted >= 0);
    Poller poller;
    Recorder recorder;
    Connection connection(1, pair.accepted, SocketAddress(), &poller, &recorder, nullptr, nullptr);
    QCOMPARE(poller.watchedCount(), 1);

    // Held with nothing to write: not in the epoll set at all, so nothing
    // is read and the bytes wait in the kernel.
    connection.setHeldByOtherConnection(true);
    QCOMPARE(poller.watchedCount(), 0);
    QVERIFY(pair.peer.write("held"));

    // A person's pause and resume meanwhile do not lift the other's hold ...
    connection.setReadingPaused(true);
    connection.setReadingPaused(false);
    QCOMPARE(poller.watchedCount(), 0);
    // ... and the other's release does not lift a person's pause.
    connection.setReadingPaused(true);
    connection.setHeldByOtherConnection(false);
    QCOMPARE(poller.watchedCount(), 0);

    connection.setReadingPaused(false);
    QCOMPARE(poller.watchedCount(), 1);
    QTRY_COMPARE(recorder.received, QByteArray("held"));
    QVERIFY(!recorder.ended);
}

void tst_ConnectionHolds::reportsItsBacklogAcrossTheWaterMarks() {
    Pair pair = connectPair(64 * 1024);
    QVERIFY(pair.accepted >= 0);
    Poller poller;
    Recorder recorder;
    Connection connection(1, pair.accepted, SocketAddress(), &poller, &recorder, nullptr, nullptr);

    // 8 MiB to a peer that does not read: the kernel takes a few hundred
    // KiB, the rest waits in the queue, over the 1 MiB high-water mark.
    const QByteArray bytes(8 * 1024 * 1024, 'x');
    connection.send(bytes);
    QVERIFY(connection.queuedBytes() > 1024 * 1024);
    QCOMPARE(recorder.backlogChanges, QList<bool>{true});

    // The peer reads it all: under the low-water mark, the backlog is over.
    const auto peerReadItAll = [&pair, &bytes] {
        pair.peer.poll();
        return pair.peer.received.size() == bytes.size();
    };
    QTRY_VERIFY_WITH_TIMEOUT(peerReadItAll(), 20000);
    QCOMPARE(connection.queuedBytes(), 0);
    QCOMPARE(recorder.backlogChanges, (QList<bool>{true, false}));
    QVERIFY(!recorder.ended);
}

QTEST_GUILESS_MAIN(tst_ConnectionHolds)
#include "tst_connectionholds.moc"
