#pragma once

#include "engine/connectionaction.h"
#include "engine/interceptcommand.h"
#include "engine/interceptqueue.h"
#include "engine/streamrewriter.h"

namespace sockscope {

// The two legs of one relay pair: the client's connection, accepted by a
// listener that forwards, and the upstream connection opened for it. What
// one leg receives is sent on the other, so each leg's capture reads as the
// whole conversation from its side.
//
// It only decides, as a Responder does: told what happened on a leg, it
// returns actions for the other, which the session applies after it
// returns. TCP's semantics carry across:
//   - the client's bytes wait in the kernel until the upstream is
//     connected (its reading is held), so a failed connect loses nothing
//     that was read and memory does not grow while connecting;
//   - a FIN becomes a half-close of the other leg once its queue is
//     written, and the other direction keeps flowing;
//   - a reset, or any failure (a refused or timed-out upstream, a write to
//     a vanished peer), becomes a reset (RST) of the other leg, since a
//     FIN would tell that peer the exchange ended well;
//   - a leg that ends gracefully closes the other once its queue drains;
//   - back-pressure goes both ways: while one leg's write queue is over its
//     high-water mark, the other leg stops reading;
//   - rewrite rules apply per direction, to the stream (StreamRewriter), so
//     a pattern split across reads still matches; what they keep back goes
//     on before the FIN it precedes;
//   - a person can hold either direction by whole messages
//     (InterceptQueue, after the rewrite rules): a FIN or close waits
//     behind what is held, and a direction holding more than
//     InterceptQueue::kMaxHeldBytes stops its sender's reading.
// A leg's reading is held for three independent reasons (the upstream is
// still connecting, the other leg's backlog, its own held messages); it
// reads again only when none is left.
// One per pair (the session finds it under either leg's id), since the
// rewriters and holds keep state.
class RelayPair final {
public:
    RelayPair(int client, int upstream, const RewriteRules& rules = {});

    // What a hold did, for the log: conn is the leg the message arrived on.
    struct Note {
        int conn = 0;
        InterceptQueue::Note note;
    };

    int client() const { return m_client; }
    int upstream() const { return m_upstream; }
    int other(int conn) const { return conn == m_client ? m_upstream : m_client; }

    // Applied when the pair is made, before the upstream connects.
    ConnectionActions onStarted();
    ConnectionActions onConnected(int conn);
    ConnectionActions onReceived(int conn, const QByteArray& bytes);
    ConnectionActions onPeerFinished(int conn);
    ConnectionActions onClosed(int conn);
    ConnectionActions onFailed(int conn); // reset by us or the peer, or an error
    ConnectionActions onBacklogChanged(int conn, bool backlogged);
    // A person's command to a hold; error says why one cannot be done.
    ConnectionActions onIntercept(const InterceptCommand& command, QString* error);
    QList<Note> takeNotes();
    // Whether a rewriter keeps bytes back, waiting for a possible match.
    bool keepsBytes() const { return m_up.rewriter.keepsBytes() || m_down.rewriter.keepsBytes(); }
    // Sends on what the rewriters kept, unmatched: the relay went idle.
    ConnectionActions flushKept();

private:
    struct Flow {
        StreamRewriter rewriter;
        InterceptQueue held;
    };
    // Why a leg does not read; it reads when none is set.
    struct ReadHolds {
        bool upstreamConnecting = false;
        bool otherBacklogged = false;
        bool tooMuchHeld = false;
        bool any() const { return upstreamConnecting || otherBacklogged || tooMuchHeld; }
    };
    Flow& from(int conn) { return conn == m_client ? m_up : m_down; }
    ReadHolds& holdsOf(int conn) { return conn == m_client ? m_clientHolds : m_upstreamHolds; }
    void setHold(int conn, bool ReadHolds::*reason, bool on, ConnectionActions& actions);
    // Sends what a hold let go to the leg after conn, and the end that waited.
    void forward(int conn, const InterceptQueue::Output& output, ConnectionActions& actions);
    // Bytes from conn through its rewriter and hold.
    void pass(int conn, const QByteArray& bytes, ConnectionActions& actions);

    int m_client;
    int m_upstream;
    Flow m_up;   // client → server
    Flow m_down; // server → client
    ReadHolds m_clientHolds;
    ReadHolds m_upstreamHolds;
};

} // namespace sockscope
