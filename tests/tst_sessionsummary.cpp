#include "eventfactory.h"
#include "formats/sessionsummary.h"
#include "sessionfixture.h"

#include <QTest>

using namespace sockscope;

class tst_SessionSummary final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listeners();
    void connections();
    void dropsAndListenerErrorsApart();
    void refusedClientAndMissingOpening();
    void endingTellsWhatHappened_data();
    void endingTellsWhatHappened();
};

void tst_SessionSummary::listeners() {
    const SessionSummary s = summarizeSession(fixture::session());
    QCOMPARE(s.listeners.size(), 2);
    QCOMPARE(s.listeners[0].id, 1);
    QCOMPARE(s.listeners[0].local.toString(), u"127.0.0.1:8080");
    QCOMPARE(s.listeners[0].backlog, 1024);
    QCOMPARE(s.listeners[0].responder, u"echo");
    QCOMPARE(s.listeners[0].closedUs, fixture::kStartUs + 15000);
    QCOMPARE(s.listeners[1].closedUs, 0);
}

void tst_SessionSummary::connections() {
    const SessionSummary s = summarizeSession(fixture::session());
    QCOMPARE(s.connections.size(), 2);
    const ConnectionSummary& accepted = s.connections[0];
    QCOMPARE(accepted.listener, 1);
    QCOMPARE(accepted.ephemeralPort, 51000); // the peer's
    QCOMPARE(accepted.bytesIn, 27);
    QCOMPARE(accepted.bytesOut, 30);
    QCOMPARE(accepted.startUs, fixture::kStartUs + 3000);
    QCOMPARE(accepted.endUs, fixture::kStartUs + 7000);
    QCOMPARE(accepted.ending, u"Peer half-closed, then we closed"_qs);

    const ConnectionSummary& outgoing = s.connections[1];
    QCOMPARE(outgoing.listener, 0);
    QCOMPARE(outgoing.target, u"localhost:9000");
    QCOMPARE(outgoing.peer.toString(), u"[::1]:9000");
    QCOMPARE(outgoing.ephemeralPort, 40000); // ours
    QCOMPARE(outgoing.bytesIn, 256);
    QCOMPARE(outgoing.bytesOut, 6);
    QCOMPARE(outgoing.startUs, fixture::kStartUs + 8000);
    // The close after the reset adds nothing.
    QCOMPARE(outgoing.ending, u"reset: The remote host closed the connection");
}

void tst_SessionSummary::dropsAndListenerErrorsApart() {
    const SessionSummary s = summarizeSession(fixture::session());
    QCOMPARE(s.drops.size(), 1);
    QCOMPARE(s.drops[0].count, 3);
    QCOMPARE(s.listenerErrors.size(), 1);
    QCOMPARE(s.listenerErrors[0].error, ErrorCode::InUse);
    QCOMPARE(s.firstUs, fixture::kStartUs + 1000); // drop summaries do not count
    QCOMPARE(s.lastUs, fixture::kStartUs + 15000);
}

void tst_SessionSummary::refusedClientAndMissingOpening() {
    const EventBatch events{
        fixture::event(1, EventKind::Connect,
                       [](CaptureEvent& e) {
                           e.conn = 3;
                           e.target = u"127.0.0.1:1"_qs;
                       }),
        fixture::event(2, EventKind::Error,
                       [](CaptureEvent& e) {
                           e.conn = 3;
                           e.error = ErrorCode::Refused;
                           e.message = u"connection refused"_qs;
                       }),
        fixture::data(3, 4, Direction::In, "x"),
    };
    const SessionSummary s = summarizeSession(events);
    QCOMPARE(s.connections.size(), 2);
    QCOMPARE(s.connections[0].target, u"127.0.0.1:1");
    QVERIFY(s.connections[0].peer.isNull()); // never connected
    QCOMPARE(s.connections[0].ephemeralPort, 0);
    QCOMPARE(s.connections[0].ending, u"refused: connection refused"_qs);
    QCOMPARE(s.connections[1].bytesIn, 1);
    QCOMPARE(s.connections[1].startUs, fixture::kStartUs + 3000);
    QVERIFY(s.connections[1].ending.isEmpty());
}

void tst_SessionSummary::endingTellsWhatHappened_data() {
    QTest::addColumn<EventBatch>("events");
    QTest::addColumn<QString>("ending");
    QTest::addColumn<bool>("ended");
    EventFactory f;
    const auto accepted = [&](std::initializer_list<CaptureEvent> closing) {
        EventBatch events{f.accept(1, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50000"_qs)};
        events.append(QList<CaptureEvent>(closing));
        return events;
    };
    // A close's `by` is whose FIN came first; "closed by" read it backwards.
    QTest::newRow("Close after the peer half-closed")
        << accepted({f.halfClose(1, Closer::Peer), f.halfClose(1, Closer::Local),
                     f.close(1, Closer::Peer)})
        << u"Peer half-closed, then we closed"_qs << true;
    QTest::newRow("one exchange: the server closed")
        << accepted({f.data(1, Direction::Out, "request"), f.halfClose(1, Closer::Local),
                     f.data(1, Direction::In, "reply"), f.halfClose(1, Closer::Peer),
                     f.close(1, Closer::Local)})
        << u"We half-closed, then the peer closed"_qs << true;
    QTest::newRow("Close on an open connection")
        << accepted({f.halfClose(1, Closer::Local), f.close(1, Closer::Local)}) << u"We closed"_qs
        << true;
    QTest::newRow("peer half-closed at export")
        << accepted({f.halfClose(1, Closer::Peer)}) << u"Peer half-closed"_qs << false;
    QTest::newRow("we half-closed at export")
        << accepted({f.halfClose(1, Closer::Local)}) << u"We half-closed"_qs << false;
    QTest::newRow("reset after our half-close")
        << accepted({f.halfClose(1, Closer::Local),
                     f.error(1, ErrorCode::Reset, u"Connection reset by peer"_qs),
                     f.close(1, Closer::Local)})
        << u"We half-closed, then reset: Connection reset by peer"_qs << true;
    QTest::newRow("open at export")
        << accepted({f.data(1, Direction::In, "x")}) << QString() << false;
}

void tst_SessionSummary::endingTellsWhatHappened() {
    QFETCH(EventBatch, events);
    QFETCH(QString, ending);
    QFETCH(bool, ended);
    const SessionSummary s = summarizeSession(events);
    QCOMPARE(s.connections.size(), 1);
    QCOMPARE(s.connections[0].ending, ending);
    QCOMPARE(s.connections[0].endUs != 0, ended);
}

QTEST_GUILESS_MAIN(tst_SessionSummary)
#include "tst_sessionsummary.moc"
