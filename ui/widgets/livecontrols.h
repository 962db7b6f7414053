#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"
#include "engine/config.h"

#include <QHash>
#include <QObject>
#include <QSet>

class QWidget;

namespace sockscope {

class ConnectionsModel;
class ConnectionsPanel;
class Engine;
class ExportAction;
struct ProbeResult;
class FailureReporter;
class NoticeBanner;
class RecordAction;
class SaveReminder;
class SendBox;
class SendJobs;
class ShutdownGuard;

// What only the live session's window does: the panels' requests go to the
// engine, a failed bind is offered again on any free port, a failed
// recording is noticed, and closing waits for connections to close
// gracefully. A saved session's window has none of it.
class LiveControls final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveControls)
public:
    // What it acts on: the window's parts, not the window, which owns it.
    struct Parts {
        QWidget* window = nullptr; // parents the dialogs; closed once shut down
        ConnectionsModel* connections = nullptr;
        ConnectionsPanel* connectionsPanel = nullptr;
        SendBox* sendBox = nullptr;
        NoticeBanner* banner = nullptr;
        ExportAction* exportAction = nullptr;
        RecordAction* recordAction = nullptr;
    };

    // Every part must exist; the window's parent owns the controls.
    LiveControls(Engine* engine, const Parts& parts);

    // Remembers the config, so that a failed bind can be retried.
    int startListener(const ListenerConfig& config);
    // As startListener(); once it listens, the Listen dialog opens with it.
    int startListenerFromDialog(const ListenerConfig& config);
    // Remembers the config, so that the client can be connected again.
    int startClient(const ClientConfig& config);
    // As startClient(); once it shows in the list, it is selected and the
    // send box takes the keys (after Connect…, Connect again).
    int startClientAndSelect(const ClientConfig& config);
    // Call after the window's models have applied the batch.
    void observe(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    // True if the window may close now; otherwise the connections are being
    // closed and the window is closed again when they are. Asks first to
    // save a capture that no export or recording holds.
    bool allowClose();
    void setConfirmQuit(bool confirm);

private:
    // The probes' connections must not pollute the session: each is closed
    // as soon as its accept is seen, and marked as a probe.
    void closeProbes(const QList<ProbeResult>& results);
    void closeProbe(int conn);
    void connectAgain(int conn);

    Engine* m_engine = nullptr;
    Parts m_parts;
    FailureReporter* m_failures = nullptr;
    ShutdownGuard* m_shutdown = nullptr;
    QHash<int, ListenerConfig> m_fromDialog; // until they listen or fail
    QSet<quint16> m_probePorts;              // reachability probes whose accept is not seen yet
    QHash<int, ClientConfig> m_clients;      // every client started, for Connect again
    int m_selectWhenSeen = 0;                // a client to select once it shows
    SaveReminder* m_saveReminder = nullptr;
    SendJobs* m_sendJobs = nullptr; // repeats and file sends
    bool m_confirmQuit = true;
};

} // namespace sockscope
