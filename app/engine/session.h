#pragma once

#include "base/captureevent.h"
#include "base/eventsink.h"
#include "base/sessionstats.h"
#include "capture/capturestore.h"
#include "engine/abortschedule.h"
#include "engine/actionqueue.h"
#include "engine/config.h"
#include "engine/connection.h"
#include "engine/connectionaction.h"
#include "engine/eventbatcher.h"
#include "engine/listener.h"
#include "engine/listenerqueuewatch.h"
#include "engine/poller.h"
#include "engine/relaytable.h"
#include "engine/responder.h"
#include "engine/tlssetup.h"

#include <QFile>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sockscope {

// Owns every listener and connection of a session and turns what they do
// into CaptureEvents: recorded in the store, streamed to the recording
// sink, and delivered in coalesced batches (EventBatcher) so that a flood
// costs one signal per frame, not one per read. Lives on the engine thread;
// reach it through Engine from other threads.
//
// Responders and relay pairs (through RelayTable) only decide: they return
// actions, as a person's commands become actions, and the session's
// ActionQueue carries them out once the decider has returned. A connection
// that ends is retired, not deleted: it may still be inside its own method,
// reporting (Connection checks its state after every report). The batch
// timer deletes it.
class Session final : public QObject, private ConnectionObserver {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)
public:
    // A graceful closeAll() that is not done by then aborts what remains.
    static constexpr int kShutdownGraceMs = 2000;
    // Connections' running drop totals go out at most this often.
    static constexpr qint64 kDropReportIntervalUs = 1'000'000;
    // Write queues freed unsent (their peers stopped reading, then went
    // away) before the heap is trimmed.
    static constexpr qint64 kTrimAfterUnsentBytes = 8 * 1024 * 1024;

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
    void intercept(const InterceptCommand& command) { m_relays.intercept(command); }
    // Streams every event from now on, preceded by what the store holds, to
    // sink, which replaces the one before (closed first).
    void startRecording(std::unique_ptr<EventSink> sink);
    void stopRecording();
    void setTlsKeyLog(const QString& path); // see Engine::setTlsKeyLog

    SessionStats stats() const;
    // The consumer is done with batches that cost this much (the cost
    // batchReady() carried); reading resumes once little is left unacknowledged.
    void acknowledge(qint64 cost) { m_batches.acknowledge(cost); }
    void setUnackedLimit(qint64 bytes) { m_batches.setUnackedLimit(bytes); }

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
    void recordData(int conn, Direction dir, const QByteArray& bytes,
                    const CaptureStore::StoredPayload* sameBytesAs = nullptr,
                    CaptureStore::StoredPayload* storedAt = nullptr);
    // A responder's actions, after the rules it followed are logged.
    void applyResponder(int conn, Responder& responder, ConnectionActions actions);
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
    void forget(Connection* connection, RelayTable::LegEnd howLegEnded);
    // From the timer only: never inside a connection's own signal.
    void deleteRetired();
    void finishShutdownIfDone();
    void reportRecordingFailure(const QString& message);

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
    // The members below are declared in the order they depend on each
    // other: m_actions and m_relays keep references to m_connections, and
    // m_relays to m_actions; m_batches polls through m_poller. Do not
    // reorder them.
    ConnectionMap m_connections;
    std::vector<std::unique_ptr<Listener>> m_retiredListeners;
    std::vector<std::unique_ptr<Connection>> m_retired;
    // Accepted connections that answer by themselves.
    std::unordered_map<int, Responder> m_responders;
    ActionQueue m_actions{m_connections, this};
    RelayTable m_relays{[this](CaptureEvent e) { record(std::move(e)); }, m_actions, m_connections,
                        this};
    EventBatcher m_batches{
        m_poller,
        [this](const EventBatch& batch, qint64 cost) { Q_EMIT batchReady(batch, stats(), cost); },
        [this] {
            deleteRetired();
            flushBatch();
        },
        this};
    qint64 m_unsentFreed = 0; // since the last trim, see kTrimAfterUnsentBytes
    quint64 m_nextSeq = 1;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
    std::unique_ptr<EventSink> m_recording; // kept once closed: the stats show what it wrote
    bool m_shuttingDown = false;
    bool m_shutdownDone = false; // shutdownComplete() goes out once
    QTimer m_shutdownDeadline{this};
    ListenerQueueWatch m_listenerQueues{m_listeners, [this] { m_batches.statsChanged(); }, this};
    qint64 m_lastDropReportUs = 0;
    AbortSchedule m_aborts{[this](int conn) { abort(conn); }, this};
};

} // namespace sockscope
