#pragma once

#include "base/captureevent.h"
#include "capture/capturestore.h"
#include "engine/actionqueue.h"
#include "engine/interceptcommand.h"
#include "engine/relaypair.h"
#include "engine/rewriterule.h"

#include <QByteArray>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

namespace sockscope {

// A session's relay pairs (docs/design.md, "The relay"), each RelayPair
// under both of its legs' ids. Told what happened on a connection, it
// tells the pair the connection is a leg of, if any; logs what the pair's
// holds did, as Intercept events, and hands its actions to the session's
// ActionQueue. It also sends on what rewriters keep back once the relays go
// idle, and lets the "out" event of bytes forwarded unchanged share the
// payload the "in" event stored.
class RelayTable final {
    Q_DISABLE_COPY_MOVE(RelayTable)
public:
    // Bytes a relay's rewriter keeps back for a possible match go on
    // unmatched once the relay has been idle this long.
    static constexpr int kRewriteIdleMs = 200;

    // record: the session's, for the Intercept events and the Error of a
    // refused command. connections: the session's, to know whether a leg is
    // still open. timerParent: the session, whose thread the idle timer runs on.
    RelayTable(std::function<void(CaptureEvent)> record, ActionQueue& actions,
               const ConnectionMap& connections, QObject* timerParent);

    // Pairs the accepted client with the upstream about to be opened for
    // it; the client's reading is held until the upstream is connected.
    void start(int client, int upstream, const RewriteRules& rules);
    bool isLeg(int conn) const { return m_relays.count(conn) > 0; }

    // Passes what a leg read to its pair; stored: where the leg's "in" event
    // stored it.
    void forward(int conn, const QByteArray& bytes, const CaptureStore::StoredPayload& stored);
    // If a leg is writing bytes that the other leg is forwarding as it read
    // them (the same array, unchanged by rules or holds), the payload they
    // share; once.
    std::optional<CaptureStore::StoredPayload> takeForwarded(const QByteArray& bytes);
    void connected(int conn);
    void peerFinished(int conn);
    void backlogChanged(int conn, bool backlogged);
    // A person's command to a relay pair's hold; its steps are recorded as
    // Intercept events, a refusal as an Error.
    void intercept(const InterceptCommand& command);
    enum class LegEnd { Closed, Failed };
    // Tells the other leg, once the session has forgotten this one (it is
    // no longer among the connections).
    void legEnded(int conn, LegEnd how);

private:
    // The pair a connection is a leg of, if any.
    RelayPair* relayOf(int conn) const;
    // Logs what the pair's holds did, then applies its actions.
    void apply(RelayPair& relay, ConnectionActions actions);
    void flushKeptRewrites();

    const std::function<void(CaptureEvent)> m_record;
    ActionQueue& m_actions;
    const ConnectionMap& m_connections;
    // Relay legs, each pair under both of its connection ids.
    std::unordered_map<int, std::shared_ptr<RelayPair>> m_relays;
    QSet<int> m_relaysKeeping; // client legs whose rewriters keep bytes back
    QTimer m_rewriteIdle;
    // What a relay leg read and stored, while it is being forwarded: if
    // the other leg writes those very bytes (the same array, unchanged by
    // rules or holds) at once, its "out" event shares the stored payload.
    // The array is held, so its address cannot be reused meanwhile.
    struct Forwarding {
        QByteArray bytes;
        CaptureStore::StoredPayload stored;
    };
    std::optional<Forwarding> m_forwarding;
};

} // namespace sockscope
