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
    , m_up(rulesFor(rules, true))
    , m_down(rulesFor(rules, false)) {
}

ConnectionActions RelayPair::onStarted() const {
    return {ConnectionAction::of(Kind::HoldReading, m_client)};
}

ConnectionActions RelayPair::onConnected(int conn) const {
    if (conn != m_upstream)
        return {};
    return {ConnectionAction::of(Kind::ReleaseReading, m_client)};
}

ConnectionActions RelayPair::onReceived(int conn, const QByteArray& bytes) {
    const QByteArray forwarded = rewriterFrom(conn).feed(bytes);
    if (forwarded.isEmpty())
        return {};
    return {ConnectionAction::send(other(conn), forwarded)};
}

ConnectionActions RelayPair::onPeerFinished(int conn) {
    ConnectionActions actions;
    if (const QByteArray rest = rewriterFrom(conn).finish(); !rest.isEmpty())
        actions.append(ConnectionAction::send(other(conn), rest));
    actions.append(ConnectionAction::of(Kind::HalfClose, other(conn)));
    return actions;
}

ConnectionActions RelayPair::onClosed(int conn) {
    // What the rewriter kept back still goes; a hold this leg's backlog set
    // on the other is lifted, since its queue ended without reporting the
    // fall (the other leg must drain its peer to close).
    ConnectionActions actions;
    if (const QByteArray rest = rewriterFrom(conn).finish(); !rest.isEmpty())
        actions.append(ConnectionAction::send(other(conn), rest));
    actions.append(ConnectionAction::of(Kind::ReleaseReading, other(conn)));
    actions.append(ConnectionAction::of(Kind::Close, other(conn)));
    return actions;
}

ConnectionActions RelayPair::flushKept() {
    ConnectionActions actions;
    for (const int conn : {m_client, m_upstream}) {
        if (const QByteArray rest = rewriterFrom(conn).finish(); !rest.isEmpty())
            actions.append(ConnectionAction::send(other(conn), rest));
    }
    return actions;
}

ConnectionActions RelayPair::onFailed(int conn) const {
    return {ConnectionAction::of(Kind::Reset, other(conn))};
}

ConnectionActions RelayPair::onBacklogChanged(int conn, bool backlogged) const {
    return {
        ConnectionAction::of(backlogged ? Kind::HoldReading : Kind::ReleaseReading, other(conn))};
}

} // namespace sockscope
