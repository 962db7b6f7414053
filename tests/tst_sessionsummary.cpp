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
    QCOMPARE(accepted.ending, QStringList({u"half-closed by peer"_qs, u"closed by local"_qs}));

    const ConnectionSummary& outgoing = s.connections[1];
    QCOMPARE(outgoing.listener, 0);
    QCOMPARE(outgoing.target, u"localhost:9000");
    QCOMPARE(outgoing.peer.toString(), u"[::1]:9000");
    QCOMPARE(outgoing.ephemeralPort, 40000); // ours
    QCOMPARE(outgoing.bytesIn, 256);
    QCOMPARE(outgoing.bytesOut, 6);
    QCOMPARE(outgoing.startUs, fixture::kStartUs + 8000);
    QCOMPARE(outgoing.ending.value(0), u"reset: The remote host closed the connection");
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
    QCOMPARE(s.connections[0].ending, QStringList{u"refused: connection refused"_qs});
    QCOMPARE(s.connections[1].bytesIn, 1);
    QCOMPARE(s.connections[1].startUs, fixture::kStartUs + 3000);
    QVERIFY(s.connections[1].ending.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SessionSummary)
#include "tst_sessionsummary.moc"
