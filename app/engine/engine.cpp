#include "engine/engine.h"

#include "base/posthandoff.h"
#include "base/threadnice.h"
#include "capture/capturestore.h"
#include "engine/session.h"

#include <QPointer>
#include <QThread>

#include <openssl/crypto.h>

#include <algorithm>
#include <atomic>
#include <utility>

namespace sockscope {

Engine::Engine(const CaptureOptions& capture, Threading threading, QObject* parent)
    : QObject(parent)
    , m_store(std::make_unique<CaptureStore>(capture)) {
    qRegisterMetaType<sockscope::EventBatch>();
    qRegisterMetaType<sockscope::SessionStats>();
    m_session = new Session(m_store.get());
    // Wired before the thread starts, so that the thread's start orders the
    // connections before anything the session emits (ThreadSanitizer sees
    // that order; it cannot see Qt's own locking of the connection lists).
    // Posted to this object's thread, so batchReady() fires there and the
    // engine learns when its receivers have returned (flow control); posted
    // also with Threading::CallerThread, and in the order the session emits,
    // so shutdownComplete() comes after the last batch, never before it.
    // Posted with a hand-off (postToOwner), not as queued signals, for
    // ThreadSanitizer: it saw no order between the event Qt allocates on the
    // engine thread and its reading and deletion on this one (Qt's queue
    // mutex is not instrumented), and reported the event itself as a race.
    connect(
        m_session, &Session::batchReady, m_session,
        [this](const EventBatch& events, const SessionStats& stats, qint64 cost) {
            postToOwner([this, events, stats, cost] { deliver(events, stats, cost); });
        },
        Qt::DirectConnection);
    connect(
        m_session, &Session::shutdownComplete, m_session,
        [this] { postToOwner([this] { Q_EMIT shutdownComplete(); }); }, Qt::DirectConnection);
    if (threading == Threading::OwnThread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("sockscope-engine"));
        m_session->moveToThread(m_thread);
        m_thread->start();
    }
}

Engine::~Engine() {
    if (m_thread) {
        // Destroy the session on its own thread: its sockets and timers belong there.
        // The blocking call and wait() already order the engine thread's
        // last work before the store's destruction below, but through Qt's
        // futex-based semaphore, which ThreadSanitizer cannot see; this
        // release/acquire pair says the same in a way it can.
        std::atomic<bool> sessionDeleted{false};
        QMetaObject::invokeMethod(
            m_session,
            [session = m_session, &sessionDeleted] {
                delete session;
                // TLS leaves per-thread OpenSSL state behind (the error
                // queue, per-thread random generators). Its own cleanup runs
                // as a thread-exit handler, after QThread::wait() has
                // already returned, so a process that exits right away can
                // end before it ran, and LeakSanitizer reported it as lost
                // (CI, e2e_test_tls). Freed here, it is gone before wait().
                OPENSSL_thread_stop();
                sessionDeleted.store(true, std::memory_order_release);
            },
            Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        [[maybe_unused]] const bool deleted = sessionDeleted.load(std::memory_order_acquire);
        Q_ASSERT(deleted);
    } else {
        delete m_session;
    }
}

void Engine::yieldToWindow() {
    if (!m_thread || std::exchange(m_yieldsToWindow, true))
        return; // the caller's own thread, or done already
    post([] { makeThisThreadNicer(kWindowNice); });
}

const CaptureStore& Engine::store() const {
    return *m_store;
}

template <typename Fn> void Engine::post(Fn&& fn) {
    // Queued in both modes, so ids and events arrive the same way whether
    // the session has its own thread or shares the caller's. The hand-off
    // is made last, after everything the call carries is built.
    QMetaObject::invokeMethod(m_session, HandedOff<std::decay_t<Fn>>(std::forward<Fn>(fn)),
                              Qt::QueuedConnection);
}

template <typename Fn> void Engine::postToOwner(Fn&& fn) {
    QMetaObject::invokeMethod(this, HandedOff<std::decay_t<Fn>>(std::forward<Fn>(fn)),
                              Qt::QueuedConnection);
}

void Engine::deliver(const EventBatch& events, const SessionStats& stats, qint64 cost) {
    if (m_manualAck)
        m_unacknowledged.push_back(cost);
    const QPointer<Engine> alive(this); // a receiver may end the session
    Q_EMIT batchReady(events, stats);
    if (alive && !m_manualAck)
        acknowledge(cost);
}

void Engine::setManualAcknowledgement(bool manual) {
    m_manualAck = manual;
    while (!manual && !m_unacknowledged.empty())
        acknowledgeBatch();
}

void Engine::acknowledgeBatch() {
    if (m_unacknowledged.empty())
        return;
    const qint64 cost = m_unacknowledged.front();
    m_unacknowledged.pop_front();
    acknowledge(cost);
}

void Engine::setUnacknowledgedLimit(qint64 bytes) {
    post([session = m_session, bytes] { session->setUnackedLimit(bytes); });
}

void Engine::acknowledge(qint64 cost) {
    post([session = m_session, cost] { session->acknowledge(cost); });
}

int Engine::startListener(const ListenerConfig& config) {
    const int id = m_session->allocateId();
    post([session = m_session, id, config] { session->startListener(id, config); });
    return id;
}

int Engine::startClient(const ClientConfig& config) {
    const int id = m_session->allocateId();
    post([session = m_session, id, config] { session->startClient(id, config); });
    return id;
}

void Engine::stopListener(int listenerId) {
    post([session = m_session, listenerId] { session->stopListener(listenerId); });
}

void Engine::pauseAccepting(int listenerId) {
    post([session = m_session, listenerId] { session->pauseAccepting(listenerId); });
}

void Engine::resumeAccepting(int listenerId) {
    post([session = m_session, listenerId] { session->resumeAccepting(listenerId); });
}

void Engine::send(int conn, const QByteArray& bytes) {
    post([session = m_session, conn, bytes] { session->send(conn, bytes); });
}

void Engine::setReadingPaused(int conn, bool paused) {
    post([session = m_session, conn, paused] { session->setReadingPaused(conn, paused); });
}

void Engine::halfClose(int conn) {
    post([session = m_session, conn] { session->halfClose(conn); });
}

void Engine::close(int conn) {
    post([session = m_session, conn] { session->close(conn); });
}

void Engine::abort(int conn) {
    post([session = m_session, conn] { session->abort(conn); });
}

void Engine::closeAll() {
    post([session = m_session] { session->closeAll(); });
}

void Engine::intercept(const InterceptCommand& command) {
    post([session = m_session, command] { session->intercept(command); });
}

void Engine::startRecording(std::unique_ptr<EventSink> sink) {
    // The sink changes threads here, once: from now on only the session
    // touches it, on its thread, and deletes it there.
    post([session = m_session, sink = std::move(sink)]() mutable {
        session->startRecording(std::move(sink));
    });
}

void Engine::setTlsKeyLog(const QString& path) {
    post([session = m_session, path] { session->setTlsKeyLog(path); });
}

void Engine::stopRecording() {
    post([session = m_session] { session->stopRecording(); });
}

} // namespace sockscope
