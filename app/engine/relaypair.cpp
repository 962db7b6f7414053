#include "engine/relaypair.h"

namespace sockscope {

using Kind = ConnectionAction::Kind;

namespace {
RewriteRules rulesFor(const RewriteRules& rules, bool up) {
    RewriteRules out;
    for (const RewriteRule& rule : rules) {
        if (up ? rule.appliesUp() : rule.appliesDown())
            out.append(rule);
    }
    return out;
}
} // namespace

RelayPair::RelayPair(int client, int upstream, const RewriteRules& rules)
    : m_client(client)
    , m_upstream(upstream)
    , m_up{StreamRewriter(rulesFor(rules, true)), {}}
    , m_down{StreamRewriter(rulesFor(rules, false)), {}} {
}

void RelayPair::setHold(int conn, bool ReadHolds::*reason, bool on, ConnectionActions& actions) {
    ReadHolds& holds = holdsOf(conn);
    const bool before = holds.any();
    holds.*reason = on;
    if (holds.any() != before)
        actions.append(ConnectionAction::of(on ? Kind::HoldReading : Kind::ReleaseReading, conn));
}

void RelayPair::forward(int conn, const InterceptQueue::Output& output,
                        ConnectionActions& actions) {
    if (!output.bytes.isEmpty())
        actions.append(ConnectionAction::send(other(conn), output.bytes));
    if (output.end == InterceptQueue::End::HalfClose)
        actions.append(ConnectionAction::of(Kind::HalfClose, other(conn)));
    else if (output.end == InterceptQueue::End::Close)
        actions.append(ConnectionAction::of(Kind::Close, other(conn)));
    // What waits now decides whether the sender may read on.
    setHold(conn, &ReadHolds::tooMuchHeld,
            from(conn).held.waitingBytes() > InterceptQueue::kMaxHeldBytes, actions);
}

void RelayPair::pass(int conn, const QByteArray& bytes, ConnectionActions& actions) {
    const QByteArray rewritten = from(conn).rewriter.feed(bytes);
    forward(conn, from(conn).held.feed(rewritten), actions);
}

ConnectionActions RelayPair::onStarted() {
    ConnectionActions actions;
    setHold(m_client, &ReadHolds::upstreamConnecting, true, actions);
    return actions;
}

ConnectionActions RelayPair::onConnected(int conn) {
    ConnectionActions actions;
    if (conn == m_upstream)
        setHold(m_client, &ReadHolds::upstreamConnecting, false, actions);
    return actions;
}

ConnectionActions RelayPair::onReceived(int conn, const QByteArray& bytes) {
    ConnectionActions actions;
    pass(conn, bytes, actions);
    return actions;
}

ConnectionActions RelayPair::onPeerFinished(int conn) {
    ConnectionActions actions;
    Flow& flow = from(conn);
    forward(conn, flow.held.feed(flow.rewriter.finish()), actions);
    forward(conn, flow.held.end(InterceptQueue::End::HalfClose), actions);
    return actions;
}

ConnectionActions RelayPair::onClosed(int conn) {
    // What the rewriter kept back and what is held still go, then the
    // close. A hold this leg's backlog set on the other is lifted, since its
    // queue ended without reporting the fall (the other leg must drain its
    // peer to close). What was held for this leg can no longer be sent.
    ConnectionActions actions;
    setHold(other(conn), &ReadHolds::otherBacklogged, false, actions);
    from(other(conn)).held.discard(QStringLiteral("the leg it was for closed"));
    setHold(other(conn), &ReadHolds::tooMuchHeld, false, actions);
    Flow& flow = from(conn);
    forward(conn, flow.held.feed(flow.rewriter.finish()), actions);
    forward(conn, flow.held.end(InterceptQueue::End::Close), actions);
    return actions;
}

ConnectionActions RelayPair::flushKept() {
    ConnectionActions actions;
    for (const int conn : {m_client, m_upstream})
        forward(conn, from(conn).held.feed(from(conn).rewriter.finish()), actions);
    return actions;
}

ConnectionActions RelayPair::onFailed(int conn) {
    // A reset throws away whatever either side had not delivered.
    const QString why = QStringLiteral("the relay pair was reset");
    m_up.held.discard(why);
    m_down.held.discard(why);
    ConnectionActions actions{ConnectionAction::of(Kind::Reset, other(conn))};
    setHold(other(conn), &ReadHolds::tooMuchHeld, false, actions);
    return actions;
}

ConnectionActions RelayPair::onBacklogChanged(int conn, bool backlogged) {
    ConnectionActions actions;
    setHold(other(conn), &ReadHolds::otherBacklogged, backlogged, actions);
    return actions;
}

ConnectionActions RelayPair::onIntercept(const InterceptCommand& command, QString* error) {
    using Command = InterceptCommand::Kind;
    const int conn = command.conn;
    InterceptQueue& held = from(conn).held;
    ConnectionActions actions;
    switch (command.kind) {
    case Command::Hold:
        held.hold(command.framing);
        break;
    case Command::StopHolding:
        forward(conn, held.stopHolding(), actions);
        break;
    case Command::Release:
        forward(conn, held.release(command.message), actions);
        break;
    case Command::ReleaseAll:
        forward(conn, held.releaseAll(), actions);
        break;
    case Command::Drop:
        forward(conn, held.drop(command.message), actions);
        break;
    case Command::Edit:
        held.edit(command.message, command.payload, error);
        forward(conn, {}, actions); // an edit may change how much is held
        break;
    case Command::Inject:
        forward(conn, held.inject(command.payload, command.framing, error), actions);
        break;
    }
    return actions;
}

QList<RelayPair::Note> RelayPair::takeNotes() {
    QList<Note> notes;
    for (const int conn : {m_client, m_upstream}) {
        for (InterceptQueue::Note& note : from(conn).held.takeNotes())
            notes.append({conn, std::move(note)});
    }
    return notes;
}

} // namespace sockscope
