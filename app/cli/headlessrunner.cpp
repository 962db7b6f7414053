#include "cli/headlessrunner.h"

#include "base/threadnice.h"
#include "cli/eventprinter.h"
#include "formats/jsonlrecorder.h"
#include "formats/sessionexport.h"

#include <QFile>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace sockscope {

namespace {
// How much nicer than the engine's thread the printing is: see start().
constexpr int kPrinterNicer = 10;

// Without --export or --record nothing reads the history back: the printer
// gets its previews from the batches, so finished connections can go and
// a run of any length keeps flat memory (issue 14, fault 8). Only --export
// reads payload back: a recording is written from the events themselves.
CaptureOptions captureOptionsOf(const CommandLine& commandLine) {
    CaptureOptions options = commandLine.capture;
    options.keepFinishedConnections =
        !commandLine.exportPath.isEmpty() || !commandLine.recordPath.isEmpty();
    options.storePayload = !commandLine.exportPath.isEmpty();
    return options;
}
} // namespace

HeadlessRunner::HeadlessRunner(const CommandLine& commandLine, QObject* parent)
    : QObject(parent)
    , m_commandLine(commandLine)
    , m_engine(captureOptionsOf(commandLine))
    , m_stdout(new QFile(this)) {
    m_stdout->open(stdout, QIODevice::WriteOnly);
    connect(&m_engine, &Engine::batchReady, this, &HeadlessRunner::onBatch);
    connect(&m_engine, &Engine::shutdownComplete, this, &HeadlessRunner::onShutdownComplete);
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start() {
    // This thread prints what the engine's thread did; it should never
    // hold that work up. At 40,000 events a second (a 1-byte ping-pong
    // through a relay) each 16 ms batch took this thread about 1 ms, and on
    // two cores that burst delayed the forwarding: the p99 added latency
    // through the relay fell from about 210 to 100-140 µs 10 steps nicer.
    // The engine's thread, started already, keeps its priority.
    makeThisThreadNicer(kPrinterNicer);
    if (!m_commandLine.recordPath.isEmpty())
        m_engine.startRecording(std::make_unique<JsonlRecorder>(m_commandLine.recordPath));
    if (!m_commandLine.tlsKeyLogPath.isEmpty())
        m_engine.setTlsKeyLog(m_commandLine.tlsKeyLogPath);
    for (const ListenerConfig& config : m_commandLine.listeners)
        m_pendingListeners.insert(m_engine.startListener(config));
    for (ClientConfig config : m_commandLine.clients) {
        // Once the peer is done and we have sent everything, nobody is left
        // to send more: staying in CLOSE_WAIT would only wait for SIGINT.
        config.closeAfterPeerFinished = true;
        const int id = m_engine.startClient(config);
        m_liveClients.insert(id);
        if (config.tls.enabled)
            m_tlsClients.insert(id);
    }
    if (m_commandLine.durationSeconds > 0)
        QTimer::singleShot(qint64(m_commandLine.durationSeconds * 1000), this,
                           &HeadlessRunner::stop);
    if (m_commandLine.listeners.isEmpty() && m_commandLine.clients.isEmpty())
        stop();
}

void HeadlessRunner::onBatch(const EventBatch& events, const SessionStats& stats) {
    QByteArray out;
    for (const CaptureEvent& event : events) {
        out += formatEventLine(event);
        track(event);
    }
    if (stats.dropped.events != m_printedDropEvents) {
        m_printedDropEvents = stats.dropped.events;
        CaptureEvent drop;
        drop.kind = EventKind::Drop;
        drop.count = stats.dropped.events;
        drop.size = stats.dropped.bytes;
        out += formatEventLine(drop);
    }
    m_stdout->write(out);
    m_stdout->flush();

    // Nothing can happen any more: every listener failed and every client ended.
    const bool listenersSettled = m_pendingListeners.isEmpty() && m_activeListeners == 0;
    if (!m_stopping && listenersSettled && m_liveClients.isEmpty())
        stop();
}

void HeadlessRunner::track(const CaptureEvent& event) {
    switch (event.kind) {
    case EventKind::Listen:
        m_pendingListeners.remove(event.listener);
        ++m_activeListeners;
        m_anyListenerBound = true;
        break;
    case EventKind::Connected:
        // A TLS client has started once its handshake completed: one that
        // fails it (a wrong CA, an expired certificate) started nothing.
        if (!m_tlsClients.contains(event.conn))
            ++m_connectedClients;
        break;
    case EventKind::Tls:
        if (event.tls && event.tls->ok && m_tlsClients.contains(event.conn))
            ++m_connectedClients;
        break;
    case EventKind::Close:
        if (event.conn == 0 && event.listener != 0)
            --m_activeListeners;
        m_liveClients.remove(event.conn);
        break;
    case EventKind::Error:
        // stderr gets what kept something from starting (a listener, a
        // client, the recording); a reset of an accepted connection is
        // ordinary traffic, reported on stdout only, so a burst of them
        // cannot flood the terminal.
        if (event.conn == 0 || m_liveClients.contains(event.conn))
            std::fprintf(stderr, "sockscope: %s\n", qPrintable(event.message));
        if (event.error == ErrorCode::RecordFailed)
            m_recordingFailed = true;
        m_pendingListeners.remove(event.listener);
        m_liveClients.remove(event.conn);
        break;
    default:
        break;
    }
}

void HeadlessRunner::stop() {
    if (m_stopping)
        return;
    m_stopping = true;
    m_engine.closeAll();
}

void HeadlessRunner::onShutdownComplete() {
    const bool askedForWork =
        !m_commandLine.listeners.isEmpty() || !m_commandLine.clients.isEmpty();
    const bool nothingStarted = !m_anyListenerBound && m_connectedClients == 0;
    int exitCode = askedForWork && nothingStarted ? 1 : 0;
    if (m_recordingFailed) {
        std::fprintf(stderr, "sockscope: the recording '%s' is incomplete (see the error above)\n",
                     qPrintable(m_commandLine.recordPath));
        exitCode = 1;
    }
    if (!m_commandLine.exportPath.isEmpty()) {
        QString error;
        const auto format = exportFormatForPath(m_commandLine.exportPath);
        if (!format ||
            !exportSession(m_engine.store(), m_commandLine.exportPath, *format, &error)) {
            std::fprintf(stderr, "sockscope: export failed: %s\n", qPrintable(error));
            exitCode = 1;
        }
    }
    Q_EMIT finished(exitCode);
}

} // namespace sockscope
