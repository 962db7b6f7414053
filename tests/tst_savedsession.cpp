#include "eventfactory.h"
#include "savedsession.h"
#include "savedsessionfile.h"

#include <QSignalSpy>
#include <QTest>

using namespace sockscope;

class tst_SavedSession final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void statsAreThoseAtSaveTime() {
        EventFactory f;
        const EventBatch events{
            f.drop(2, 300, 4),
            f.listen(1, QStringLiteral("127.0.0.1:8080")),
            f.listen(2, QStringLiteral("[::1]:8081")),
            f.listenerFailed(3, QStringLiteral("0.0.0.0:80"), ErrorCode::Privileged,
                             QStringLiteral("bind failed")),
            f.accept(1, 1, QStringLiteral("127.0.0.1:8080"), QStringLiteral("127.0.0.1:50000")),
            f.connect(2, QStringLiteral("localhost:8080")),
            f.connected(2, QStringLiteral("127.0.0.1:50000"), QStringLiteral("127.0.0.1:8080")),
            f.data(2, Direction::Out, "hello"),
            f.data(1, Direction::In, "hello"),
            f.data(1, Direction::Out, "pong!!"),
            f.halfClose(2, Closer::Local),
            f.close(2, Closer::Local),
            f.listenerStopped(2),
            f.connect(3, QStringLiteral("localhost:1")),
            f.error(3, ErrorCode::Refused, QStringLiteral("refused")),
        };
        const SessionStats stats = SavedSession::statsOf(events);
        QCOMPARE(stats.listeners, 1);       // 2 stopped, 3 never bound
        QCOMPARE(stats.openConnections, 1); // 1 open, 2 closed, 3 never connected
        QCOMPARE(stats.bytesIn, 5);
        QCOMPARE(stats.bytesOut, 11);
        QCOMPARE(stats.dropped.bytes, 300);
        QCOMPARE(stats.dropped.events, 4);
        QCOMPARE(stats.captureBudget, 0);
        QVERIFY(stats.recordingPath.isEmpty());
    }

    void replaysEverythingOnceAsRead() {
        EventFactory f;
        const EventBatch events{f.drop(1, 10, 1), f.connect(1, QStringLiteral("x:1")),
                                f.data(1, Direction::In, "a"), f.data(2, Direction::In, "b"),
                                f.data(1, Direction::Out, "c")};
        SavedSession session(QStringLiteral("/tmp/s.jsonl"), importedStoreOf(events));
        QCOMPARE(session.filePath(), QStringLiteral("/tmp/s.jsonl"));
        QVERIFY(!session.engine());
        QSignalSpy batches(&session, &SessionSource::batchReady);
        session.replay();
        QCOMPARE(batches.size(), 1);
        const auto replayed = batches.first().first().value<EventBatch>();
        QCOMPARE(replayed.size(), events.size());
        QCOMPARE(replayed.first().kind, EventKind::Drop);
        QCOMPARE(session.store().eventCount(), events.size());

        // Payloads come from the file, decoded when asked for.
        const EventBatch conn1 = session.store().eventsOf(1, 100);
        QCOMPARE(conn1.size(), 4); // its drop, connect and two chunks
        QCOMPARE(conn1[2].data, QByteArray("a"));
        QCOMPARE(conn1[3].data, QByteArray("c"));
        QCOMPARE(session.store().payload(2, replayed[3].seq), QByteArray("b"));
    }
};

QTEST_MAIN(tst_SavedSession)
#include "tst_savedsession.moc"
