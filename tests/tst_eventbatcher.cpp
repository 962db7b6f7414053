// The engine's batches: what each costs until its consumer is done with it,
// and reading suspended while too much waits for that.
#include "engine/eventbatcher.h"
#include "engine/poller.h"
#include "eventfactory.h"

#include <QTest>

using namespace sockscope;

namespace {
struct Sent {
    QList<EventBatch> batches;
    QList<qint64> costs;
};

CaptureEvent dropTotal(int conn, qint64 bytes) {
    CaptureEvent e;
    e.kind = EventKind::Drop;
    e.conn = conn;
    e.size = bytes;
    return e;
}
} // namespace

class tst_EventBatcher final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aBatchCostsWhatItsEventsCost() {
        Poller poller;
        Sent sent;
        QObject timerParent;
        EventBatcher batcher(
            poller,
            [&sent](const EventBatch& batch, qint64 cost) {
                sent.batches.append(batch);
                sent.costs.append(cost);
            },
            [] {}, &timerParent);
        EventFactory events;
        const CaptureEvent data = events.data(1, Direction::In, QByteArray(1000, 'x'));
        const CaptureEvent total = dropTotal(1, 5000);
        batcher.add(data);
        batcher.addTotal(total); // a running total is memory until acknowledged too
        batcher.flush();
        QCOMPARE(sent.batches.size(), 1);
        QCOMPARE(sent.batches.front().size(), 2);
        QCOMPARE(sent.costs.front(),
                 EventBatcher::eventCost(data) + EventBatcher::eventCost(total));
    }

    void readingWaitsWhileTooMuchIsUnacknowledged() {
        Poller poller;
        Sent sent;
        QObject timerParent;
        EventBatcher batcher(
            poller, [&sent](const EventBatch&, qint64 cost) { sent.costs.append(cost); }, [] {},
            &timerParent);
        EventFactory events;
        const CaptureEvent chunk = events.data(1, Direction::In, QByteArray(64 * 1024, 'x'));
        batcher.setUnackedLimit(4 * EventBatcher::eventCost(chunk));
        // Each chunk is an eighth of the limit or more: it goes out at once.
        for (int i = 0; i < 4; ++i)
            batcher.add(chunk);
        QCOMPARE(sent.costs.size(), 4);
        QVERIFY(!poller.isSuspended()); // at the limit, not over it
        batcher.add(chunk);
        QVERIFY(poller.isSuspended());
        // Resumes only once a quarter of the limit or less is left.
        for (int i = 0; i < 3; ++i)
            batcher.acknowledge(sent.costs.at(i));
        QVERIFY(poller.isSuspended());
        batcher.acknowledge(sent.costs.at(3));
        QVERIFY(!poller.isSuspended());
    }
};

QTEST_GUILESS_MAIN(tst_EventBatcher)
#include "tst_eventbatcher.moc"
