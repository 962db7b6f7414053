// Holding a relay's messages between real peers on loopback: a request
// written in pieces is held whole, edited, released; the server's FIN waits
// behind a held reply; an injected message reaches the client; a dropped
// one never does. Each step is in the log as an Intercept event.
#include "capture/capturestore.h"
#include "engine/engine.h"
#include "interceptcommand.h"
#include "relayfixture.h"

#include <QTest>

using namespace sockscope;

namespace {

using Command = InterceptCommand::Kind;

QList<InterceptStep> stepsOf(const EventBatch& events, int conn) {
    QList<InterceptStep> steps;
    for (const CaptureEvent& e : events) {
        if (e.kind == EventKind::Intercept && e.conn == conn)
            steps.append(e.intercept);
    }
    return steps;
}

} // namespace

class tst_RelayIntercept : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void holdsEditsAndReleasesWholeMessages();
    void lengthPrefixedMessagesFromOneWrite();
    void finWaitsBehindAHeldReply();
    void aHeldReplyOutlivesTheLegThatSentIt();
    void commandOnAConnectionThatIsNoRelayIsAnError();

private:
    RelayFixture m_relay;
};

void tst_RelayIntercept::init() {
    m_relay.start();
}

void tst_RelayIntercept::cleanup() {
    m_relay.stop();
}

void tst_RelayIntercept::holdsEditsAndReleasesWholeMessages() {
    m_relay.engine->intercept(command(Command::Hold, m_relay.legs.client));
    QTRY_COMPARE(stepsOf(m_relay.recorder->events, m_relay.legs.client),
                 QList<InterceptStep>{InterceptStep::HoldStarted});
    // One request in three writes, then a second line: two held messages.
    qint64 written = 0;
    for (const QByteArray& piece :
         {QByteArray("GET /"), QByteArray("secret"), QByteArray(" HTTP/1.0\r\nX: 1\r\n")}) {
        QVERIFY(m_relay.client.write(piece));
        written += piece.size();
        QTRY_COMPARE(m_relay.recorder->bytes(m_relay.legs.client, Direction::In),
                     written); // its own read
    }
    QTRY_COMPARE(stepsOf(m_relay.recorder->events, m_relay.legs.client).count(InterceptStep::Held),
                 2);
    // Nothing reached the server meanwhile.
    m_relay.upstreamPeer.poll();
    QCOMPARE(m_relay.upstreamPeer.received, QByteArray());

    m_relay.engine->intercept(
        command(Command::Edit, m_relay.legs.client, 1, "GET /public HTTP/1.0"));
    m_relay.engine->intercept(command(Command::Drop, m_relay.legs.client, 2));
    m_relay.engine->intercept(command(Command::Release, m_relay.legs.client, 1));
    QTRY_COMPARE((m_relay.upstreamPeer.poll(), m_relay.upstreamPeer.received),
                 QByteArray("GET /public HTTP/1.0\r\n"));
    QTRY_COMPARE(stepsOf(m_relay.recorder->events, m_relay.legs.client),
                 (QList<InterceptStep>{InterceptStep::HoldStarted, InterceptStep::Held,
                                       InterceptStep::Held, InterceptStep::Edited,
                                       InterceptStep::Dropped, InterceptStep::Released}));
    // The client's leg captured what arrived, the upstream leg what went.
    QCOMPARE(m_relay.recorder->stream(m_relay.legs.client, Direction::In),
             QByteArray("GET /secret HTTP/1.0\r\nX: 1\r\n"));
    QTRY_COMPARE(m_relay.recorder->stream(m_relay.legs.upstream, Direction::Out),
                 QByteArray("GET /public HTTP/1.0\r\n"));

    // An injected message reaches the client; holding stops, bytes flow.
    m_relay.engine->intercept(
        command(Command::Inject, m_relay.legs.upstream, 0, "HTTP/1.0 200 OK"));
    QTRY_COMPARE((m_relay.client.poll(), m_relay.client.received), QByteArray("HTTP/1.0 200 OK\n"));
    m_relay.engine->intercept(command(Command::StopHolding, m_relay.legs.client));
    QVERIFY(m_relay.client.write("after\n"));
    QTRY_COMPARE((m_relay.upstreamPeer.poll(), m_relay.upstreamPeer.received),
                 QByteArray("GET /public HTTP/1.0\r\nafter\n"));
}

void tst_RelayIntercept::lengthPrefixedMessagesFromOneWrite() {
    // The case: three length-prefixed messages in one write() are
    // three held items; #2 edited, release all: the upstream (an echo here)
    // gets #1, the new #2 and #3 in order, and the client hears nothing
    // back before the release.
    InterceptCommand hold = command(Command::Hold, m_relay.legs.client);
    hold.framing->mode = FramingRule::Mode::LengthPrefix;
    hold.framing->prefixBytes = 4;
    m_relay.engine->intercept(hold);
    QTRY_COMPARE(stepsOf(m_relay.recorder->events, m_relay.legs.client),
                 QList<InterceptStep>{InterceptStep::HoldStarted});
    const auto framed = [](const QByteArray& payload) {
        QByteArray prefix(4, '\0');
        prefix[3] = char(payload.size());
        return prefix + payload;
    };
    QVERIFY(m_relay.client.write(framed("one") + framed("two") + framed("three")));
    QTRY_COMPARE(stepsOf(m_relay.recorder->events, m_relay.legs.client).count(InterceptStep::Held),
                 3);
    m_relay.upstreamPeer.poll();
    QCOMPARE(m_relay.upstreamPeer.received, QByteArray());
    m_relay.client.poll();
    QCOMPARE(m_relay.client.received, QByteArray());

    m_relay.engine->intercept(command(Command::Edit, m_relay.legs.client, 2, "TWO, edited"));
    m_relay.engine->intercept(command(Command::ReleaseAll, m_relay.legs.client));
    const QByteArray expected = framed("one") + framed("TWO, edited") + framed("three");
    QTRY_COMPARE((m_relay.upstreamPeer.poll(), m_relay.upstreamPeer.received), expected);
    QVERIFY(m_relay.upstreamPeer.write(m_relay.upstreamPeer.received)); // echo
    QTRY_COMPARE((m_relay.client.poll(), m_relay.client.received), expected);
}

void tst_RelayIntercept::finWaitsBehindAHeldReply() {
    m_relay.engine->intercept(command(Command::Hold, m_relay.legs.upstream));
    QVERIFY(m_relay.upstreamPeer.write("bye\n"));
    QVERIFY(m_relay.upstreamPeer.shutdownWrite());
    QTRY_COMPARE(
        stepsOf(m_relay.recorder->events, m_relay.legs.upstream).count(InterceptStep::Held), 1);
    // The FIN waits behind the held reply: the client sees neither.
    QCOMPARE(m_relay.client.poll(), false);
    QCOMPARE(m_relay.client.received, QByteArray());
    m_relay.engine->intercept(command(Command::ReleaseAll, m_relay.legs.upstream));
    QTRY_VERIFY(m_relay.client.poll()); // the FIN, after the reply
    QCOMPARE(m_relay.client.received, QByteArray("bye\n"));
}

void tst_RelayIntercept::aHeldReplyOutlivesTheLegThatSentIt() {
    // Found in review: once the server's leg had closed, its held reply
    // could not be released (the pair was no longer found under its id),
    // and the client never got the reply or the end.
    m_relay.engine->intercept(command(Command::Hold, m_relay.legs.upstream));
    QTRY_COMPARE(stepsOf(m_relay.recorder->events, m_relay.legs.upstream),
                 QList<InterceptStep>{InterceptStep::HoldStarted});
    QVERIFY(m_relay.client.write("QUIT\n"));
    QVERIFY(m_relay.client.shutdownWrite());
    QTRY_VERIFY(m_relay.upstreamPeer.poll()); // the client's FIN came through
    QVERIFY(m_relay.upstreamPeer.write("+OK bye\n"));
    m_relay.upstreamPeer.close();
    QTRY_VERIFY(m_relay.recorder->has(EventKind::Close, m_relay.legs.upstream));
    QCOMPARE((m_relay.client.poll(), m_relay.client.received), QByteArray());
    m_relay.engine->intercept(command(Command::ReleaseAll, m_relay.legs.upstream));
    QTRY_VERIFY(m_relay.client.poll());
    QCOMPARE(m_relay.client.received, QByteArray("+OK bye\n"));
    QTRY_VERIFY(m_relay.recorder->has(EventKind::Close, m_relay.legs.client));
}

void tst_RelayIntercept::commandOnAConnectionThatIsNoRelayIsAnError() {
    m_relay.engine->intercept(command(Command::ReleaseAll, 999));
    QTRY_VERIFY(std::any_of(m_relay.recorder->events.cbegin(), m_relay.recorder->events.cend(),
                            [](const CaptureEvent& e) {
                                return e.kind == EventKind::Error && e.conn == 999 &&
                                       e.message.contains(u"not a leg of an open relay pair");
                            }));
}

QTEST_GUILESS_MAIN(tst_RelayIntercept)
#include "tst_relayintercept.moc"
