#pragma once

#include "cli/commandline.h"
#include "engine/engine.h"

#include <QObject>
#include <QSet>

class QFile;

namespace sockscope {

// Headless mode: starts what the command line asks for, prints every event
// to stdout, and on --duration, SIGINT/SIGTERM, or when clients-only work is
// over, closes everything gracefully, writes the export and finishes.
class HeadlessRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)
public:
    explicit HeadlessRunner(const CommandLine& commandLine, QObject* parent = nullptr);
    ~HeadlessRunner() override;

    void start();
    void stop(); // graceful: close all, export, then finished()

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onBatch(const EventBatch& events, const SessionStats& stats);
    void track(const CaptureEvent& event);
    void onShutdownComplete();

    const CommandLine m_commandLine;
    Engine m_engine;
    QFile* m_stdout;
    QSet<int> m_pendingListeners; // started, not yet bound or failed
    QSet<int> m_liveClients;      // started, not yet closed or failed
    QSet<int> m_tlsClients;       // started only once their handshake completes
    int m_activeListeners = 0;
    bool m_anyListenerBound = false;
    int m_connectedClients = 0;
    qint64 m_printedDropEvents = 0;
    bool m_stopping = false;
    bool m_recordingFailed = false; // the run exits 1: a recording asked for is incomplete
};

} // namespace sockscope
