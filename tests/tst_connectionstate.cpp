// The lifecycle rules of docs/design.md, row by row, on the connection's
// state machine alone: (start state, input) -> (state, effects), and whole
// lifecycles -> what the observer is told, in order.
#include "engine/connectionstate.h"

#include <QStringList>
#include <QTest>

#include <initializer_list>

using namespace sockscope;

namespace {
using Phase = ConnectionState::Phase;
using Read = ConnectionState::Read;
using Write = ConnectionState::Write;
using Hold = ConnectionState::Hold;
using Holds = ConnectionState::Holds;
using Input = ConnectionState::Input;
using Effect = ConnectionState::Effect;
using Effects = ConnectionState::Effects;

// What a row expects the state to be.
struct Expected {
    Phase phase;
    Read read;
    Write write;
    Closer by;
    Holds holds = {};
};

ConnectionState reach(ConnectionState state, std::initializer_list<Input> inputs) {
    for (const Input input : inputs)
        state = state.apply(input).state;
    return state;
}

const ConnectionState kOpen = ConnectionState::accepted();
const ConnectionState kResolving = ConnectionState::outgoing(false);

// The start states of the rows, each reached from the beginning by inputs,
// so that no row starts from a state the machine cannot be in.
ConnectionState startState(const QString& name) {
    if (name == u"resolving")
        return kResolving;
    if (name == u"connecting")
        return reach(kResolving, {Input::Resolved});
    if (name == u"connecting, half-close asked")
        return reach(kResolving, {Input::Resolved, Input::HalfClose});
    if (name == u"connecting, paused")
        return reach(kResolving, {Input::Resolved, Input::Pause});
    if (name == u"open")
        return kOpen;
    if (name == u"open client that closes at the peer's FIN")
        return reach(ConnectionState::outgoing(true), {Input::Resolved, Input::Connected});
    if (name == u"paused")
        return reach(kOpen, {Input::Pause});
    if (name == u"backlogged")
        return reach(kOpen, {Input::BacklogHigh});
    if (name == u"paused and backlogged")
        return reach(kOpen, {Input::Pause, Input::BacklogHigh});
    if (name == u"held by another connection")
        return reach(kOpen, {Input::HeldByOther});
    if (name == u"draining then half-close")
        return reach(kOpen, {Input::HalfClose});
    if (name == u"draining then close")
        return reach(kOpen, {Input::Close});
    if (name == u"we half-closed")
        return reach(kOpen, {Input::HalfClose, Input::QueueDrained});
    if (name == u"peer half-closed")
        return reach(kOpen, {Input::PeerFin});
    if (name == u"peer half-closed, draining then half-close")
        return reach(kOpen, {Input::PeerFin, Input::HalfClose});
    if (name == u"peer half-closed, draining then close")
        return reach(kOpen, {Input::PeerFin, Input::Close});
    if (name == u"paused, peer half-closed")
        return reach(kOpen, {Input::Pause, Input::PeerFin});
    if (name == u"closed")
        return reach(kOpen, {Input::Close, Input::QueueDrained});
    qFatal("no start state '%s'", qPrintable(name));
    return kOpen;
}

QString phaseName(Phase phase) {
    switch (phase) {
    case Phase::Resolving:
        return QStringLiteral("resolving");
    case Phase::Connecting:
        return QStringLiteral("connecting");
    case Phase::Open:
        return QStringLiteral("open");
    case Phase::Finished:
        return QStringLiteral("finished");
    }
    return QString();
}

QString readName(Read read) {
    switch (read) {
    case Read::Reading:
        return QStringLiteral("reading");
    case Read::Held:
        return QStringLiteral("held");
    case Read::Eof:
        return QStringLiteral("eof");
    }
    return QString();
}

QString writeName(Write write) {
    switch (write) {
    case Write::Open:
        return QStringLiteral("open");
    case Write::DrainThenHalfClose:
        return QStringLiteral("draining-then-half-close");
    case Write::DrainThenClose:
        return QStringLiteral("draining-then-close");
    case Write::Shut:
        return QStringLiteral("shut");
    }
    return QString();
}

QString holdsName(Holds holds) {
    QStringList names;
    if (holds.testFlag(Hold::User))
        names.append(QStringLiteral("user"));
    if (holds.testFlag(Hold::OwnBacklog))
        names.append(QStringLiteral("own-backlog"));
    if (holds.testFlag(Hold::OtherConnection))
        names.append(QStringLiteral("other-connection"));
    return names.isEmpty() ? QStringLiteral("-") : names.join(u'+');
}

QString describe(Phase phase, Read read, Write write, Closer by, Holds holds) {
    return QStringLiteral("%1 read=%2 write=%3 by=%4 holds=%5")
        .arg(phaseName(phase), readName(read), writeName(write), closerName(by), holdsName(holds));
}

QString describe(const ConnectionState& state) {
    return describe(state.phase(), state.read(), state.write(), state.closer(), state.holds());
}

QString describe(const Expected& expected) {
    return describe(expected.phase, expected.read, expected.write, expected.by, expected.holds);
}

QString describe(Effects effects) {
    static const std::initializer_list<std::pair<Effect, const char*>> names{
        {Effect::ReportPeerHalfClose, "ReportPeerHalfClose"},
        {Effect::ShutdownWrite, "ShutdownWrite"},
        {Effect::ReportLocalHalfClose, "ReportLocalHalfClose"},
        {Effect::Flush, "Flush"},
        {Effect::Cancel, "Cancel"},
        {Effect::ReportFailure, "ReportFailure"},
        {Effect::SendReset, "SendReset"},
        {Effect::Finish, "Finish"},
        {Effect::UpdateInterest, "UpdateInterest"},
    };
    QStringList list;
    for (const auto& [effect, name] : names) {
        if (effects.testFlag(effect))
            list.append(QString::fromLatin1(name));
    }
    return list.isEmpty() ? QStringLiteral("-") : list.join(u'|');
}

// What the observer hears from a transition, as the session records it.
QStringList reports(const ConnectionState::Transition& t) {
    QStringList heard;
    const QString by = closerName(t.state.closer());
    if (t.effects.testFlag(Effect::ReportPeerHalfClose))
        heard.append(QStringLiteral("half-close by=peer"));
    if (t.effects.testFlag(Effect::ReportLocalHalfClose))
        heard.append(QStringLiteral("half-close by=local"));
    if (t.effects.testFlag(Effect::Cancel))
        heard.append(QStringLiteral("error cancelled"));
    if (t.effects.testFlag(Effect::ReportFailure))
        heard.append(QStringLiteral("error"));
    if (t.effects.testFlag(Effect::SendReset))
        heard.append(QStringLiteral("close reset by=") + by);
    if (t.effects.testFlag(Effect::Finish))
        heard.append(QStringLiteral("close by=") + by);
    return heard;
}

const Effects kNone;
} // namespace

Q_DECLARE_METATYPE(Expected)
Q_DECLARE_METATYPE(ConnectionState::Input)
Q_DECLARE_METATYPE(ConnectionState::Effects)

class tst_ConnectionState final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void transitions_data();
    void transitions();
    void lifecycles_data();
    void lifecycles();
    void takesDataOnlyWhileTheWriteSideIsOpen_data();
    void takesDataOnlyWhileTheWriteSideIsOpen();
};

void tst_ConnectionState::transitions_data() {
    QTest::addColumn<QString>("start");
    QTest::addColumn<Input>("input");
    QTest::addColumn<Expected>("state");
    QTest::addColumn<Effects>("effects");

    const Closer none = Closer::Local; // closer() before any FIN: Local
    // Connecting.
    QTest::newRow("the name resolves")
        << u"resolving"_qs << Input::Resolved
        << Expected{Phase::Connecting, Read::Reading, Write::Open, none} << kNone;
    QTest::newRow("a half-close asked while connecting waits for the connection")
        << u"connecting"_qs << Input::HalfClose
        << Expected{Phase::Connecting, Read::Reading, Write::DrainThenHalfClose, none} << kNone;
    QTest::newRow("connected: the waiting half-close stays asked (the flush does it)")
        << u"connecting, half-close asked"_qs << Input::Connected
        << Expected{Phase::Open, Read::Reading, Write::DrainThenHalfClose, none} << kNone;
    QTest::newRow("a pause while connecting holds reading once connected")
        << u"connecting, paused"_qs << Input::Connected
        << Expected{Phase::Open, Read::Held, Write::Open, none, Hold::User} << kNone;
    QTest::newRow("close while connecting cancels")
        << u"connecting"_qs << Input::Close
        << Expected{Phase::Finished, Read::Reading, Write::Open, none} << Effects(Effect::Cancel);
    QTest::newRow("close while resolving cancels")
        << u"resolving"_qs << Input::Close
        << Expected{Phase::Finished, Read::Reading, Write::Open, none} << Effects(Effect::Cancel);
    QTest::newRow("reset while connecting cancels: no peer to reset")
        << u"connecting"_qs << Input::Reset
        << Expected{Phase::Finished, Read::Reading, Write::Open, none} << Effects(Effect::Cancel);
    QTest::newRow("abort while connecting cancels")
        << u"connecting"_qs << Input::Abort
        << Expected{Phase::Finished, Read::Reading, Write::Open, none} << Effects(Effect::Cancel);
    QTest::newRow("a connect that fails is an error")
        << u"connecting"_qs << Input::Fail
        << Expected{Phase::Finished, Read::Reading, Write::Open, none}
        << Effects(Effect::ReportFailure);

    // Our half-close and close wait for the queue.
    QTest::newRow("half-close waits for the queue to drain")
        << u"open"_qs << Input::HalfClose
        << Expected{Phase::Open, Read::Reading, Write::DrainThenHalfClose, none}
        << Effects(Effect::Flush);
    QTest::newRow("half-close after drain: shutdown(SHUT_WR), half-close by=local, reading goes on")
        << u"draining then half-close"_qs << Input::QueueDrained
        << Expected{Phase::Open, Read::Reading, Write::Shut, Closer::Local}
        << (Effect::ShutdownWrite | Effect::ReportLocalHalfClose | Effect::UpdateInterest);
    QTest::newRow("close is graceful: it waits for the queue to drain")
        << u"open"_qs << Input::Close
        << Expected{Phase::Open, Read::Reading, Write::DrainThenClose, none}
        << Effects(Effect::Flush);
    QTest::newRow("close after drain: our FIN, then the close, by=local")
        << u"draining then close"_qs << Input::QueueDrained
        << Expected{Phase::Finished, Read::Reading, Write::Shut, Closer::Local}
        << (Effect::ShutdownWrite | Effect::ReportLocalHalfClose | Effect::Finish);
    QTest::newRow("close while a half-close drains becomes a close")
        << u"draining then half-close"_qs << Input::Close
        << Expected{Phase::Open, Read::Reading, Write::DrainThenClose, none}
        << Effects(Effect::Flush);
    QTest::newRow("half-close while a close drains stays a close")
        << u"draining then close"_qs << Input::HalfClose
        << Expected{Phase::Open, Read::Reading, Write::DrainThenClose, none}
        << Effects(Effect::Flush);
    QTest::newRow("a drained queue with nothing asked only changes the interest")
        << u"open"_qs << Input::QueueDrained
        << Expected{Phase::Open, Read::Reading, Write::Open, none}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("half-close once shut does nothing")
        << u"we half-closed"_qs << Input::HalfClose
        << Expected{Phase::Open, Read::Reading, Write::Shut, Closer::Local} << kNone;
    QTest::newRow("close once shut closes at once, by=local (our FIN came first)")
        << u"we half-closed"_qs << Input::Close
        << Expected{Phase::Finished, Read::Reading, Write::Shut, Closer::Local}
        << Effects(Effect::Finish);

    // The peer's FIN.
    QTest::newRow("peer FIN: half-close by=peer; a manual listener stays in CLOSE_WAIT")
        << u"open"_qs << Input::PeerFin
        << Expected{Phase::Open, Read::Eof, Write::Open, Closer::Peer}
        << (Effect::ReportPeerHalfClose | Effect::UpdateInterest);
    QTest::newRow("peer FIN: a client that asks closes gracefully")
        << u"open client that closes at the peer's FIN"_qs << Input::PeerFin
        << Expected{Phase::Open, Read::Eof, Write::DrainThenClose, Closer::Peer}
        << (Effect::ReportPeerHalfClose | Effect::Flush);
    QTest::newRow("FIN both ways ends it: by=local, whose FIN came first")
        << u"we half-closed"_qs << Input::PeerFin
        << Expected{Phase::Finished, Read::Eof, Write::Shut, Closer::Local}
        << (Effect::ReportPeerHalfClose | Effect::Finish);
    QTest::newRow("FIN both ways ends it: by=peer, whose FIN came first")
        << u"peer half-closed, draining then half-close"_qs << Input::QueueDrained
        << Expected{Phase::Finished, Read::Eof, Write::Shut, Closer::Peer}
        << (Effect::ShutdownWrite | Effect::ReportLocalHalfClose | Effect::Finish);
    QTest::newRow("close after the peer's FIN is by=peer")
        << u"peer half-closed, draining then close"_qs << Input::QueueDrained
        << Expected{Phase::Finished, Read::Eof, Write::Shut, Closer::Peer}
        << (Effect::ShutdownWrite | Effect::ReportLocalHalfClose | Effect::Finish);
    QTest::newRow("after the peer's FIN we may still send and half-close")
        << u"peer half-closed"_qs << Input::HalfClose
        << Expected{Phase::Open, Read::Eof, Write::DrainThenHalfClose, Closer::Peer}
        << Effects(Effect::Flush);
    QTest::newRow("peer FIN while paused: EOF, and the pause stays")
        << u"paused"_qs << Input::PeerFin
        << Expected{Phase::Open, Read::Eof, Write::Open, Closer::Peer, Hold::User}
        << (Effect::ReportPeerHalfClose | Effect::UpdateInterest);
    QTest::newRow("resuming after EOF reads nothing more")
        << u"paused, peer half-closed"_qs << Input::Resume
        << Expected{Phase::Open, Read::Eof, Write::Open, Closer::Peer}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("a second EOF changes nothing")
        << u"peer half-closed"_qs << Input::PeerFin
        << Expected{Phase::Open, Read::Eof, Write::Open, Closer::Peer} << kNone;

    // Holds on reading.
    QTest::newRow("pause holds reading")
        << u"open"_qs << Input::Pause
        << Expected{Phase::Open, Read::Held, Write::Open, none, Hold::User}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("our backlog holds reading")
        << u"open"_qs << Input::BacklogHigh
        << Expected{Phase::Open, Read::Held, Write::Open, none, Hold::OwnBacklog}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("reading resumes under the low-water mark")
        << u"backlogged"_qs << Input::BacklogLow
        << Expected{Phase::Open, Read::Reading, Write::Open, none}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("a paused connection stays paused when back-pressure lifts")
        << u"paused and backlogged"_qs << Input::BacklogLow
        << Expected{Phase::Open, Read::Held, Write::Open, none, Hold::User}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("resume does not lift back-pressure")
        << u"paused and backlogged"_qs << Input::Resume
        << Expected{Phase::Open, Read::Held, Write::Open, none, Hold::OwnBacklog}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("another connection's backlog holds reading (a relay's other leg)")
        << u"open"_qs << Input::HeldByOther
        << Expected{Phase::Open, Read::Held, Write::Open, none, Hold::OtherConnection}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("and its release resumes it")
        << u"held by another connection"_qs << Input::ReleasedByOther
        << Expected{Phase::Open, Read::Reading, Write::Open, none}
        << Effects(Effect::UpdateInterest);
    QTest::newRow("a person's resume does not lift the other connection's hold")
        << u"held by another connection"_qs << Input::Resume
        << Expected{Phase::Open, Read::Held, Write::Open, none, Hold::OtherConnection}
        << Effects(Effect::UpdateInterest);

    // Abort, reset and errors: each ends it at once.
    QTest::newRow("reset drops the queue: an RST, close reset by=local")
        << u"draining then close"_qs << Input::Reset
        << Expected{Phase::Finished, Read::Reading, Write::DrainThenClose, Closer::Local}
        << Effects(Effect::SendReset);
    QTest::newRow("reset after the peer's FIN is by=peer")
        << u"peer half-closed"_qs << Input::Reset
        << Expected{Phase::Finished, Read::Eof, Write::Open, Closer::Peer}
        << Effects(Effect::SendReset);
    QTest::newRow("abort closes now, without waiting for the queue")
        << u"draining then close"_qs << Input::Abort
        << Expected{Phase::Finished, Read::Reading, Write::DrainThenClose, Closer::Local}
        << Effects(Effect::Finish);
    QTest::newRow("abort after the peer's FIN is by=peer")
        << u"peer half-closed"_qs << Input::Abort
        << Expected{Phase::Finished, Read::Eof, Write::Open, Closer::Peer}
        << Effects(Effect::Finish);
    QTest::newRow("a read or write error ends it")
        << u"open"_qs << Input::Fail << Expected{Phase::Finished, Read::Reading, Write::Open, none}
        << Effects(Effect::ReportFailure);

    // Exactly one ending.
    const std::pair<Input, const char*> afterTheEnd[]{
        {Input::Close, "close"},
        {Input::Abort, "abort"},
        {Input::Reset, "reset"},
        {Input::Fail, "an error"},
        {Input::PeerFin, "the peer's FIN"},
        {Input::QueueDrained, "a drained queue"},
        {Input::HalfClose, "half-close"},
        {Input::Pause, "pause"},
    };
    for (const auto& [input, name] : afterTheEnd) {
        QTest::addRow("once ended, %s changes nothing", name)
            << u"closed"_qs << input
            << Expected{Phase::Finished, Read::Reading, Write::Shut, Closer::Local} << kNone;
    }
}

void tst_ConnectionState::transitions() {
    QFETCH(QString, start);
    QFETCH(Input, input);
    QFETCH(Expected, state);
    QFETCH(Effects, effects);
    const ConnectionState::Transition t = startState(start).apply(input);
    QCOMPARE(describe(t.state), describe(state));
    QCOMPARE(describe(t.effects), describe(effects));
}

// Whole lifecycles, as the events of docs/design.md "Lifecycle rules" tell
// them: every connection ends with exactly one close or one error.
void tst_ConnectionState::lifecycles_data() {
    QTest::addColumn<bool>("client");
    QTest::addColumn<QList<Input>>("inputs");
    QTest::addColumn<QStringList>("heard");

    QTest::newRow("we close") << false << QList<Input>{Input::Close, Input::QueueDrained}
                              << QStringList{u"half-close by=local"_qs, u"close by=local"_qs};
    QTest::newRow("the HOWTO's one exchange against echo: peer half-closes, we close")
        << false << QList<Input>{Input::PeerFin, Input::Close, Input::QueueDrained}
        << QStringList{u"half-close by=peer"_qs, u"half-close by=local"_qs, u"close by=peer"_qs};
    QTest::newRow("we half-close, then the peer closes")
        << false << QList<Input>{Input::HalfClose, Input::QueueDrained, Input::PeerFin}
        << QStringList{u"half-close by=local"_qs, u"half-close by=peer"_qs, u"close by=local"_qs};
    QTest::newRow("a headless client ends at the peer's FIN once written out")
        << true << QList<Input>{Input::PeerFin, Input::QueueDrained}
        << QStringList{u"half-close by=peer"_qs, u"half-close by=local"_qs, u"close by=peer"_qs};
    QTest::newRow("a window client stays in CLOSE_WAIT")
        << false << QList<Input>{Input::PeerFin, Input::QueueDrained}
        << QStringList{u"half-close by=peer"_qs};
    QTest::newRow("a close that stalls, then abort")
        << false << QList<Input>{Input::Close, Input::Abort, Input::QueueDrained}
        << QStringList{u"close by=local"_qs};
    QTest::newRow("reset after our half-close, then nothing more")
        << false
        << QList<Input>{Input::HalfClose, Input::QueueDrained, Input::Reset, Input::PeerFin,
                        Input::Close}
        << QStringList{u"half-close by=local"_qs, u"close reset by=local"_qs};
    QTest::newRow("the peer's RST is an error, once")
        << false << QList<Input>{Input::Fail, Input::Close, Input::Fail}
        << QStringList{u"error"_qs};
    QTest::newRow("Close while connecting, then the connect completes")
        << true << QList<Input>{Input::Resolved, Input::Close, Input::Connected, Input::PeerFin}
        << QStringList{u"error cancelled"_qs};
}

void tst_ConnectionState::lifecycles() {
    QFETCH(bool, client);
    QFETCH(QList<Input>, inputs);
    QFETCH(QStringList, heard);
    ConnectionState state = client ? ConnectionState::outgoing(true) : kOpen;
    if (client && inputs.value(0) != Input::Resolved)
        state = reach(state, {Input::Resolved, Input::Connected});
    QStringList actual;
    for (const Input input : inputs) {
        const ConnectionState::Transition t = state.apply(input);
        actual += reports(t);
        state = t.state;
    }
    QCOMPARE(actual, heard);
}

void tst_ConnectionState::takesDataOnlyWhileTheWriteSideIsOpen_data() {
    QTest::addColumn<QString>("start");
    QTest::addColumn<bool>("takesData");
    QTest::newRow("connecting: queued for the connection") << u"connecting"_qs << true;
    QTest::newRow("open") << u"open"_qs << true;
    QTest::newRow("paused") << u"paused"_qs << true;
    QTest::newRow("peer half-closed (CLOSE_WAIT)") << u"peer half-closed"_qs << true;
    QTest::newRow("draining then half-close") << u"draining then half-close"_qs << false;
    QTest::newRow("draining then close") << u"draining then close"_qs << false;
    QTest::newRow("we half-closed") << u"we half-closed"_qs << false;
    QTest::newRow("closed") << u"closed"_qs << false;
}

void tst_ConnectionState::takesDataOnlyWhileTheWriteSideIsOpen() {
    QFETCH(QString, start);
    QFETCH(bool, takesData);
    QCOMPARE(startState(start).takesData(), takesData);
}

QTEST_APPLESS_MAIN(tst_ConnectionState)
#include "tst_connectionstate.moc"
