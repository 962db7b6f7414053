#pragma once

#include "capture/captureevent.h"
#include "capture/capturestore.h"
#include "net/config.h"
#include "net/sessionstats.h"

#include <QObject>

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
    // Streams the session to a JSON Lines file as it happens; a failure
    // arrives as an Error event with code "record-failed".
    void startRecording(const QString& path);
    void stopRecording();

Q_SIGNALS:
    // Every event exactly once, in order, coalesced (at most ~60 batches/s).
    // A Data event carries at most kPreviewBytes of its payload
    // (CaptureEvent::isPreview); store().payload(conn, seq) has the rest.
    // Thread: emitted on the engine thread (on the caller's with
    // Threading::CallerThread), relayed directly from Session. Connect with a receiver that lives
    // on your thread, so the connection is queued; a QSignalSpy or a receiver-less lambda would run
    // on the engine thread, racing with the thread that reads it.
    void batchReady(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    // Thread: emitted on the thread this Engine lives on (queued from Session).
    void shutdownComplete();

private:
    template <typename Fn> void post(Fn&& fn);

    std::unique_ptr<CaptureStore> m_store;
    QThread* m_thread = nullptr;
    bool m_yieldsToWindow = false;
    Session* m_session = nullptr;
};

} // namespace sockscope
