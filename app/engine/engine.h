#pragma once

#include "base/captureevent.h"
#include "base/eventsink.h"
#include "base/sessionstats.h"
#include "capture/capturestore.h"
#include "engine/config.h"
#include "engine/interceptcommand.h"

#include <QObject>

#include <deque>
#include <memory>

class QThread;

namespace sockscope {

class Session;

// The front door to the network engine, used by the window, the headless
// printer and tests. The Session behind it lives on its own thread (or on the
// caller's, for tests); every call here is posted to it and returns at once.
// Results come back only as events in batchReady().
class Engine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)
public:
    enum class Threading { OwnThread, CallerThread };
    // Payload bytes a batch carries per Data event; the store has the rest.
    static constexpr qsizetype kPreviewBytes = kBatchPreviewBytes;

    explicit Engine(const CaptureOptions& capture = {}, Threading threading = Threading::OwnThread,
                    QObject* parent = nullptr);
    ~Engine() override;

    const CaptureStore& store() const;
    // Lets a window's thread run first when the cores are contended: the
    // engine thread's nice value goes up by kWindowNice. Nothing is lost
    // while the engine waits: the kernel buffers, and TCP flow control holds
    // the peers back. With 2 cores, a 10,000-connection burst stalled the
    // window up to 51 ms without it, up to 47 ms (median 18-24) with it.
    void yieldToWindow();
    static constexpr int kWindowNice = 5;

    // Each returns the id the resulting events will carry.
    int startListener(const ListenerConfig& config);
    int startClient(const ClientConfig& config);

    void stopListener(int listenerId);
    // Stops or restarts accepting: connections wait in the kernel's accept
    // queue meanwhile, and SessionStats::listenerQueues shows them.
    void pauseAccepting(int listenerId);
    void resumeAccepting(int listenerId);
    void send(int conn, const QByteArray& bytes);
    void halfClose(int conn); // shutdown(SHUT_WR) once queued bytes are written
    // Stops (or resumes) reading a connection; the peer is held back by TCP
    // flow control, so an endless stream costs no memory while paused.
    void setReadingPaused(int conn, bool paused);
    void close(int conn); // graceful close; cancels a connect in progress
    // Abort (RST): closes with SO_LINGER {1, 0}, so the peer gets an RST and
    // whatever is queued either way is dropped; cancels a connect in progress.
    void abort(int conn);
    void closeAll(); // graceful; shutdownComplete() follows
    // Holds, releases, drops, edits or injects messages on a relay pair
    // (InterceptCommand); what happened arrives as Intercept events.
    void intercept(const InterceptCommand& command);
    // Streams the session to sink as it happens, beginning with what the
    // store holds (the caller makes it, e.g. a JsonlRecorder: the engine
    // knows no file format). The engine owns it from here and uses it on the
    // engine thread only. A failure arrives as an Error event with code
    // "record-failed".
    void startRecording(std::unique_ptr<EventSink> sink);
    void stopRecording();
    // Appends every TLS connection's secrets, as its handshake ends, to the
    // file at path in the NSS key log format (--tls-keylog, SSLKEYLOGFILE),
    // so Wireshark can decrypt a capture made meanwhile. A failure arrives
    // as an Error event with code "record-failed".
    void setTlsKeyLog(const QString& path);

    // Flow control: the engine stops serving sockets while batches worth
    // more than a limit (8 MiB of events by default) are out and not
    // acknowledged, so a consumer that falls behind (stdout not read, a busy
    // window) holds the peers back through TCP instead of growing memory.
    // By default a batch counts as acknowledged once batchReady() has
    // returned. A consumer that keeps batches beyond that (the window's
    // BatchPacer) turns this on before the first batch and calls
    // acknowledgeBatch() once per batch, in order, when it is done with it.
    // Turning it off acknowledges every batch still outstanding.
    void setManualAcknowledgement(bool manual);
    void acknowledgeBatch();
    // The limit above: a lower one bounds memory tighter and costs a round
    // trip to the consumer more often.
    void setUnacknowledgedLimit(qint64 bytes);

Q_SIGNALS:
    // Every event exactly once, in order, coalesced (at most ~60 batches/s,
    // more often only when a batch would hold an eighth of that limit).
    // A Data event carries at most kPreviewBytes of its payload
    // (CaptureEvent::isPreview); store().payload(conn, seq) has the rest.
    // Emitted on the thread the Engine lives in (the window's or the
    // headless printer's), never on the engine thread.
    void batchReady(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    // On the Engine's thread too, after the last batchReady().
    void shutdownComplete();

private:
    template <typename Fn> void post(Fn&& fn);
    // Runs fn on this object's thread, queued, ordered for ThreadSanitizer.
    template <typename Fn> void postToOwner(Fn&& fn);
    void deliver(const EventBatch& events, const SessionStats& stats, qint64 cost);
    void acknowledge(qint64 cost);

    std::unique_ptr<CaptureStore> m_store;
    QThread* m_thread = nullptr;
    bool m_yieldsToWindow = false;
    bool m_manualAck = false;
    std::deque<qint64> m_unacknowledged; // manual acknowledgement: costs, oldest first
    Session* m_session = nullptr;
};

} // namespace sockscope
