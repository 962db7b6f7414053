// How a connection ended, from its half-close and close events in order. A
// close's `by` is whose FIN came first, which "closed by" read backwards.
#include "base/connectionending.h"
#include "eventfactory.h"

#include <QTest>

#include <algorithm>

using namespace sockscope;

namespace {
using Kind = ConnectionEnding::Kind;
using Wording = ConnectionEnding::Wording;
} // namespace

class tst_ConnectionEnding final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fromTheEvents_data();
    void fromTheEvents();
    void oneEventOnItsOwn();
};

void tst_ConnectionEnding::fromTheEvents_data() {
    QTest::addColumn<EventBatch>("events");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");

    EventFactory f;
    QTest::newRow("nothing yet") << EventBatch{f.data(1, Direction::In, "x")} << int(Kind::Open)
                                 << QString();
    QTest::newRow("peer half-closed") << EventBatch{f.halfClose(1, Closer::Peer)}
                                      << int(Kind::PeerHalfClosed) << u"Peer half-closed"_qs;
    QTest::newRow("we half-closed") << EventBatch{f.halfClose(1, Closer::Local)}
                                    << int(Kind::WeHalfClosed) << u"We half-closed"_qs;
    QTest::newRow("Close after the peer half-closed")
        << EventBatch{f.halfClose(1, Closer::Peer), f.halfClose(1, Closer::Local),
                      f.close(1, Closer::Peer)}
        << int(Kind::PeerFirst) << u"Peer half-closed, then we closed"_qs;
    QTest::newRow("aborted after the peer half-closed")
        << EventBatch{f.halfClose(1, Closer::Peer), f.close(1, Closer::Peer)}
        << int(Kind::PeerFirst) << u"Peer half-closed, then we closed"_qs;
    QTest::newRow("one exchange: the server closed")
        << EventBatch{f.halfClose(1, Closer::Local), f.data(1, Direction::In, "reply"),
                      f.halfClose(1, Closer::Peer), f.close(1, Closer::Local)}
        << int(Kind::WeFirst) << u"We half-closed, then the peer closed"_qs;
    QTest::newRow("Close on an open connection")
        << EventBatch{f.halfClose(1, Closer::Local), f.close(1, Closer::Local)}
        << int(Kind::WeClosed) << u"We closed"_qs;
    QTest::newRow("close alone, the peer's FIN first")
        << EventBatch{f.close(1, Closer::Peer)} << int(Kind::PeerFirst)
        << u"Peer half-closed, then we closed"_qs;
    QTest::newRow("close alone, ours first")
        << EventBatch{f.close(1, Closer::Local)} << int(Kind::WeClosed) << u"We closed"_qs;
    QTest::newRow("close alone, first unknown")
        << EventBatch{f.close(1, Closer::None)} << int(Kind::Closed) << u"Closed"_qs;
    // The order of the half-closes wins over a close that says otherwise.
    QTest::newRow("half-closes decide")
        << EventBatch{f.halfClose(1, Closer::Peer), f.close(1, Closer::Local)}
        << int(Kind::PeerFirst) << u"Peer half-closed, then we closed"_qs;
    QTest::newRow("our reset, no FIN before it")
        << EventBatch{f.reset(1)} << int(Kind::WeReset) << u"We reset the connection"_qs;
    QTest::newRow("our reset after the peer's FIN")
        << EventBatch{f.halfClose(1, Closer::Peer), f.reset(1, Closer::Peer)} << int(Kind::WeReset)
        << u"Peer half-closed, then we reset the connection"_qs;
    QTest::newRow("our reset after our FIN")
        << EventBatch{f.halfClose(1, Closer::Local), f.reset(1)} << int(Kind::WeReset)
        << u"We half-closed, then reset the connection"_qs;
    QTest::newRow("nothing after the close counts")
        << EventBatch{f.halfClose(1, Closer::Local), f.close(1, Closer::Local),
                      f.halfClose(1, Closer::Peer)}
        << int(Kind::WeClosed) << u"We closed"_qs;
}

void tst_ConnectionEnding::fromTheEvents() {
    QFETCH(EventBatch, events);
    QFETCH(int, kind);
    QFETCH(QString, text);
    ConnectionEnding ending;
    for (const CaptureEvent& e : events)
        ending.observe(e);
    QCOMPARE(int(ending.kind()), kind);
    QCOMPARE(ending.text(Wording::English), text);
    // No translation is loaded: the window's words are the English ones.
    QCOMPARE(ending.text(Wording::Translated), text);
    const bool closed = std::any_of(events.cbegin(), events.cend(), [](const CaptureEvent& e) {
        return e.kind == EventKind::Close;
    });
    QCOMPARE(ending.isClosed(), closed);
}

void tst_ConnectionEnding::oneEventOnItsOwn() {
    QCOMPARE(ConnectionEnding::halfCloseText(Closer::Peer, Wording::English),
             u"peer shut down its sending side"_qs);
    QCOMPARE(ConnectionEnding::halfCloseText(Closer::Local, Wording::English),
             u"we shut down our sending side"_qs);
    QCOMPARE(ConnectionEnding::halfCloseText(Closer::None, Wording::English),
             u"one side shut down its sending side"_qs);
    QCOMPARE(ConnectionEnding::closeText(Closer::Peer, Wording::English),
             u"closed; the peer's FIN came first"_qs);
    QCOMPARE(ConnectionEnding::closeText(Closer::Local, Wording::English),
             u"closed; our FIN came first"_qs);
    QCOMPARE(ConnectionEnding::closeText(Closer::None, Wording::English), u"closed"_qs);
    EventFactory f;
    QCOMPARE(ConnectionEnding::closeText(f.close(1, Closer::Peer), Wording::English),
             u"closed; the peer's FIN came first"_qs);
    QCOMPARE(ConnectionEnding::closeText(f.reset(1, Closer::Peer), Wording::English),
             u"we reset the connection (RST)"_qs);
}

QTEST_GUILESS_MAIN(tst_ConnectionEnding)
#include "tst_connectionending.moc"
