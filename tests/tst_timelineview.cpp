#include "eventfactory.h"
#include "fakesessionsource.h"
#include "timelineview.h"

#include <QTest>

using namespace sockscope;

namespace {
QStringList labels(const TimelineView& view) {
    QStringList result;
    for (const TimelineView::Milestone& milestone : view.milestones())
        result += milestone.label;
    return result;
}
} // namespace

class tst_TimelineView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void connectSendHalfCloseClose() {
        EventFactory events;
        FakeSessionSource source(
            {events.connect(3, u"127.0.0.1:5000"_qs), events.listen(1, u"127.0.0.1:5000"_qs),
             events.connected(3, u"127.0.0.1:40000"_qs, u"127.0.0.1:5000"_qs),
             events.data(3, Direction::Out, "request"), events.data(3, Direction::Out, "more")});
        TimelineView view(&source);
        view.resize(700, 120);
        view.show();
        view.setConnection(3);
        QCOMPARE(labels(view), (QStringList{"connect()", "connected", "first byte out"}));

        // The one exchange: our FIN, the reply, the server's FIN. The close's
        // `by` is whose FIN came first (ours), not who closed.
        const EventBatch rest = {events.halfClose(3, Closer::Local),
                                 events.data(3, Direction::In, "reply"),
                                 events.data(4, Direction::In, "not ours"),
                                 events.halfClose(3, Closer::Peer), events.close(3, Closer::Local)};
        source.add(rest);
        view.appendBatch(rest);
        view.appendBatch(rest); // seen twice, counted once
        QCOMPARE(labels(view),
                 (QStringList{"connect()", "connected", "first byte out", "we half-closed",
                              "first byte in", "peer half-closed", "closed"}));
        QCOMPARE(view.milestones().last().note, u"We half-closed, then the peer closed"_qs);
        QVERIFY(view.milestones()[3].note.isEmpty());
        // EventFactory spaces events 1.5 ms apart.
        const auto& milestones = view.milestones();
        QCOMPARE(milestones[1].timeUs - milestones[0].timeUs, 3000);
        QCOMPARE(TimelineView::durationText(3000), u"3.0 ms"_qs);
        QVERIFY(!view.grab().isNull());

        // Another connection starts over, from the source's history.
        view.setConnection(4);
        QCOMPARE(labels(view), (QStringList{"first byte in"}));
    }

    // The last label used to be centred on the last dot and cut at the
    // view's right edge; no text may touch either edge now.
    void endLabelsStayInsideTheView() {
        EventFactory events;
        FakeSessionSource source({events.connect(3, u"127.0.0.1:5000"_qs),
                                  events.halfClose(3, Closer::Local),
                                  events.close(3, Closer::Peer)});
        TimelineView view(&source);
        view.resize(360, 120);
        view.setConnection(3);
        const QImage image = view.grab().toImage();
        const QColor text = view.palette().color(QPalette::Text);
        const auto inkInColumn = [&](int x) {
            for (int y = 0; y < image.height(); ++y) {
                const QColor c = image.pixelColor(x, y);
                if (qAbs(c.lightness() - text.lightness()) < 60 && c != image.pixelColor(0, 0))
                    return true;
            }
            return false;
        };
        QVERIFY(!inkInColumn(image.width() - 1));
        QVERIFY(!inkInColumn(0));
    }

    void closeAfterThePeerHalfClosed() {
        // Close pressed after the peer's FIN: the close's `by` is the peer.
        EventFactory events;
        FakeSessionSource source({events.accept(2, 1, u"127.0.0.1:5000"_qs, u"127.0.0.1:4000"_qs),
                                  events.halfClose(2, Closer::Peer),
                                  events.halfClose(2, Closer::Local),
                                  events.close(2, Closer::Peer)});
        TimelineView view(&source);
        view.setConnection(2);
        QCOMPARE(labels(view),
                 (QStringList{"accepted", "peer half-closed", "we half-closed", "closed"}));
        QCOMPARE(view.milestones().last().note, u"Peer half-closed, then we closed"_qs);

        // Another connection starts its ending over.
        source.add(EventBatch{events.accept(5, 1, u"127.0.0.1:5000"_qs, u"127.0.0.1:4001"_qs),
                              events.halfClose(5, Closer::Local), events.close(5, Closer::Local)});
        view.setConnection(5);
        QCOMPARE(view.milestones().last().note, u"We closed"_qs);
    }

    void resetEndsTheLineAsAFailure() {
        EventFactory events;
        FakeSessionSource source(
            {events.accept(2, 1, u"127.0.0.1:5000"_qs, u"127.0.0.1:4000"_qs),
             events.error(2, ErrorCode::Reset, u"Connection reset by peer"_qs)});
        TimelineView view(&source);
        view.setConnection(2);
        QCOMPARE(labels(view), (QStringList{"accepted", "reset"}));
        QVERIFY(!view.milestones()[0].failure);
        QVERIFY(view.milestones()[1].failure);
    }

    void ourResetSaysSo() {
        // Abort (RST): a close with reset, which the line must not call
        // "closed"; not a failure either, since the person chose it.
        EventFactory events;
        FakeSessionSource source(
            {events.accept(2, 1, u"127.0.0.1:5000"_qs, u"127.0.0.1:4000"_qs), events.reset(2)});
        TimelineView view(&source);
        view.setConnection(2);
        QCOMPARE(labels(view), (QStringList{"accepted", "we reset (RST)"}));
        QVERIFY(!view.milestones().last().failure);
        QCOMPARE(view.milestones().last().note, u"We reset the connection"_qs);
    }
};

QTEST_MAIN(tst_TimelineView)
#include "tst_timelineview.moc"
