#include "engine/relaytable.h"

#include <utility>

namespace sockscope {

RelayTable::RelayTable(std::function<void(CaptureEvent)> record, ActionQueue& actions,
                       const ConnectionMap& connections, QObject* timerParent)
    : m_record(std::move(record))
    , m_actions(actions)
    , m_connections(connections)
    , m_rewriteIdle(timerParent) { // parented, so moveToThread takes it along
    m_rewriteIdle.setSingleShot(true);
    m_rewriteIdle.setInterval(kRewriteIdleMs);
    QObject::connect(&m_rewriteIdle, &QTimer::timeout, &m_rewriteIdle,
                     [this] { flushKeptRewrites(); });
}

void RelayTable::start(int client, int upstream, const RewriteRules& rules) {
    const auto pair = std::make_shared<RelayPair>(client, upstream, rules);
    m_relays.emplace(client, pair);
    m_relays.emplace(upstream, pair);
    apply(*pair, pair->onStarted());
}

RelayPair* RelayTable::relayOf(int conn) const {
    const auto found = m_relays.find(conn);
    return found != m_relays.end() ? found->second.get() : nullptr;
}

void RelayTable::forward(int conn, const QByteArray& bytes,
                         const CaptureStore::StoredPayload& stored) {
    RelayPair* const relay = relayOf(conn);
    if (!relay)
        return;
    ConnectionActions actions = relay->onReceived(conn, bytes);
    // Asked before applying: applying may end the pair.
    if (relay->keepsBytes()) {
        m_relaysKeeping.insert(relay->client());
        m_rewriteIdle.start(); // again: it measures the quiet since the last read
    }
    if (stored.fileOffset >= 0)
        m_forwarding = Forwarding{bytes, stored};
    apply(*relay, std::move(actions));
    m_forwarding.reset();
}

std::optional<CaptureStore::StoredPayload> RelayTable::takeForwarded(const QByteArray& bytes) {
    const bool forwardedAsRead = m_forwarding &&
                                 bytes.constData() == m_forwarding->bytes.constData() &&
                                 bytes.size() == m_forwarding->bytes.size();
    if (!forwardedAsRead)
        return std::nullopt;
    return std::exchange(m_forwarding, std::nullopt)->stored; // shared once
}

void RelayTable::apply(RelayPair& relay, ConnectionActions actions) {
    // Logged first, while the pair surely lives (applying may end it), and
    // before the data events of what was released.
    for (RelayPair::Note& note : relay.takeNotes()) {
        CaptureEvent e;
        e.kind = EventKind::Intercept;
        e.conn = note.conn;
        e.pair = relay.other(note.conn);
        e.intercept = note.note.step;
        e.count = note.note.message;
        e.size = note.note.bytes.size();
        if (note.note.step != InterceptStep::Released) // the "out" data has those
            e.data = std::move(note.note.bytes);
        e.message = note.note.detail;
        m_record(std::move(e));
    }
    m_actions.apply(std::move(actions));
}

void RelayTable::connected(int conn) {
    if (RelayPair* relay = relayOf(conn))
        apply(*relay, relay->onConnected(conn));
}

void RelayTable::peerFinished(int conn) {
    if (RelayPair* relay = relayOf(conn))
        apply(*relay, relay->onPeerFinished(conn));
}

void RelayTable::backlogChanged(int conn, bool backlogged) {
    if (RelayPair* relay = relayOf(conn))
        apply(*relay, relay->onBacklogChanged(conn, backlogged));
}

void RelayTable::intercept(const InterceptCommand& command) {
    RelayPair* relay = relayOf(command.conn);
    QString error;
    if (!relay)
        error =
            QStringLiteral("connection #%1 is not a leg of an open relay pair").arg(command.conn);
    ConnectionActions actions = relay ? relay->onIntercept(command, &error) : ConnectionActions{};
    if (!error.isEmpty()) {
        CaptureEvent e;
        e.kind = EventKind::Error;
        e.conn = command.conn;
        e.message = error;
        m_record(std::move(e));
    }
    if (relay)
        apply(*relay, std::move(actions));
}

void RelayTable::flushKeptRewrites() {
    const QSet<int> keeping = std::exchange(m_relaysKeeping, {});
    for (const int client : keeping) {
        if (RelayPair* relay = relayOf(client))
            apply(*relay, relay->flushKept());
    }
}

void RelayTable::legEnded(int conn, LegEnd how) {
    const auto found = m_relays.find(conn);
    if (found == m_relays.end())
        return;
    const std::shared_ptr<RelayPair> pair = found->second;
    // The pair stays reachable under both ids while either leg lives:
    // what this leg sent may still be held for the other, and the
    // person's commands name the leg it arrived on.
    if (!m_connections.count(pair->other(conn))) {
        m_relays.erase(pair->client());
        m_relays.erase(pair->upstream());
    }
    apply(*pair, how == LegEnd::Closed ? pair->onClosed(conn) : pair->onFailed(conn));
}

} // namespace sockscope
