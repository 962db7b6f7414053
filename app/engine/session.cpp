#include "engine/session.h"

#include "capture/capturestore.h"
#include "engine/connection.h"
#include "engine/listener.h"
#include "engine/responder.h"
#include "system/kernelsettings.h"
#include "system/listenqueues.h"

#include <malloc.h>
#include <unistd.h>

namespace sockscope {

Session::Session(CaptureStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store) {
    if (const QString error = store->fileError(); !error.isEmpty())
        reportCaptureFailure(error);
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kBatchIntervalMs);
    connect(&m_batchTimer, &QTimer::timeout, this, [this] {
        deleteRetired();
        flushBatch();
    });
    m_shutdownDeadline.setSingleShot(true);
    connect(&m_shutdownDeadline, &QTimer::timeout, this, [this] {
        const auto stalled = m_connections.values();
        for (Connection* connection : stalled)
            connection->abort();
    });
    connect(&m_queueTimer, &QTimer::timeout, this, &Session::refreshListenerQueues);
    m_clock.start();
    m_abortTimer.setSingleShot(true);
    // --abort-after 0.5 means half a second, not "within 5 % of it".
    m_abortTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_abortTimer, &QTimer::timeout, this, &Session::abortDue);
}

Session::~Session() {
    // Deleted here, not by ~QObject, which runs after m_poller is gone.
    // Closing descriptors on the way reports nothing to this session.
    qDeleteAll(findChildren<Connection*>(Qt::FindDirectChildrenOnly));
    qDeleteAll(findChildren<Listener*>(Qt::FindDirectChildrenOnly));
}

CaptureEvent Session::newEvent(EventKind kind, int conn, int listener) const {
    CaptureEvent e;
    e.kind = kind;
    e.conn = conn;
    e.listener = listener;
    return e;
}

void Session::record(CaptureEvent e) {
    e.seq = m_nextSeq++;
    e.timeUs = currentTimeUs();
    if (e.kind == EventKind::Data) {
        (e.dir == Direction::In ? m_bytesIn : m_bytesOut) += e.size;
        qint64 kept = 0;
        m_store->append(e, &kept);
        // The store has the payload on disk now; memory holds at most a
        // preview of it, whatever the batch interval lets pile up. What
        // the keep policy leaves out is neither shown nor recorded.
        if (kept >= e.data.size()) {
            m_recorder.append(e);
        } else if (kept > 0 && m_recorder.isOpen()) {
            CaptureEvent recorded = e;
            recorded.data.truncate(kept);
            recorded.size = kept;
            m_recorder.append(recorded);
        }
        const qsizetype preview = qsizetype(std::min<qint64>(kept, kBatchPreviewBytes));
        if (e.data.size() > preview)
            e.data = QByteArray(e.data.constData(), preview);
    } else {
        m_store->append(e);
        m_recorder.append(e);
    }
    m_pendingBytes += eventCost(e);
    m_pending.append(std::move(e));
    if (m_pendingBytes >= m_unackedLimit / 8)
        emitPending(); // queued to the consumer: safe inside a connection's callback
    else if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

qint64 Session::eventCost(const CaptureEvent& e) {
    const qsizetype text = e.target.size() + e.message.size() + e.responder.size();
    return qint64(sizeof(CaptureEvent)) + e.data.size() + 2 * text;
}

void Session::flushBatch() {
    QString recordError;
    if (!m_recorder.flush(&recordError))
        reportRecordingFailure(recordError);
    appendChangedDrops();
    // Stats alone (an accept queue moved) go out as an empty batch.
    if (m_pending.isEmpty() && !m_statsChanged)
        return;
    emitPending();
}

void Session::emitPending() {
    m_statsChanged = false;
    EventBatch batch;
    batch.swap(m_pending);
    const qint64 cost = std::exchange(m_pendingBytes, 0);
    m_unackedBytes += cost;
    if (m_unackedBytes > m_unackedLimit)
        m_poller.setSuspended(true);
    Q_EMIT batchReady(batch, stats(), cost);
}

void Session::acknowledge(qint64 cost) {
    m_unackedBytes -= cost;
    if (m_poller.isSuspended() && m_unackedBytes <= m_unackedLimit / 4)
        m_poller.setSuspended(false);
}

void Session::setUnackedLimit(qint64 bytes) {
    m_unackedLimit = bytes;
    acknowledge(0); // a higher limit may let reading resume
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
        m_pending.append(dropEventOf(drops)); // seq 0: a running total, not a new event
}

SessionStats Session::stats() const {
    SessionStats s;
    for (const Listener* listener : m_listeners)
        s.listeners += listener->isListening() ? 1 : 0;
    s.openConnections = int(m_connections.size());
    s.bytesIn = m_bytesIn;
    s.bytesOut = m_bytesOut;
    s.captureUsed = m_store->usedBytes();
    s.captureBudget = m_store->budget();
    s.dropped = m_store->totalDropped();
    s.recordingPath = m_recorder.isOpen() ? m_recorder.path() : QString();
    s.recordedBytes = m_recorder.bytesWritten();
    s.listenerQueues = m_listenerQueues;
    return s;
}

void Session::startRecording(const QString& path) {
    QString error;
    if (!m_recorder.open(path, *m_store, &error))
        reportRecordingFailure(error);
    else
        publishStats(); // the window shows the recording at once, even when idle
}

void Session::stopRecording() {
    m_recorder.close();
    publishStats();
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
    auto* listener = new Listener(id, config, &m_poller, this);
    ErrorCode code = ErrorCode::None;
    QString message;
    if (!listener->start(&code, &message)) {
        delete listener;
        CaptureEvent e = newEvent(EventKind::Error, 0, id);
        e.error = code;
        e.message = message;
        record(std::move(e));
        return;
    }
    m_listeners.insert(id, listener);
    ListenerQueue queue;
    // What listen() made of the request, until the kernel is asked.
    queue.backlog = std::min(config.backlog, readSomaxconn().value_or(config.backlog));
    m_listenerQueues.insert(id, queue);
    updateQueuePolling();
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
    record(std::move(e));
}

void Session::stopListener(int id) {
    Listener* listener = m_listeners.take(id);
    if (!listener)
        return;
    m_listenerQueues.remove(id);
    updateQueuePolling();
    CaptureEvent e = newEvent(EventKind::Close, 0, id);
    e.local = listener->boundAddress(); // before close() forgets it
    listener->close();
    listener->deleteLater();
    e.by = Closer::Local;
    record(std::move(e));
}

void Session::pauseAccepting(int id) {
    if (Listener* listener = m_listeners.value(id)) {
        listener->pause();
        refreshListenerQueues();
        updateQueuePolling();
    }
}

void Session::resumeAccepting(int id) {
    if (Listener* listener = m_listeners.value(id)) {
        listener->resume();
        refreshListenerQueues();
        updateQueuePolling();
    }
}

void Session::refreshListenerQueues() {
    if (m_listeners.isEmpty())
        return;
    QString error; // a queue that cannot be read shows as -1
    const QHash<quint64, ListenQueueInfo> kernel = readListenQueues(&error);
    QHash<int, ListenerQueue> queues = m_listenerQueues;
    for (auto it = queues.begin(); it != queues.end(); ++it) {
        const Listener* listener = m_listeners.value(it.key());
        const auto found = listener ? kernel.constFind(listener->socketInode()) : kernel.cend();
        it->paused = listener && listener->isPaused();
        it->queued = found != kernel.cend() ? found->queued : -1;
        if (found != kernel.cend() && found->backlog >= 0)
            it->backlog = found->backlog;
    }
    if (queues != m_listenerQueues) {
        m_listenerQueues = std::move(queues);
        publishStats();
    }
}

void Session::updateQueuePolling() {
    if (m_listeners.isEmpty()) {
        m_queueTimer.stop();
        return;
    }
    const bool anyPaused = std::any_of(m_listeners.cbegin(), m_listeners.cend(),
                                       [](const Listener* l) { return l->isPaused(); });
    const int interval = anyPaused ? kQueuePollPausedMs : kQueuePollMs;
    if (!m_queueTimer.isActive() || m_queueTimer.interval() != interval)
        m_queueTimer.start(interval);
}

void Session::publishStats() {
    m_statsChanged = true;
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void Session::adoptAccepted(Listener* listener, qintptr descriptor, const SocketAddress& peer) {
    if (m_shuttingDown) {
        ::close(int(descriptor));
        return;
    }
    auto* connection = new Connection(allocateId(), descriptor, peer, &m_poller, this, this);
    CaptureEvent e = newEvent(EventKind::Accept, connection->id(), listener->id());
    e.local = connection->localAddress();
    e.peer = connection->peerAddress();
    record(std::move(e));
    m_connections.insert(connection->id(), connection);
    m_store->setKeepPolicy(connection->id(), listener->config().keep);
    const Responder responder(listener->config().responder);
    if (!responder.isManual())
        m_responders.insert(connection->id(), responder);
    if (const std::optional<int> after = listener->config().abortAfterMs)
        scheduleAbort(connection->id(), *after);
}

void Session::startClient(int id, const ClientConfig& config) {
    m_store->setKeepPolicy(id, config.keep);
    auto* connection = new Connection(id, config, &m_poller, this, this);
    CaptureEvent e = newEvent(EventKind::Connect, id);
    e.target = connection->target();
    record(std::move(e));
    m_connections.insert(id, connection);
    if (config.abortAfterMs)
        m_clientAbortAfterMs.insert(id, *config.abortAfterMs);
}

void Session::connectionConnected(Connection* connection) {
    CaptureEvent e = newEvent(EventKind::Connected, connection->id());
    e.local = connection->localAddress();
    e.peer = connection->peerAddress();
    record(std::move(e));
    if (const auto after = m_clientAbortAfterMs.find(connection->id());
        after != m_clientAbortAfterMs.end()) {
        scheduleAbort(connection->id(), *after);
        m_clientAbortAfterMs.erase(after);
    }
}

void Session::scheduleAbort(int conn, int afterMs) {
    const qint64 due = m_clock.elapsed() + afterMs;
    const auto added = m_abortsDue.emplace(due, conn);
    m_abortDueOf.insert(conn, added);
    if (added == m_abortsDue.begin())
        m_abortTimer.start(afterMs);
}

void Session::abortDue() {
    const qint64 now = m_clock.elapsed();
    while (!m_abortsDue.empty() && m_abortsDue.begin()->first <= now) {
        const int conn = m_abortsDue.begin()->second;
        m_abortsDue.erase(m_abortsDue.begin());
        m_abortDueOf.remove(conn);
        abort(conn); // a connection that ended meanwhile is gone: nothing happens
    }
    if (!m_abortsDue.empty())
        m_abortTimer.start(int(m_abortsDue.begin()->first - now));
}

void Session::recordData(int conn, Direction dir, const QByteArray& bytes) {
    CaptureEvent e = newEvent(EventKind::Data, conn);
    e.dir = dir;
    e.size = bytes.size();
    e.data = bytes;
    record(std::move(e));
}

Responder* Session::responderOf(int conn) {
    const auto found = m_responders.find(conn);
    return found != m_responders.end() ? &*found : nullptr;
}

void Session::connectionReceived(Connection* connection, const QByteArray& bytes) {
    recordData(connection->id(), Direction::In, bytes);
    if (Responder* responder = responderOf(connection->id()))
        responder->onReceived(connection, bytes);
}

void Session::connectionSent(Connection* connection, const QByteArray& bytes) {
    recordData(connection->id(), Direction::Out, bytes);
}

void Session::connectionHalfClosed(Connection* connection, Closer by) {
    CaptureEvent e = newEvent(EventKind::HalfClose, connection->id());
    e.by = by;
    record(std::move(e));
    if (by != Closer::Peer)
        return;
    if (Responder* responder = responderOf(connection->id()))
        responder->onPeerFinished(connection);
}

void Session::recordKeepPolicyDrops(int conn) {
    // A recording holds what the keep policy kept; its Drop says what not.
    const ConnectionDrops drops = m_store->dropsOf(conn);
    if (m_recorder.isOpen() && drops.notKept.events > 0) {
        ConnectionDrops notKept = drops;
        notKept.evicted = {};
        m_recorder.append(dropEventOf(notKept));
    }
}

void Session::connectionClosed(Connection* connection, Closer by) {
    recordKeepPolicyDrops(connection->id());
    CaptureEvent e = newEvent(EventKind::Close, connection->id());
    e.by = by;
    record(std::move(e));
    forget(connection);
}

void Session::connectionReset(Connection* connection, Closer by, const QString& message) {
    recordKeepPolicyDrops(connection->id());
    CaptureEvent e = newEvent(EventKind::Close, connection->id());
    e.by = by;
    e.reset = true;
    e.message = message;
    record(std::move(e));
    forget(connection);
}

void Session::connectionFailed(Connection* connection, ErrorCode code, const QString& message) {
    recordKeepPolicyDrops(connection->id());
    CaptureEvent e = newEvent(EventKind::Error, connection->id());
    e.error = code;
    e.message = message;
    record(std::move(e));
    forget(connection);
}

void Session::forget(Connection* connection) {
    m_connections.remove(connection->id());
    m_responders.remove(connection->id());
    m_clientAbortAfterMs.remove(connection->id());
    // A connection that ended first takes its reset off the schedule, so
    // that a long --abort-after does not keep one entry per connection.
    if (const auto due = m_abortDueOf.find(connection->id()); due != m_abortDueOf.end()) {
        m_abortsDue.erase(*due);
        m_abortDueOf.erase(due);
    }
    // Not deleteLater(): a posted event per connection wakes the loop with
    // a system call each; a burst of closes is deleted in one go instead.
    // The batch timer runs, since the close was just recorded.
    m_retired.push_back(connection);
    finishShutdownIfDone();
}

void Session::deleteRetired() {
    for (const Connection* connection : m_retired)
        m_unsentFreed += connection->queuedBytes();
    qDeleteAll(m_retired);
    m_retired.clear();
    // A peer that stopped reading and then went away leaves its write queue
    // behind in the engine thread's arena; glibc keeps such freed pages
    // (headless mode never clears a list that would trim), so give them back.
    if (m_unsentFreed >= kTrimAfterUnsentBytes) {
        m_unsentFreed = 0;
        malloc_trim(0);
    }
}

void Session::send(int conn, const QByteArray& bytes) {
    if (Connection* connection = m_connections.value(conn))
        connection->send(bytes);
}

void Session::setReadingPaused(int conn, bool paused) {
    if (Connection* connection = m_connections.value(conn))
        connection->setReadingPaused(paused);
}

void Session::halfClose(int conn) {
    if (Connection* connection = m_connections.value(conn))
        connection->halfClose();
}

void Session::close(int conn) {
    if (Connection* connection = m_connections.value(conn))
        connection->close();
}

void Session::abort(int conn) {
    if (Connection* connection = m_connections.value(conn))
        connection->reset();
}

void Session::closeAll() {
    m_shuttingDown = true;
    const auto listenerIds = m_listeners.keys();
    for (int id : listenerIds)
        stopListener(id);
    const auto connections = m_connections.values();
    for (Connection* connection : connections)
        connection->close();
    m_shutdownDeadline.start(kShutdownGraceMs);
    finishShutdownIfDone();
}

void Session::finishShutdownIfDone() {
    if (!m_shuttingDown || m_shutdownDone || !m_connections.isEmpty())
        return;
    m_shutdownDone = true;
    m_shutdownDeadline.stop();
    m_batchTimer.stop();
    flushBatch();
    m_recorder.close();
    Q_EMIT shutdownComplete();
}

} // namespace sockscope
