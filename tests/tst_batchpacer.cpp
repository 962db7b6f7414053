#include "batchpacer.h"
#include "eventfactory.h"
#include "fakesessionsource.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "windowparts.h"

#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace sockscope;

namespace {

constexpr qsizetype kMax = 100;

SessionStats statsWithBytesIn(qint64 bytes) {
    SessionStats stats;
    stats.bytesIn = bytes;
    return stats;
}

QList<quint64> seqsOf(const QSignalSpy& spy) {
    QList<quint64> seqs;
    for (const QList<QVariant>& slice : spy) {
        for (const CaptureEvent& e : slice.at(0).value<EventBatch>())
            seqs += e.seq;
    }
    return seqs;
}

} // namespace

class tst_BatchPacer final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    int m_nextConn = 2;

    EventBatch accepts(int count) {
        EventBatch batch;
        for (int i = 0; i < count; ++i) {
            batch += m_events.accept(m_nextConn++, 1, QStringLiteral("127.0.0.1:5000"),
                                     QStringLiteral("127.0.0.1:40000"));
        }
        return batch;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() {
        m_events = EventFactory();
        m_nextConn = 2;
    }

    void aBatchThatFitsGoesOnAtOnce() {
        BatchPacer pacer(nullptr, kMax);
        QSignalSpy slices(&pacer, &BatchPacer::sliceReady);
        QSignalSpy drained(&pacer, &BatchPacer::drained);
        const EventBatch batch = accepts(int(kMax));
        pacer.push(batch, statsWithBytesIn(7));
        QCOMPARE(slices.count(), 1);
        QCOMPARE(slices.at(0).at(0).value<EventBatch>().size(), kMax);
        QCOMPARE(slices.at(0).at(1).value<SessionStats>().bytesIn, 7);
        QVERIFY(pacer.isIdle());
        QCOMPARE(drained.count(), 0);
    }

    // The window acknowledges each batch to the engine (flow control) only
    // once its last slice has been applied.
    void eachBatchIsHandedOnOnceItsLastSliceIsOut() {
        BatchPacer pacer(nullptr, kMax);
        QSignalSpy slices(&pacer, &BatchPacer::sliceReady);
        QSignalSpy handedOn(&pacer, &BatchPacer::batchHandedOn);
        pacer.push(accepts(int(kMax / 2)), {});
        QCOMPARE(handedOn.count(), 1);
        pacer.push(accepts(int(kMax * 2 + 1)), {});
        pacer.push(accepts(1), {});
        QCOMPARE(handedOn.count(), 1);
        QTRY_COMPARE(handedOn.count(), 3);
        QCOMPARE(slices.count(), 5);
        QVERIFY(pacer.isIdle());
    }

    void aLargeBatchIsHandedOnInSlicesInOrder() {
        BatchPacer pacer(nullptr, kMax);
        QSignalSpy slices(&pacer, &BatchPacer::sliceReady);
        QSignalSpy drained(&pacer, &BatchPacer::drained);
        const EventBatch batch = accepts(int(kMax * 2 + 30));
        pacer.push(batch, statsWithBytesIn(42));
        // The first slice at once, the rest in later passes.
        QCOMPARE(slices.count(), 1);
        QVERIFY(!pacer.isIdle());
        QTRY_COMPARE(drained.count(), 1);
        QCOMPARE(slices.count(), 3);
        QCOMPARE(slices.at(0).at(0).value<EventBatch>().size(), kMax);
        QCOMPARE(slices.at(1).at(0).value<EventBatch>().size(), kMax);
        QCOMPARE(slices.at(2).at(0).value<EventBatch>().size(), 30);
        for (const QList<QVariant>& slice : slices)
            QCOMPARE(slice.at(1).value<SessionStats>().bytesIn, 42);
        QList<quint64> expected;
        for (const CaptureEvent& e : batch)
            expected += e.seq;
        QCOMPARE(seqsOf(slices), expected);
        QVERIFY(pacer.isIdle());
    }

    void theEventLoopRunsBetweenSlices() {
        BatchPacer pacer(nullptr, kMax);
        QSignalSpy slices(&pacer, &BatchPacer::sliceReady);
        QSignalSpy drained(&pacer, &BatchPacer::drained);
        pacer.push(accepts(int(kMax * 5)), {});
        qsizetype seenByTheLoop = -1;
        QTimer::singleShot(0, this, [&] { seenByTheLoop = slices.count(); });
        QTRY_COMPARE(drained.count(), 1);
        QCOMPARE(slices.count(), 5);
        QVERIFY(seenByTheLoop >= 1);
        QVERIFY(seenByTheLoop < 5);
    }

    void laterBatchesWaitBehindTheBacklog() {
        BatchPacer pacer(nullptr, kMax);
        QSignalSpy slices(&pacer, &BatchPacer::sliceReady);
        QSignalSpy drained(&pacer, &BatchPacer::drained);
        const EventBatch first = accepts(int(kMax + 50));
        const EventBatch second = accepts(3); // small, but must not overtake
        const EventBatch third = accepts(int(kMax * 2));
        pacer.push(first, statsWithBytesIn(1));
        pacer.push(second, statsWithBytesIn(2));
        pacer.push(third, statsWithBytesIn(3));
        QCOMPARE(slices.count(), 1);
        QTRY_COMPARE(drained.count(), 1);

        QList<quint64> expected;
        for (const EventBatch* batch : {&first, &second, &third}) {
            for (const CaptureEvent& e : *batch)
                expected += e.seq;
        }
        QCOMPARE(seqsOf(slices), expected);
        // Every slice has its own batch's stats, and no pass hands on more
        // than the cap: a pass may end one batch and start the next.
        qint64 total = 0;
        for (const QList<QVariant>& slice : slices) {
            const auto events = slice.at(0).value<EventBatch>();
            QVERIFY(events.size() <= kMax);
            const qint64 bytesIn = slice.at(1).value<SessionStats>().bytesIn;
            for (const CaptureEvent& e : events) {
                const int batchNo = e.seq <= first.last().seq    ? 1
                                    : e.seq <= second.last().seq ? 2
                                                                 : 3;
                QCOMPARE(bytesIn, batchNo);
            }
            total += events.size();
        }
        QCOMPARE(total, first.size() + second.size() + third.size());
        QCOMPARE(slices.last().at(1).value<SessionStats>().bytesIn, 3);
    }

    void aPacerDeletedWithABacklogHandsNothingOn() {
        auto* pacer = new BatchPacer(nullptr, kMax);
        int handedOn = 0;
        connect(pacer, &BatchPacer::sliceReady, this, [&] { ++handedOn; });
        pacer->push(accepts(int(kMax * 4)), {});
        QCOMPARE(handedOn, 1);
        delete pacer;

        // Another backlog's passes give the deleted one every chance to run.
        BatchPacer other(nullptr, kMax);
        QSignalSpy drained(&other, &BatchPacer::drained);
        other.push(accepts(int(kMax * 4)), {});
        QTRY_COMPARE(drained.count(), 1);
        QCOMPARE(handedOn, 1);
    }

    void aReceiverMayDeleteThePacer() {
        QPointer<BatchPacer> pacer = new BatchPacer(nullptr, kMax);
        int handedOn = 0;
        connect(pacer, &BatchPacer::sliceReady, this, [&] {
            ++handedOn;
            delete pacer.data();
        });
        pacer->push(accepts(int(kMax * 3)), {});
        QVERIFY(pacer.isNull());
        QCOMPARE(handedOn, 1);
    }

    void theWindowShowsAWholeBurst() {
        auto* source = new FakeSessionSource;
        MainWindow window(source);
        window.show();
        constexpr int kConnections = 5000; // 10,001 events: several passes
        EventBatch burst{m_events.listen(1, QStringLiteral("127.0.0.1:5000"))};
        const EventBatch opened = accepts(kConnections);
        burst += opened;
        for (const CaptureEvent& e : opened)
            burst += m_events.close(e.conn, Closer::Peer);
        SessionStats stats;
        stats.bytesIn = 99;
        Q_EMIT source->batchReady(burst, stats);

        ConnectionsModel* model = parts::connectionsModel(window);
        const QModelIndex listener = model->indexOfListener(1);
        QVERIFY(listener.isValid());
        QVERIFY(model->rowCount(listener) < kConnections);
        QTRY_VERIFY(parts::batchPacer(window)->isIdle());
        QCOMPARE(model->rowCount(listener), kConnections);
        QCOMPARE(model->openConnectionCount(), 0);
        const QModelIndex last = model->indexOfConnection(opened.last().conn);
        QCOMPARE(last.data(ConnectionsModel::StateRole).toInt(),
                 int(ConnectionsModel::State::Closed));
    }

    void theWindowMayCloseWithABacklog() {
        auto* source = new FakeSessionSource;
        auto* window = new MainWindow(source);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
        const QPointer<MainWindow> alive(window);
        Q_EMIT source->batchReady(accepts(10'000), {});
        QVERIFY(!parts::batchPacer(window)->isIdle());
        window->close();
        QTRY_VERIFY(alive.isNull());

        BatchPacer other(nullptr, kMax);
        QSignalSpy drained(&other, &BatchPacer::drained);
        other.push(accepts(int(kMax * 4)), {});
        QTRY_COMPARE(drained.count(), 1);
    }
};

QTEST_MAIN(tst_BatchPacer)
#include "tst_batchpacer.moc"
