// The capture store: payload on disk, an index in memory, fair retention
// under the budget, keep policies, paging, and a full disk.
#include "capture/capturestore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/resource.h>

using namespace sockscope;

namespace {
CaptureEvent data(quint64 seq, int conn, qsizetype size, Direction dir = Direction::In) {
    CaptureEvent e;
    e.seq = seq;
    e.timeUs = qint64(seq) * 1000;
    e.kind = EventKind::Data;
    e.conn = conn;
    e.dir = dir;
    e.data = QByteArray(size, char('a' + seq % 26));
    e.size = size;
    return e;
}

CaptureEvent lifecycle(quint64 seq, int conn, EventKind kind) {
    CaptureEvent e;
    e.seq = seq;
    e.kind = kind;
    e.conn = conn;
    return e;
}

CaptureOptions options(qint64 budget, qint64 protectedHead = 0) {
    CaptureOptions o;
    o.budget = budget;
    o.protectedHeadBytes = protectedHead;
    return o;
}

EventBatch allEvents(const CaptureStore& store) {
    EventBatch out;
    store.forEachEvent([&out](const CaptureEvent& e) {
        out.append(e);
        return true;
    });
    return out;
}

// One live connection (1) with data, a listener, then `connections`
// accepted ones, each with data both ways (the In side beyond the head) and an ending: every 7th a
// failure (Error), every 10th with a keep policy that drops payload.
void feedFinishedConnections(CaptureStore& store, int connections) {
    quint64 seq = 0;
    store.append(lifecycle(++seq, 0, EventKind::Listen));
    store.append(lifecycle(++seq, 1, EventKind::Accept));
    store.append(data(++seq, 1, 3000));
    for (int conn = 2; conn < connections + 2; ++conn) {
        store.append(lifecycle(++seq, conn, EventKind::Accept));
        if (conn % 10 == 0)
            store.setKeepPolicy(conn, KeepPolicy{KeepPolicy::Mode::Head, 100});
        store.append(data(++seq, conn, 800, Direction::In));
        store.append(data(++seq, conn, 800, Direction::Out));
        store.append(data(++seq, conn, 300, Direction::In)); // past the protected head
        store.append(lifecycle(++seq, conn, conn % 7 == 0 ? EventKind::Error : EventKind::Close));
    }
    store.append(data(++seq, 1, 500, Direction::Out));
}

QByteArray streamBytes(const CaptureStore& store, int conn) {
    QByteArray out;
    for (const StreamSegment& s : store.streamRange(conn, 0, store.streamLength(conn)))
        out += s.isGap() ? QByteArray(s.size, '?') : s.bytes;
    return out;
}
} // namespace

class tst_CaptureStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsEverythingUnderBudgetOnDisk();
    void floodEvictsItselfNotASmallConversation();
    void walksTellWhereEachChunkStandsInItsDirection();
    void protectedHeadsSurviveAndNewHeadsAreCountedWhenFull();
    void lifecycleEventsAreNeverEvicted();
    void keepPolicies_data();
    void keepPolicies();
    void streamRangeReadsOnlyThePage();
    void streamRangeShowsGapsNeverZeros();
    void changedDropsAreReportedOnce();
    void fullDiskIsCountedWithItsErrno();
    void missingFolderIsReportedAndCounted();
    void concurrentAppendAndRead();
    void finishedConnectionsAreForgottenWhenAsked();
    void finishedConnectionsAreKeptByDefault();
    void payloadIsCountedNotStoredWhenNothingReadsIt();
    void relayedBytesAreStoredOnceForBothLegs();
    void sharedBytesOutliveTheLegThatWroteThem();
    void sameBytesNoLongerStoredAreWrittenAgain();
};

void tst_CaptureStore::keepsEverythingUnderBudgetOnDisk() {
    CaptureStore store(options(1 << 20));
    QVERIFY2(store.fileError().isEmpty(), qPrintable(store.fileError()));
    for (quint64 seq = 1; seq <= 10; ++seq)
        QCOMPARE(store.append(data(seq, 1, 1000)), qint64(1000));
    QCOMPARE(store.eventCount(), qint64(10));
    QCOMPARE(store.usedBytes(), 10 * (1000 + CaptureStore::kEventOverhead));
    QCOMPARE(store.totalDropped().events, qint64(0));
    const EventBatch events = allEvents(store);
    QCOMPARE(events.size(), 10);
    QCOMPARE(events[3].data, data(4, 1, 1000).data); // read back from the file
    QCOMPARE(store.payload(1, 7), data(7, 1, 1000).data);
    QVERIFY(!store.payload(2, 7)); // another connection's seq
}

void tst_CaptureStore::floodEvictsItselfNotASmallConversation() {
    const qint64 perChunk = 1000 + CaptureStore::kEventOverhead;
    CaptureStore store(options(20 * perChunk));
    store.append(data(1, 7, 1000)); // the small conversation, older than the flood
    store.append(data(2, 7, 1000, Direction::Out));
    for (quint64 seq = 3; seq <= 200; ++seq)
        store.append(data(seq, 9, 1000));
    QVERIFY(store.usedBytes() <= store.budget());
    // The flood held the most, so it lost its oldest chunks; #7 lost nothing.
    QCOMPARE(streamBytes(store, 7), data(1, 7, 1000).data + data(2, 7, 1000).data);
    QCOMPARE(store.dropsOf(7).evicted.events, qint64(0));
    const ConnectionDrops flood = store.dropsOf(9);
    QCOMPARE(flood.evicted.events, qint64(198 - 18));
    QCOMPARE(flood.evicted.bytes, flood.evicted.events * 1000);
    QCOMPARE(store.totalDropped().events, flood.evicted.events);
    QCOMPARE(store.streamLength(9), qint64(198 * 1000));      // counted whatever was kept
    QCOMPARE(store.payload(9, 200), data(200, 9, 1000).data); // the newest stay
    QVERIFY(!store.payload(9, 3));
    // The export says what is missing, first, once per connection.
    const EventBatch events = allEvents(store);
    QCOMPARE(events.first().kind, EventKind::Drop);
    QCOMPARE(events.first().conn, 9);
    QCOMPARE(events.first().size, flood.evicted.bytes);
    QCOMPARE(events.size(), 1 + 20);
}

void tst_CaptureStore::walksTellWhereEachChunkStandsInItsDirection() {
    // Room for three chunks: of five, the two oldest go.
    CaptureStore store(options(3 * (100 + CaptureStore::kEventOverhead)));
    store.append(data(1, 4, 100, Direction::In));
    store.append(data(2, 4, 100, Direction::Out));
    store.append(data(3, 4, 100, Direction::In));
    store.append(data(4, 4, 100, Direction::In));
    store.append(data(5, 4, 100, Direction::Out));
    QList<std::pair<quint64, qint64>> offsets; // seq, dirOffset
    for (const CaptureEvent& e : allEvents(store)) {
        if (e.kind == EventKind::Data)
            offsets.append({e.seq, e.dirOffset});
    }
    // What was evicted still counts: #3 stands 100 bytes into its direction.
    const QList<std::pair<quint64, qint64>> expected{{3, 100}, {4, 200}, {5, 100}};
    QCOMPARE(offsets, expected);
}

void tst_CaptureStore::protectedHeadsSurviveAndNewHeadsAreCountedWhenFull() {
    const qint64 perChunk = 1000 + CaptureStore::kEventOverhead;
    CaptureStore store(options(4 * perChunk, 2000));
    // Two chunks each way are the protected head of connection 1.
    store.append(data(1, 1, 1000));
    store.append(data(2, 1, 1000));
    store.append(data(3, 1, 1000, Direction::Out));
    store.append(data(4, 1, 1000)); // past the head: evictable
    store.append(data(5, 1, 1000)); // evicts seq 4
    QCOMPARE(store.dropsOf(1).evicted.events, qint64(1));
    QVERIFY(store.payload(1, 1) && store.payload(1, 2) && store.payload(1, 3));
    QVERIFY(!store.payload(1, 4));
    // A new connection's head finds the budget full of protected heads.
    QCOMPARE(store.append(data(6, 2, 1000)), qint64(1000)); // takes seq 5's place
    QCOMPARE(store.append(data(7, 2, 1000)), qint64(0));
    QCOMPARE(store.dropsOf(2).notKept.events, qint64(1));
    QVERIFY(store.dropsOf(2).notKeptReason.contains(u"protected heads"));
    QVERIFY(store.payload(1, 1));
}

void tst_CaptureStore::lifecycleEventsAreNeverEvicted() {
    CaptureStore store(options(3 * (100 + CaptureStore::kEventOverhead)));
    store.append(lifecycle(1, 5, EventKind::Accept));
    for (quint64 seq = 2; seq <= 50; ++seq)
        store.append(data(seq, 5, 100));
    store.append(lifecycle(51, 5, EventKind::Close));
    const EventBatch events = allEvents(store);
    QCOMPARE(events.at(1).kind, EventKind::Accept);
    QCOMPARE(events.last().kind, EventKind::Close);
}

void tst_CaptureStore::keepPolicies_data() {
    QTest::addColumn<QString>("policy");
    QTest::addColumn<qint64>("keptIn");
    QTest::addColumn<qint64>("keptOut");
    QTest::newRow("all") << "all" << qint64(3000) << qint64(500);
    QTest::newRow("head:1500") << "head:1500" << qint64(1500) << qint64(500);
    QTest::newRow("none") << "none" << qint64(0) << qint64(0);
}

void tst_CaptureStore::keepPolicies() {
    QFETCH(QString, policy);
    QFETCH(qint64, keptIn);
    QFETCH(qint64, keptOut);
    QString error;
    const std::optional<KeepPolicy> keep = KeepPolicy::parse(policy, &error);
    QVERIFY2(keep, qPrintable(error));
    QCOMPARE(keep->name(), policy == u"head:1500" ? QStringLiteral("head:1500") : policy);
    CaptureStore store(options(1 << 20));
    store.setKeepPolicy(3, *keep);
    qint64 kept = 0;
    for (quint64 seq = 1; seq <= 3; ++seq)
        kept += store.append(data(seq, 3, 1000));
    kept += store.append(data(4, 3, 500, Direction::Out));
    QCOMPARE(kept, keptIn + keptOut);
    QCOMPARE(store.streamLength(3), qint64(3500)); // counters stay exact
    const ConnectionDrops drops = store.dropsOf(3);
    QCOMPARE(drops.notKept.bytes, 3500 - kept);
    QCOMPARE(drops.evicted.events, qint64(0));
    if (kept < 3500)
        QVERIFY(drops.notKeptReason.contains(policy));
}

void tst_CaptureStore::streamRangeReadsOnlyThePage() {
    CaptureStore store(options(1ll << 30));
    constexpr int kChunks = 256;
    constexpr qsizetype kChunk = 64 * 1024;
    for (quint64 seq = 1; seq <= kChunks; ++seq)
        store.append(data(seq, 1, kChunk, seq % 2 ? Direction::In : Direction::Out));
    QCOMPARE(store.streamLength(1), qint64(kChunks) * kChunk);
    const qint64 before = store.bytesRead();
    const qint64 offset = 100 * kChunk + 10;
    const QList<StreamSegment> page = store.streamRange(1, offset, 4096);
    QCOMPARE(store.bytesRead() - before, qint64(4096));
    QCOMPARE(page.size(), 1);
    QCOMPARE(page[0].offset, offset);
    QCOMPARE(page[0].offsetInChunk, qint64(10));
    QCOMPARE(page[0].seq, quint64(101));
    QCOMPARE(page[0].dir, Direction::In);
    QCOMPARE(page[0].bytes, data(101, 1, kChunk).data.mid(10, 4096));
    // Across a chunk boundary: two segments, the second from its start.
    const QList<StreamSegment> across = store.streamRange(1, 2 * kChunk - 5, 10);
    QCOMPARE(across.size(), 2);
    QCOMPARE(across[0].size, qint64(5));
    QCOMPARE(across[1].offsetInChunk, qint64(0));
    QCOMPARE(across[1].dir, Direction::In);
    // Past the end: nothing.
    QVERIFY(store.streamRange(1, store.streamLength(1), 100).isEmpty());
}

void tst_CaptureStore::streamRangeShowsGapsNeverZeros() {
    CaptureStore store(options(1 << 20));
    KeepPolicy head{KeepPolicy::Mode::Head, 3};
    store.setKeepPolicy(1, head);
    store.append(data(1, 1, 5));
    const QList<StreamSegment> page = store.streamRange(1, 0, 100);
    QCOMPARE(page.size(), 2);
    QCOMPARE(page[0].bytes, QByteArray("bbb"));
    QVERIFY(page[1].isGap());
    QCOMPARE(page[1].offset, qint64(3));
    QCOMPARE(page[1].size, qint64(2));
}

void tst_CaptureStore::changedDropsAreReportedOnce() {
    CaptureStore store(options(1 << 20));
    store.setKeepPolicy(4, KeepPolicy{KeepPolicy::Mode::None, 0});
    store.append(data(1, 4, 10));
    store.append(data(2, 4, 10));
    QList<ConnectionDrops> changed = store.takeChangedDrops();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0].conn, 4);
    QCOMPARE(changed[0].notKept.bytes, qint64(20));
    QVERIFY(store.takeChangedDrops().isEmpty());
    const CaptureEvent drop = dropEventOf(changed[0]);
    QCOMPARE(drop.kind, EventKind::Drop);
    QCOMPARE(drop.count, qint64(2));
    QVERIFY(drop.message.contains(u"keep policy none"));
}

void tst_CaptureStore::fullDiskIsCountedWithItsErrno() {
    // A file-size limit stands in for a full disk: writes past it fail
    // with EFBIG, as they would with ENOSPC.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit small = old;
    small.rlim_cur = 64 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    CaptureStore store(options(1 << 30));
    qint64 kept = 0;
    for (quint64 seq = 1; seq <= 10; ++seq)
        kept += store.append(data(seq, 1, 10000));
    setrlimit(RLIMIT_FSIZE, &old);
    QCOMPARE(kept, qint64(60000));
    QCOMPARE(store.dropsOf(1).notKept.events, qint64(4));
    QVERIFY2(store.fileError().contains(u"EFBIG"), qPrintable(store.fileError()));
    QVERIFY(store.dropsOf(1).notKeptReason.contains(u"EFBIG"));
    QCOMPARE(store.payload(1, 6), data(6, 1, 10000).data);
    QVERIFY(!store.payload(1, 7));
}

void tst_CaptureStore::missingFolderIsReportedAndCounted() {
    CaptureOptions o = options(1 << 20);
    o.dir = QStringLiteral("/nonexistent/sockscope");
    CaptureStore store(o);
    QVERIFY(store.fileError().contains(u"/nonexistent/sockscope"));
    QVERIFY(store.fileError().contains(u"ENOENT"));
    QCOMPARE(store.append(data(1, 1, 10)), qint64(0));
    QCOMPARE(store.dropsOf(1).notKept.bytes, qint64(10));
    QCOMPARE(store.streamLength(1), qint64(10));
}

void tst_CaptureStore::concurrentAppendAndRead() {
    const qint64 perChunk = 100 + CaptureStore::kEventOverhead;
    CaptureStore store(options(50 * perChunk));
    constexpr int kEvents = 5000;
    QThread* writer = QThread::create([&store] {
        for (quint64 seq = 1; seq <= kEvents; ++seq)
            store.append(data(seq, int(seq % 3), 100));
    });
    writer->start();
    // Bounded: the reader runs until the writer is done, and at most kEvents rounds.
    for (int round = 0; round < kEvents && !writer->isFinished(); ++round) {
        for (const StreamSegment& s : store.streamRange(round % 3, 0, 1000))
            QVERIFY(s.isGap() || s.bytes.size() == s.size);
        QVERIFY(store.usedBytes() <= store.budget());
    }
    QVERIFY(writer->wait(10000));
    delete writer;
    QCOMPARE(store.eventCount() + store.totalDropped().events, qint64(kEvents));
}

namespace {
// What a relay's other leg sends: the very bytes `read` carried.
CaptureEvent forwarded(const CaptureEvent& read, quint64 seq, int conn) {
    CaptureEvent e = data(seq, conn, 0, Direction::Out);
    e.data = read.data;
    e.size = read.size;
    return e;
}
} // namespace

void tst_CaptureStore::relayedBytesAreStoredOnceForBothLegs() {
    const qint64 overhead = CaptureStore::kEventOverhead;
    CaptureOptions o = options(1 << 20);
    o.keepFinishedConnections = false;
    CaptureStore store(o);
    const CaptureEvent read = data(1, 1, 1000);
    CaptureStore::StoredPayload stored;
    QCOMPARE(store.append(read, nullptr, &stored), qint64(1000));
    QVERIFY(stored.fileOffset >= 0);
    QCOMPARE(store.appendSameBytes(forwarded(read, 2, 2), stored), qint64(1000));
    QCOMPARE(store.usedBytes(), 1000 + 2 * overhead);
    QCOMPARE(store.payload(2, 2), read.data);
    // A leg whose keep policy keeps less has its own copy of what it keeps.
    store.setKeepPolicy(3, KeepPolicy{KeepPolicy::Mode::Head, 100});
    QCOMPARE(store.appendSameBytes(forwarded(read, 3, 3), stored), qint64(100));
    QCOMPARE(store.usedBytes(), 1100 + 3 * overhead);
    // The reading leg ends first: the bytes stay for the other, then go.
    store.append(lifecycle(4, 1, EventKind::Close));
    QCOMPARE(store.usedBytes(), 1100 + 2 * overhead);
    QCOMPARE(store.payload(2, 2), read.data);
    store.append(lifecycle(5, 2, EventKind::Close));
    store.append(lifecycle(6, 3, EventKind::Close));
    QCOMPARE(store.usedBytes(), qint64(0));
}

void tst_CaptureStore::sharedBytesOutliveTheLegThatWroteThem() {
    const qint64 overhead = CaptureStore::kEventOverhead;
    CaptureStore store(options(3000 + 4 * overhead));
    const CaptureEvent read = data(1, 1, 1000);
    CaptureStore::StoredPayload stored;
    store.append(read, nullptr, &stored);
    store.appendSameBytes(forwarded(read, 2, 2), stored);
    store.append(data(3, 1, 1000));
    store.append(data(4, 1, 1000));
    QCOMPARE(store.usedBytes(), 3000 + 4 * overhead);
    // Room for seq 5: the reading leg's seq 1 goes, which frees only its
    // index entry, so its seq 3 goes too. The forwarded copy stays whole.
    store.append(data(5, 1, 1000));
    QCOMPARE(store.usedBytes(), 3000 + 3 * overhead);
    QCOMPARE(store.dropsOf(1).evicted.events, qint64(2));
    QVERIFY(!store.payload(1, 1));
    QCOMPARE(store.payload(2, 2), read.data);
    QCOMPARE(store.payload(1, 5), data(5, 1, 1000).data);
}

void tst_CaptureStore::sameBytesNoLongerStoredAreWrittenAgain() {
    const qint64 perChunk = 1000 + CaptureStore::kEventOverhead;
    CaptureStore store(options(2 * perChunk));
    const CaptureEvent read = data(1, 1, 1000);
    CaptureStore::StoredPayload stored;
    store.append(read, nullptr, &stored);
    store.append(data(2, 1, 1000));
    store.append(data(3, 1, 1000)); // evicts seq 1
    QVERIFY(!store.payload(1, 1));
    QCOMPARE(store.appendSameBytes(forwarded(read, 4, 2), stored), qint64(1000));
    QCOMPARE(store.payload(2, 4), read.data);
    QVERIFY(store.usedBytes() <= store.budget());
}

void tst_CaptureStore::payloadIsCountedNotStoredWhenNothingReadsIt() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CaptureOptions o = options(64 << 20, 400);
    o.dir = dir.path();
    o.keepFinishedConnections = false;
    o.storePayload = false;
    CaptureStore store(o);
    QVERIFY(store.filePath().isEmpty()); // no capture file at all
    QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System));
    feedFinishedConnections(store, 100);

    // The live connection's bytes are counted, none stored, none dropped
    // but what its keep policy leaves out.
    QCOMPARE(store.streamLength(1), qint64(3500));
    QVERIFY(!store.payload(1, 3));
    QCOMPARE(store.usedBytes(), qint64(0));
    QCOMPARE(store.eventCount(), qint64(0));
    QCOMPARE(store.totalDropped().events, qint64(30)); // the 10 head:100 connections
    QCOMPARE(store.totalDropped().bytes, qint64(10 * 1700));
    // What the policy keeps is still reported, for previews and recordings.
    qint64 policyKept = 0;
    QCOMPARE(store.append(data(1000, 1, 5000), &policyKept), qint64(0));
    QCOMPARE(policyKept, qint64(5000));
}

QTEST_GUILESS_MAIN(tst_CaptureStore)
#include "tst_capturestore.moc"

void tst_CaptureStore::finishedConnectionsAreForgottenWhenAsked() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CaptureOptions o = options(64 << 20, 400);
    o.dir = dir.path();
    o.keepFinishedConnections = false;
    CaptureStore store(o);
    QVERIFY2(store.fileError().isEmpty(), qPrintable(store.fileError()));
    feedFinishedConnections(store, 1000);

    // Only the live connection's two chunks are left, and no lifecycle.
    QCOMPARE(store.eventCount(), qint64(2));
    QCOMPARE(store.usedBytes(), 3000 + 500 + 2 * CaptureStore::kEventOverhead);
    QCOMPARE(store.streamLength(1), qint64(3500));
    QCOMPARE(store.payload(1, 3), data(3, 1, 3000).data);
    QCOMPARE(streamBytes(store, 1).size(), 3500);
    QCOMPARE(store.streamLength(20), qint64(0));

    // The keep policy's drops of 100 connections, 700 + 700 + 300 bytes
    // each, still counted, and reported once though their connections are gone.
    QCOMPARE(store.totalDropped().events, qint64(300));
    QCOMPARE(store.totalDropped().bytes, qint64(100 * 1700));
    const QList<ConnectionDrops> changed = store.takeChangedDrops();
    QCOMPARE(changed.size(), 100);
    QCOMPARE(changed.first().conn, 10);
    QCOMPARE(changed.first().notKept.bytes, qint64(1700));
    QVERIFY(store.takeChangedDrops().isEmpty());

    // A listener's close (conn 0) forgets nothing.
    CaptureEvent listenerClose = lifecycle(99'999, 0, EventKind::Close);
    listenerClose.listener = 1;
    store.append(listenerClose);
    QCOMPARE(store.eventCount(), qint64(2));
    store.append(lifecycle(100'000, 1, EventKind::Close));
    QCOMPARE(store.eventCount(), qint64(0));
    QCOMPARE(store.usedBytes(), qint64(0));
    QCOMPARE(store.totalDropped().events, qint64(300));
}

void tst_CaptureStore::finishedConnectionsAreKeptByDefault() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CaptureOptions o = options(64 << 20, 400);
    o.dir = dir.path();
    QVERIFY(o.keepFinishedConnections);
    CaptureStore store(o);
    feedFinishedConnections(store, 1000);

    const qint64 lifecycleEvents = 2 + 2 * 1000;
    const qint64 chunks = 2 + 900 * 3 + 100 * 2;
    QCOMPARE(store.eventCount(), lifecycleEvents + chunks);
    const qint64 keptPayload = 3500 + 900 * 1900 + 100 * 2 * 100;
    QCOMPARE(store.usedBytes(),
             keptPayload + (lifecycleEvents + chunks) * CaptureStore::kEventOverhead);
    QCOMPARE(store.totalDropped().events, qint64(300));
    QCOMPARE(store.totalDropped().bytes, qint64(100 * 1700));
    QCOMPARE(store.payload(11, 50), data(50, 11, 800).data); // conn c's first Data is 5c - 5
    QCOMPARE(store.payload(11, 52), data(52, 11, 300).data); // its tail chunk
    QCOMPARE(store.streamLength(20), qint64(1900));
    QCOMPARE(allEvents(store).size(), 100 + lifecycleEvents + chunks); // 100 Drops first
    QCOMPARE(store.takeChangedDrops().size(), 100);
}
