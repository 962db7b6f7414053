// The bounded capture store: order, budget, and drops that are always counted.
#include "capture/capturestore.h"

#include <QTest>
#include <QThread>

using namespace sockscope;

namespace {
CaptureEvent data(quint64 seq, int conn, qsizetype size) {
    CaptureEvent e;
    e.seq = seq;
    e.timeUs = qint64(seq) * 1000;
    e.kind = EventKind::Data;
    e.conn = conn;
    e.dir = Direction::In;
    e.data = QByteArray(size, char('a' + seq % 26));
    e.size = size;
    return e;
}
} // namespace

class tst_CaptureStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsEverythingUnderBudget();
    void dropsOldestAndCountsPerConnection();
    void snapshotStartsWithDropSummaries();
    void eventsFromAndDataOf();
    void eventBySeqUntilEvicted();
    void concurrentAppendAndRead();
};

void tst_CaptureStore::keepsEverythingUnderBudget() {
    CaptureStore store(1 << 20);
    for (quint64 seq = 1; seq <= 10; ++seq)
        store.append(data(seq, 1, 1000));
    QCOMPARE(store.eventCount(), qint64(10));
    QCOMPARE(store.usedBytes(), 10 * (1000 + CaptureStore::kEventOverhead));
    QCOMPARE(store.totalDropped().events, qint64(0));
    QCOMPARE(store.firstRetainedSeq(), quint64(1));
    QCOMPARE(store.snapshot().size(), 10);
}

void tst_CaptureStore::dropsOldestAndCountsPerConnection() {
    const qint64 perEvent = 1000 + CaptureStore::kEventOverhead;
    CaptureStore store(5 * perEvent);
    for (quint64 seq = 1; seq <= 8; ++seq)
        store.append(data(seq, seq <= 2 ? 7 : 9, 1000));
    QCOMPARE(store.eventCount(), qint64(5));
    QVERIFY(store.usedBytes() <= store.budget());
    QCOMPARE(store.firstRetainedSeq(), quint64(4));
    QCOMPARE(store.totalDropped().events, qint64(3));
    QCOMPARE(store.totalDropped().bytes, qint64(3000));
    const auto perConn = store.droppedByConnection();
    QCOMPARE(perConn.value(7).events, qint64(2));
    QCOMPARE(perConn.value(9).events, qint64(1));
    QCOMPARE(perConn.value(9).bytes, qint64(1000));
}

void tst_CaptureStore::snapshotStartsWithDropSummaries() {
    const qint64 perEvent = 10 + CaptureStore::kEventOverhead;
    CaptureStore store(2 * perEvent);
    store.append(data(1, 3, 10));
    store.append(data(2, 2, 10));
    store.append(data(3, 2, 10));
    store.append(data(4, 3, 10));
    const EventBatch snapshot = store.snapshot();
    QCOMPARE(snapshot.size(), 4);
    QCOMPARE(snapshot[0].kind, EventKind::Drop);
    QCOMPARE(snapshot[0].conn, 2);
    QCOMPARE(snapshot[0].count, qint64(1));
    QCOMPARE(snapshot[1].kind, EventKind::Drop);
    QCOMPARE(snapshot[1].conn, 3);
    QCOMPARE(snapshot[2].seq, quint64(3));
    QCOMPARE(snapshot[3].seq, quint64(4));
}

void tst_CaptureStore::eventsFromAndDataOf() {
    CaptureStore store;
    for (quint64 seq = 1; seq <= 6; ++seq)
        store.append(data(seq, int(seq % 2), 4));
    const EventBatch tail = store.eventsFrom(4);
    QCOMPARE(tail.size(), 3);
    QCOMPARE(tail.first().seq, quint64(4));
    const EventBatch odd = store.dataOf(1);
    QCOMPARE(odd.size(), 3);
    for (const CaptureEvent& e : odd)
        QCOMPARE(e.conn, 1);
}

void tst_CaptureStore::eventBySeqUntilEvicted() {
    const qint64 perEvent = 1000 + CaptureStore::kEventOverhead;
    CaptureStore store(3 * perEvent);
    QVERIFY(!store.event(1));
    for (quint64 seq = 1; seq <= 5; ++seq)
        store.append(data(seq, 1, 1000));
    // 1 and 2 are evicted; 3, 4 and 5 are whole.
    QVERIFY(!store.event(1));
    QVERIFY(!store.event(2));
    for (quint64 seq = 3; seq <= 5; ++seq) {
        const std::optional<CaptureEvent> e = store.event(seq);
        QVERIFY(e);
        QCOMPARE(e->seq, seq);
        QCOMPARE(e->data, data(seq, 1, 1000).data);
    }
    QVERIFY(!store.event(6));
    QVERIFY(!store.event(0));
}

void tst_CaptureStore::concurrentAppendAndRead() {
    // The engine thread appends while the GUI thread snapshots.
    const qint64 budget = 200 * (100 + CaptureStore::kEventOverhead);
    CaptureStore store(budget);
    constexpr int kEvents = 20000;
    QThread* writer = QThread::create([&store] {
        for (int i = 1; i <= kEvents; ++i)
            store.append(data(quint64(i), 1, 100));
    });
    writer->start();
    int snapshots = 0;
    while (!writer->isFinished() && snapshots < 100000) {
        const EventBatch snapshot = store.snapshot();
        for (qsizetype i = 2; i < snapshot.size(); ++i)
            QCOMPARE(snapshot[i].seq, snapshot[i - 1].seq + 1);
        ++snapshots;
    }
    QVERIFY(writer->wait(30000));
    delete writer;
    QCOMPARE(store.totalDropped().events + store.eventCount(), qint64(kEvents));
    QVERIFY(store.usedBytes() <= budget);
}

QTEST_GUILESS_MAIN(tst_CaptureStore)
#include "tst_capturestore.moc"
