#include "engine/session.h"

#include "base/uniquefd.h"
#include "capture/capturestore.h"
#include "engine/connection.h"
#include "engine/listener.h"
#include "engine/responder.h"

#include <malloc.h>
#include <unistd.h>

#include <utility>

namespace sockscope {

Session::Session(CaptureStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store) {
    if (const QString error = store->fileError(); !error.isEmpty())
        reportCaptureFailure(error);
    m_shutdownDeadline.setSingleShot(true);
    connect(&m_shutdownDeadline, &QTimer::timeout, this, [this] {
        std::vector<int> stalled;
        for (const auto& [id, connection] : m_connections)
            stalled.push_back(id);
        for (int id : stalled) {
            if (Connection* connection = connectionOf(id))
                connection->abort(); // ends it: retired, still alive until the timer
        }
    });
}

Session::~Session() {
    // Before m_poller, which they unregister from. Closing descriptors on
    // the way reports nothing to this session.
    m_retired.clear();
    m_connections.clear();
    m_retiredListeners.clear();
    m_listeners.clear();
}

CaptureEvent Session::newEvent(EventKind kind, int conn, int listener) const {
    CaptureEvent e;
    e.kind = kind;
    e.conn = conn;
    e.listener = listener;
    return e;
}

void Session::record(CaptureEvent e, const CaptureStore::StoredPayload* sameBytesAs,
                     CaptureStore::StoredPayload* storedAt) {
    e.seq = m_nextSeq++;
    e.timeUs = currentTimeUs();
    if (e.carriesPayload()) {
        if (e.kind == EventKind::Data) // the conversation's bytes; Wire: the same, encrypted
            (e.dir == Direction::In ? m_bytesIn : m_bytesOut) += e.size;
        qint64 kept = 0;
        if (sameBytesAs)
            m_store->appendSameBytes(e, *sameBytesAs, &kept);
        else
            m_store->append(e, &kept, storedAt);
        // The store has the payload on disk now; memory holds at most a
        // preview of it, whatever the batch interval lets pile up. What
        // the keep policy leaves out is neither shown nor recorded.
        if (isRecording() && kept >= e.data.size()) {
            m_recording->write(e);
        } else if (isRecording() && kept > 0) {
            CaptureEvent recorded = e;
            recorded.data.truncate(kept);
            recorded.size = kept;
            m_recording->write(recorded);
        }
        const qsizetype preview = qsizetype(std::min<qint64>(kept, kBatchPreviewBytes));
        if (e.data.size() > preview)
            e.data = QByteArray(e.data.constData(), preview);
    } else if (e.kind != EventKind::Intercept) {
        // Intercept events are live only (captureevent.h): the window's
        // held list and log take them from the batch.
        m_store->append(e);
        if (isRecording())
            m_recording->write(e);
    }
    m_batches.add(std::move(e));
}

void Session::flushBatch() {
    QString recordError;
    if (m_recording && !m_recording->flush(&recordError))
        reportRecordingFailure(recordError);
    appendChangedDrops();
    m_batches.flush();
}

void Session::appendChangedDrops() {
    // Once a second at most: a flood changes its drops in every batch.
    const qint64 now = currentTimeUs();
    if (!m_shuttingDown && now - m_lastDropReportUs < kDropReportIntervalUs)
        return;
    const QList<ConnectionDrops> changed = m_store->takeChangedDrops();
    if (changed.isEmpty())
        return;
    m_lastDropReportUs = now;
    for (const ConnectionDrops& drops : changed)
        m_batches.addTotal(dropEventOf(drops)); // seq 0: a running total, not a new event
}

SessionStats Session::stats() const {
    SessionStats s;
    for (const auto& [id, listener] : m_listeners)
        s.listeners += listener->isListening() ? 1 : 0;
    s.openConnections = int(m_connections.size());
    s.bytesIn = m_bytesIn;
    s.bytesOut = m_bytesOut;
    s.captureUsed = m_store->usedBytes();
    s.captureBudget = m_store->budget();
    s.dropped = m_store->totalDropped();
    s.recordingPath = isRecording() ? m_recording->path() : QString();
    s.recordedBytes = m_recording ? m_recording->bytesWritten() : 0;
    s.listenerQueues = m_listenerQueues.queues();
    return s;
}

void Session::startRecording(std::unique_ptr<EventSink> sink) {
    if (m_recording)
        m_recording->close();
    m_recording = std::move(sink);
    QString error;
    if (!m_recording->open(&error)) {
        reportRecordingFailure(error);
        return;
    }
    m_store->forEachEvent([this](const CaptureEvent& event) {
        m_recording->write(event);
        return m_recording->isOpen();
    });
    if (!m_recording->flush(&error))
        reportRecordingFailure(error);
    else
        m_batches.statsChanged(); // the window shows the recording at once, even when idle
}

void Session::setTlsKeyLog(const QString& path) {
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append)) {
        reportRecordingFailure(
            QStringLiteral("cannot open the TLS key log '%1': %2").arg(path, file->errorString()));
        return;
    }
    m_tlsKeyLog = std::move(file);
}

void Session::stopRecording() {
    if (m_recording)
        m_recording->close();
    m_batches.statsChanged();
}

void Session::reportCaptureFailure(const QString& message) {
    CaptureEvent e = newEvent(EventKind::Error, 0);
    e.error = ErrorCode::CaptureFailed;
    e.message = message + QStringLiteral("; payload is counted, not kept");
    record(std::move(e));
}

void Session::reportRecordingFailure(const QString& message) {
    CaptureEvent e = newEvent(EventKind::Error, 0);
    e.error = ErrorCode::RecordFailed;
    e.message = message;
    record(std::move(e));
}

void Session::startListener(int id, const ListenerConfig& config) {
    QString tlsError;
    const std::optional<TlsSetup::ForListener> tls = m_tlsSetup.forListener(config, &tlsError);
    if (!tls) {
        CaptureEvent e = newEvent(EventKind::Error, 0, id);
        e.error = ErrorCode::TlsConfig;
        e.message = QStringLiteral("cannot listen with TLS on %1: %2")
                        .arg(formatHostPort({config.address, config.port}), tlsError);
        record(std::move(e));
        return;
    }
    ListenerConfig own = config;
    if (own.responder.kind == ResponderConfig::Kind::Rules) // ${counter} counts this listener's
        own.responder.messagesSoFar = std::make_shared<qint64>(0);
    auto owned = std::make_unique<Listener>(id, own, &m_poller);
    Listener* const listener = owned.get();
    ErrorCode code = ErrorCode::None;
    QString message;
    if (!listener->start(&code, &message)) {
        CaptureEvent e = newEvent(EventKind::Error, 0, id);
        e.error = code;
        e.message = message;
        record(std::move(e));
        return;
    }
    m_listeners.emplace(id, std::move(owned));
    m_listenerQueues.added(id, config.backlog);
    connect(listener, &Listener::accepted, this,
            [this, listener](qintptr descriptor, const SocketAddress& peer) {
                adoptAccepted(listener, descriptor, peer);
            });
    connect(listener, &Listener::acceptFailed, this,
            [this, id](ErrorCode failCode, const QString& failMessage) {
                CaptureEvent e = newEvent(EventKind::Error, 0, id);
                e.error = failCode;
                e.message = failMessage;
                record(std::move(e));
            });
    CaptureEvent e = newEvent(EventKind::Listen, 0, id);
    e.local = listener->boundAddress();
    e.backlog = config.backlog;
    e.responder = config.responder.name();
    if (tls->server)
        e.tls = describeServer(*tls->server);
    record(std::move(e));
    if (tls->server || tls->upstream)
        m_listenerTls.emplace(id, *tls);
}

void Session::stopListener(int id) {
    const auto found = m_listeners.find(id);
    if (found == m_listeners.end())
        return;
    Listener* const listener = found->second.get();
    // Retired like a connection: this may run inside its own accept loop.
    m_retiredListeners.push_back(std::move(found->second));
    m_listeners.erase(found);
    m_listenerTls.erase(id);
    m_listenerQueues.removed(id);
    CaptureEvent e = newEvent(EventKind::Close, 0, id);
    e.local = listener->boundAddress(); // before close() forgets it
    listener->close();
    e.by = Closer::Local;
    record(std::move(e)); // starts the batch timer, which deletes it
}

void Session::pauseAccepting(int id) {
    if (const auto found = m_listeners.find(id); found != m_listeners.end()) {
        Listener* const listener = found->second.get();
        listener->pause();
        m_listenerQueues.pausedChanged();
    }
}

void Session::resumeAccepting(int id) {
    if (const auto found = m_listeners.find(id); found != m_listeners.end()) {
        Listener* const listener = found->second.get();
        listener->resume();
        m_listenerQueues.pausedChanged();
    }
}

void Session::adoptAccepted(Listener* listener, qintptr descriptor, const SocketAddress& peer) {
    if (m_shuttingDown) {
        const UniqueFd refused{int(descriptor)}; // closed here: too late to take it
        return;
    }
    const ListenerConfig& config = listener->config();
    const int id = allocateId();
    const bool forwards = config.responder.kind == ResponderConfig::Kind::Forward;
    const int upstream = forwards ? allocateId() : 0;
    const auto found = m_listenerTls.find(listener->id());
    const TlsSetup::ForListener tls =
        found != m_listenerTls.end() ? found->second : TlsSetup::ForListener{};
    auto owned = std::make_unique<Connection>(id, descriptor, peer, &m_poller, observer(),
                                              tls.server, nullptr);
    Connection* const connection = owned.get();
    CaptureEvent e = newEvent(EventKind::Accept, id, listener->id());
    e.local = connection->localAddress();
    e.peer = connection->peerAddress();
    e.pair = upstream;
    record(std::move(e));
    m_connections.emplace(id, std::move(owned));
    m_store->setKeepPolicy(id, config.keep);
    if (forwards) {
        startRelay(id, upstream, config, tls.upstream);
    } else if (Responder responder(id, config.responder, connection->peerAddress().toString());
               !responder.isManual()) {
        Responder& kept = m_responders.emplace(id, std::move(responder)).first->second;
        applyResponder(id, kept, kept.onAccepted());
    }
    if (const std::optional<int> after = config.abortAfterMs)
        m_aborts.schedule(connection->id(), *after);
}

void Session::startRelay(int client, int upstream, const ListenerConfig& config,
                         std::shared_ptr<const TlsContext> upstreamTls) {
    m_relays.start(client, upstream, config.responder.rewrites);
    ClientConfig upstreamConfig;
    upstreamConfig.host = config.responder.upstream.host;
    upstreamConfig.port = config.responder.upstream.port;
    upstreamConfig.keep = config.keep;
    upstreamConfig.tls = config.responder.upstreamTls;
    openClient(upstream, upstreamConfig, client, std::move(upstreamTls));
    for (const int leg : {client, upstream}) {
        if (Connection* connection = connectionOf(leg))
            connection->setBacklogHoldsOwnReading(false);
    }
}

void Session::startClient(int id, const ClientConfig& config) {
    std::shared_ptr<const TlsContext> tls;
    QString error;
    if (config.tls.enabled && !(tls = TlsContext::forClient(config.tls, &error))) {
        const QString target = formatHostPort({config.host, config.port});
        CaptureEvent connect = newEvent(EventKind::Connect, id);
        connect.target = target;
        record(std::move(connect));
        CaptureEvent failed = newEvent(EventKind::Error, id);
        failed.error = ErrorCode::TlsConfig;
        failed.message = QStringLiteral("cannot connect with TLS to %1: %2").arg(target, error);
        record(std::move(failed));
        return;
    }
    openClient(id, config, 0, std::move(tls));
}

void Session::openClient(int id, const ClientConfig& config, int pair,
                         std::shared_ptr<const TlsContext> tls) {
    m_store->setKeepPolicy(id, config.keep);
    auto connection =
        std::make_unique<Connection>(id, config, &m_poller, observer(), std::move(tls), nullptr);
    CaptureEvent e = newEvent(EventKind::Connect, id);
    e.target = connection->target();
    e.pair = pair;
    record(std::move(e));
    m_connections.emplace(id, std::move(connection));
    if (config.abortAfterMs)
        m_aborts.scheduleOnceConnected(id, *config.abortAfterMs);
}

void Session::connectionConnected(Connection* connection) {
    CaptureEvent e = newEvent(EventKind::Connected, connection->id());
    e.local = connection->localAddress();
    e.peer = connection->peerAddress();
    record(std::move(e));
    m_aborts.connected(connection->id());
    m_relays.connected(connection->id());
}

void Session::recordData(int conn, Direction dir, const QByteArray& bytes,
                         const CaptureStore::StoredPayload* sameBytesAs,
                         CaptureStore::StoredPayload* storedAt) {
    CaptureEvent e = newEvent(EventKind::Data, conn);
    e.dir = dir;
    e.size = bytes.size();
    e.data = bytes;
    record(std::move(e), sameBytesAs, storedAt);
}

Connection* Session::connectionOf(int conn) const {
    const auto found = m_connections.find(conn);
    return found != m_connections.end() ? found->second.get() : nullptr;
}

void Session::connectionReceived(Connection* connection, const QByteArray& bytes) {
    const int conn = connection->id();
    if (m_relays.isLeg(conn)) {
        CaptureStore::StoredPayload stored;
        recordData(conn, Direction::In, bytes, nullptr, &stored);
        m_relays.forward(conn, bytes, stored);
        return;
    }
    recordData(conn, Direction::In, bytes);
    // The responder has returned before anything is applied; applying may
    // end the connection and drop the responder.
    if (const auto found = m_responders.find(conn); found != m_responders.end())
        applyResponder(conn, found->second, found->second.onReceived(bytes));
}

void Session::applyResponder(int conn, Responder& responder, ConnectionActions actions) {
    // Logged before the replies they explain; applying may drop the responder.
    for (const Responder::RuleNote& note : responder.takeRuleNotes()) {
        CaptureEvent e = newEvent(EventKind::Rule, conn);
        e.count = note.index;
        e.responder = note.rule;
        e.message = note.problem;
        record(std::move(e));
    }
    m_actions.applyInTurn(std::move(actions));
}

void Session::connectionSent(Connection* connection, const QByteArray& bytes) {
    const std::optional<CaptureStore::StoredPayload> forwarded = m_relays.takeForwarded(bytes);
    recordData(connection->id(), Direction::Out, bytes, forwarded ? &*forwarded : nullptr);
}

void Session::connectionHalfClosed(Connection* connection, Closer by) {
    CaptureEvent e = newEvent(EventKind::HalfClose, connection->id());
    e.by = by;
    record(std::move(e));
    if (by != Closer::Peer)
        return;
    if (const auto found = m_responders.find(connection->id()); found != m_responders.end())
        applyResponder(connection->id(), found->second, found->second.onPeerFinished());
    else
        m_relays.peerFinished(connection->id());
}

void Session::recordKeepPolicyDrops(int conn) {
    // A recording holds what the keep policy kept; its Drop says what not.
    const ConnectionDrops drops = m_store->dropsOf(conn);
    if (isRecording() && drops.notKept.events > 0) {
        ConnectionDrops notKept = drops;
        notKept.evicted = {};
        m_recording->write(dropEventOf(notKept));
    }
}

void Session::connectionClosed(Connection* connection, Closer by) {
    recordKeepPolicyDrops(connection->id());
    CaptureEvent e = newEvent(EventKind::Close, connection->id());
    e.by = by;
    record(std::move(e));
    forget(connection, RelayTable::LegEnd::Closed);
}

void Session::connectionReset(Connection* connection, Closer by, const QString& message) {
    recordKeepPolicyDrops(connection->id());
    CaptureEvent e = newEvent(EventKind::Close, connection->id());
    e.by = by;
    e.reset = true;
    e.message = message;
    record(std::move(e));
    forget(connection, RelayTable::LegEnd::Failed);
}

void Session::connectionFailed(Connection* connection, ErrorCode code, const QString& message) {
    recordKeepPolicyDrops(connection->id());
    CaptureEvent e = newEvent(EventKind::Error, connection->id());
    e.error = code;
    e.message = message;
    record(std::move(e));
    forget(connection, RelayTable::LegEnd::Failed);
}

void Session::connectionWire(Connection* connection, Direction dir, const QByteArray& bytes) {
    CaptureEvent e = newEvent(EventKind::Wire, connection->id());
    e.dir = dir;
    e.size = bytes.size();
    e.data = bytes;
    record(std::move(e));
}

bool Session::connectionWantsWire() const {
    return m_store->storesPayload() || isRecording();
}

void Session::connectionSecured(Connection* connection,
                                const std::shared_ptr<const TlsSummary>& summary) {
    CaptureEvent e = newEvent(EventKind::Tls, connection->id());
    e.tls = summary;
    record(std::move(e));
    if (m_tlsKeyLog && !summary->keyLog.isEmpty()) {
        // Flushed at once: Wireshark reads the file while the capture runs.
        if (m_tlsKeyLog->write(summary->keyLog) != summary->keyLog.size() ||
            !m_tlsKeyLog->flush()) {
            reportRecordingFailure(QStringLiteral("cannot write the TLS key log '%1': %2")
                                       .arg(m_tlsKeyLog->fileName(), m_tlsKeyLog->errorString()));
            m_tlsKeyLog.reset();
        }
    }
}

void Session::connectionBacklogChanged(Connection* connection, bool backlogged) {
    m_relays.backlogChanged(connection->id(), backlogged);
}

void Session::forget(Connection* connection, RelayTable::LegEnd howLegEnded) {
    if (const auto found = m_connections.find(connection->id()); found != m_connections.end()) {
        // Not deleted: the connection is still inside the method that
        // reported its end, and maybe inside apply() too. Not deleteLater()
        // either: a posted event per connection wakes the loop with a
        // system call each; a burst of closes is deleted in one go instead.
        // The batch timer runs, since the close was just recorded.
        m_retired.push_back(std::move(found->second));
        m_connections.erase(found);
    }
    m_responders.erase(connection->id());
    m_actions.forget(connection->id());
    // The other leg learns after this one is forgotten: applying may end it
    // too, and its own end finds this leg gone.
    m_relays.legEnded(connection->id(), howLegEnded);
    m_aborts.forget(connection->id());
    finishShutdownIfDone();
}

void Session::deleteRetired() {
    for (const auto& connection : m_retired)
        m_unsentFreed += connection->queuedBytes();
    m_retired.clear();
    m_retiredListeners.clear();
    // A peer that stopped reading and then went away leaves its write queue
    // behind in the engine thread's arena; glibc keeps such freed pages
    // (headless mode never clears a list that would trim), so give them back.
    if (m_unsentFreed >= kTrimAfterUnsentBytes) {
        m_unsentFreed = 0;
        malloc_trim(0);
    }
}

// A person's commands are actions too, applied the same way.
void Session::send(int conn, const QByteArray& bytes) {
    m_actions.apply({ConnectionAction::send(conn, bytes)});
}

void Session::setReadingPaused(int conn, bool paused) {
    using Kind = ConnectionAction::Kind;
    m_actions.apply(
        {ConnectionAction::of(paused ? Kind::PauseReading : Kind::ResumeReading, conn)});
}

void Session::halfClose(int conn) {
    m_actions.apply({ConnectionAction::of(ConnectionAction::Kind::HalfClose, conn)});
}

void Session::close(int conn) {
    m_actions.apply({ConnectionAction::of(ConnectionAction::Kind::Close, conn)});
}

void Session::abort(int conn) {
    m_actions.apply({ConnectionAction::of(ConnectionAction::Kind::Reset, conn)});
}

void Session::closeAll() {
    m_shuttingDown = true;
    std::vector<int> listenerIds;
    for (const auto& [id, listener] : m_listeners)
        listenerIds.push_back(id);
    for (int id : listenerIds)
        stopListener(id);
    ConnectionActions closes;
    for (const auto& [id, connection] : m_connections)
        closes.append(ConnectionAction::of(ConnectionAction::Kind::Close, id));
    m_actions.apply(std::move(closes));
    m_shutdownDeadline.start(kShutdownGraceMs);
    finishShutdownIfDone();
}

void Session::finishShutdownIfDone() {
    if (!m_shuttingDown || m_shutdownDone || !m_connections.empty())
        return;
    m_shutdownDone = true;
    m_shutdownDeadline.stop();
    m_batches.stopTimer();
    flushBatch();
    if (m_recording)
        m_recording->close();
    Q_EMIT shutdownComplete();
}

} // namespace sockscope
