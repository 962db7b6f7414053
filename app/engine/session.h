#pragma once

#include "base/captureevent.h"
#include "base/eventsink.h"
#include "base/sessionstats.h"
#include "capture/capturestore.h"
#include "engine/config.h"
#include "engine/connection.h"
#include "engine/connectionaction.h"
#include "engine/listener.h"
#include "engine/poller.h"
#include "engine/relaypair.h"
#include "engine/responder.h"
#include "engine/tlssetup.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace sockscope {

// Owns every listener and connection of a session and turns what they do
// into CaptureEvents: recorded in the store, streamed to the recording
// sink, and delivered in coalesced batches so that a flood costs one signal
// per frame, not one per read. Lives on the engine thread; reach it through
// Engine from other threads.
//
// Responders only decide: they return actions, as a person's commands
// become actions, and apply() carries them out once the decider has
// returned, one after the other, looking each connection up by id, since
// an earlier action may have ended it. An action that makes the session
// report something that leads to more actions only queues them: the
// apply() further up the stack gets to them, so apply() never runs inside
// itself. A connection that ends is retired, not deleted: it may still be
// inside its own method, reporting (Connection checks its state after
// every report). The batch timer deletes it.
class Session final : public QObject, private ConnectionObserver {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)
public:
    // Batches go out at most this often: ~60 per second.
    static constexpr int kBatchIntervalMs = 16;
    // A graceful closeAll() that is not done by then aborts what remains.
    static constexpr int kShutdownGraceMs = 2000;
    // Accept queues are polled often while a listener is paused, to watch
    // them fill, and slowly otherwise, since a burst of connects queues too.
    static constexpr int kQueuePollPausedMs = 100;
    static constexpr int kQueuePollMs = 1000;
    // Bytes a relay's rewriter keeps back for a possible match go on
    // unmatched once the relay has been idle this long.
    static constexpr int kRewriteIdleMs = 200;
    // Connections' running drop totals go out at most this often.
    static constexpr qint64 kDropReportIntervalUs = 1'000'000;
    // Flow control between the sockets and the consumer (docs/design.md,
    // "Every queue is bounded"). While batches out but not yet acknowledged
    // cost more than the limit (eventCost()), no socket is served until
    // they fall to a quarter of it. A batch goes out before its timer once
    // it holds an eighth of the limit, so one pass over hundreds of busy
    // sockets cannot pile up in it either.
    static constexpr qint64 kDefaultUnackedLimit = 8 * 1024 * 1024;
    // Write queues freed unsent (their peers stopped reading, then went
    // away) before the heap is trimmed.
    static constexpr qint64 kTrimAfterUnsentBytes = 8 * 1024 * 1024;
    // What an event costs in memory until its consumer is done with it.
    static qint64 eventCost(const CaptureEvent& event);

    explicit Session(CaptureStore* store, QObject* parent = nullptr);
    ~Session() override;

    // Thread-safe, so callers can know an id before the work is done.
    int allocateId() { return m_nextId.fetch_add(1); }

    void startListener(int id, const ListenerConfig& config);
    void stopListener(int id);
    // Leaves new connections in the kernel's accept queue, or takes them again.
    void pauseAccepting(int id);
    void resumeAccepting(int id);
    void startClient(int id, const ClientConfig& config);
    void send(int conn, const QByteArray& bytes);
    void halfClose(int conn);
    void setReadingPaused(int conn, bool paused);
    void close(int conn);
    // Abort: an RST instead of a FIN, dropping what is queued (a Close with reset).
    void abort(int conn);
    void closeAll();
    // A person's command to a relay pair's hold; its steps come back as
    // Intercept events, a refusal as an Error.
    void intercept(const InterceptCommand& command);
    // Streams every event from now on, preceded by what the store holds, to
    // sink, which replaces the one before (closed first).
    void startRecording(std::unique_ptr<EventSink> sink);
    void stopRecording();
    void setTlsKeyLog(const QString& path); // see Engine::setTlsKeyLog

    SessionStats stats() const;
    // The consumer is done with batches that cost this much (the cost
    // batchReady() carried); reading resumes once little is left unacknowledged.
    void acknowledge(qint64 cost);
    void setUnackedLimit(qint64 bytes);

Q_SIGNALS:
    // On the session's thread; cost must come back through acknowledge().
    void batchReady(const sockscope::EventBatch& events, const sockscope::SessionStats& stats,
                    qint64 cost);
    void shutdownComplete();

private:
    // Not event(): that would hide QObject::event(QEvent*).
    CaptureEvent newEvent(EventKind kind, int conn, int listener = 0) const;
    // A Data event's payload is stored as CaptureStore::append says;
    // sameBytesAs and storedAt are passed on (appendSameBytes).
    void record(CaptureEvent event, const CaptureStore::StoredPayload* sameBytesAs = nullptr,
                CaptureStore::StoredPayload* storedAt = nullptr);
    void flushBatch();
    void emitPending();
    void appendChangedDrops();
    void recordKeepPolicyDrops(int conn);
    void reportCaptureFailure(const QString& message);
    void adoptAccepted(Listener* listener, qintptr descriptor, const SocketAddress& peer);
    // pair: the relay leg this client serves, 0 for a client of its own.
    // tls: a TLS client's context; null: plain.
    void openClient(int id, const ClientConfig& config, int pair,
                    std::shared_ptr<const TlsContext> tls);
    void startRelay(int client, int upstream, const ListenerConfig& config,
                    std::shared_ptr<const TlsContext> upstreamTls);
    // The pair a connection is a leg of, if any.
    RelayPair* relayOf(int conn) const;
    void forwardRelayed(RelayPair* relay, int conn, const QByteArray& bytes,
                        const CaptureStore::StoredPayload& stored);
    // Logs what the pair's holds did, then applies its actions.
    void applyRelay(RelayPair& relay, ConnectionActions actions);
    void flushKeptRewrites();
    void recordData(int conn, Direction dir, const QByteArray& bytes,
                    const CaptureStore::StoredPayload* sameBytesAs = nullptr,
                    CaptureStore::StoredPayload* storedAt = nullptr);
    // Carries out actions (and any that they lead to) once the caller's
    // decision is made; inside a running apply(), only queues them.
    void apply(ConnectionActions actions);
    // A responder's actions, after the rules it followed are logged.
    void applyResponder(int conn, Responder& responder, ConnectionActions actions);
    // Applies actions in order, holding those behind a connection's Wait.
    void applyInTurn(ConnectionActions actions);
    // Holds conn's next actions for delayMs (a ConnectionAction::Wait).
    void startWaiting(int conn, int delayMs);
    void perform(const ConnectionAction& action);
    Connection* connectionOf(int conn) const;       // null once it has ended
    ConnectionObserver* observer() { return this; } // the base is private
    bool isRecording() const { return m_recording && m_recording->isOpen(); }
    void connectionConnected(Connection* connection) override;
    void connectionReceived(Connection* connection, const QByteArray& bytes) override;
    void connectionSent(Connection* connection, const QByteArray& bytes) override;
    void connectionHalfClosed(Connection* connection, Closer by) override;
    void connectionClosed(Connection* connection, Closer by) override;
    void connectionReset(Connection* connection, Closer by, const QString& message) override;
    void connectionFailed(Connection* connection, ErrorCode code, const QString& message) override;
    void connectionBacklogChanged(Connection* connection, bool backlogged) override;
    void connectionWire(Connection* connection, Direction dir, const QByteArray& bytes) override;
    bool connectionWantsWire() const override;
    void connectionSecured(Connection* connection,
                           const std::shared_ptr<const TlsSummary>& summary) override;
    // --abort-after: one timer for every connection waiting for its reset.
    void scheduleAbort(int conn, int afterMs);
    void abortDue();
    enum class RelayLegEnd { Closed, Failed };
    void forget(Connection* connection, RelayLegEnd howLegEnded);
    // From the timer only: never inside a connection's own signal.
    void deleteRetired();
    void finishShutdownIfDone();
    void reportRecordingFailure(const QString& message);
    void refreshListenerQueues();
    void updateQueuePolling();
    void publishStats();

    CaptureStore* const m_store;
    Poller m_poller{this}; // parented, so moveToThread takes it along
    std::atomic<int> m_nextId{1};
    // Each listener and connection has one owner: its entry here while it
    // lives, then the retired list until the next batch timer deletes it.
    // No QObject parent: that would be a second owner, deleting them in
    // ~QObject after m_poller, which they unregister from, is gone.
    std::unordered_map<int, std::unique_ptr<Listener>> m_listeners;
    TlsSetup m_tlsSetup;
    std::unique_ptr<QFile> m_tlsKeyLog; // --tls-keylog, while it can be written
    std::unordered_map<int, TlsSetup::ForListener> m_listenerTls; // TLS listeners and forward-tls
    std::unordered_map<int, std::unique_ptr<Connection>> m_connections;
    std::vector<std::unique_ptr<Listener>> m_retiredListeners;
    std::vector<std::unique_ptr<Connection>> m_retired;
    // Accepted connections that answer by themselves.
    std::unordered_map<int, Responder> m_responders;
    // Actions held behind a Wait, per connection, in order.
    std::unordered_map<int, std::deque<ConnectionAction>> m_waiting;
    // Relay legs, each pair under both of its connection ids.
    std::unordered_map<int, std::shared_ptr<RelayPair>> m_relays;
    QSet<int> m_relaysKeeping; // client legs whose rewriters keep bytes back
    // What a relay leg read and stored, while it is being forwarded: if
    // the other leg writes those very bytes (the same array, unchanged by
    // rules or holds) at once, its "out" event shares the stored payload.
    // The array is held, so its address cannot be reused meanwhile.
    struct Forwarding {
        QByteArray bytes;
        CaptureStore::StoredPayload stored;
    };
    std::optional<Forwarding> m_forwarding;
    QTimer m_rewriteIdle{this};
    std::vector<ConnectionAction> m_actions; // to apply, in order
    bool m_applying = false;
    EventBatch m_pending;
    qint64 m_pendingBytes = 0; // eventCost() of m_pending
    qint64 m_unackedBytes = 0; // sent in batches, not yet acknowledged
    qint64 m_unackedLimit = kDefaultUnackedLimit;
    qint64 m_unsentFreed = 0;  // since the last trim, see kTrimAfterUnsentBytes
    QTimer m_batchTimer{this}; // parented, so moveToThread takes it along
    quint64 m_nextSeq = 1;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
    std::unique_ptr<EventSink> m_recording; // kept once closed: the stats show what it wrote
    bool m_shuttingDown = false;
    bool m_shutdownDone = false; // shutdownComplete() goes out once
    QTimer m_shutdownDeadline{this};
    QHash<int, ListenerQueue> m_listenerQueues;
    QTimer m_queueTimer{this};
    bool m_statsChanged = false; // stats worth a batch even without events
    qint64 m_lastDropReportUs = 0;
    QHash<int, int> m_clientAbortAfterMs;   // clients to reset once connected
    std::multimap<qint64, int> m_abortsDue; // monotonic ms -> conn
    QHash<int, std::multimap<qint64, int>::iterator> m_abortDueOf; // conn -> its entry
    QElapsedTimer m_clock;
    QTimer m_abortTimer{this};
};

} // namespace sockscope
