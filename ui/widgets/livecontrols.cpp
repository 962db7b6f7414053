#include "livecontrols.h"

#include "bindprobedialog.h"
#include "connectionspanel.h"
#include "engine/engine.h"
#include "failurereporter.h"
#include "listeneractions.h"
#include "listenerdialog.h"
#include "models/connectionsmodel.h"
#include "noticebanner.h"
#include "recordaction.h"
#include "savereminder.h"
#include "sendbox.h"
#include "sendjobs.h"
#include "shutdownguard.h"

namespace sockscope {

LiveControls::LiveControls(Engine* engine, const Parts& parts)
    : QObject(parts.window)
    , m_engine(engine)
    , m_parts(parts)
    , m_failures(new FailureReporter(parts.connections, parts.banner, this))
    , m_shutdown(new ShutdownGuard(engine, parts.window))
    , m_saveReminder(new SaveReminder(parts.exportAction, parts.window))
    , m_sendJobs(new SendJobs(parts.sendBox, this)) {
    QWidget* window = parts.window;
    ConnectionsPanel* panel = parts.connectionsPanel;
    SendBox* sendBox = parts.sendBox;
    connect(panel, &ConnectionsPanel::sendRequested, this, [panel, sendBox](int conn) {
        panel->selectConnection(conn);
        sendBox->focusInput();
    });
    connect(panel, &ConnectionsPanel::halfCloseRequested, engine, &Engine::halfClose);
    connect(panel, &ConnectionsPanel::closeRequested, engine, &Engine::close);
    connect(panel, &ConnectionsPanel::abortRequested, engine, &Engine::abort);
    connect(panel, &ConnectionsPanel::connectAgainRequested, this, &LiveControls::connectAgain);
    connect(panel, &ConnectionsPanel::readingPausedRequested, engine, &Engine::setReadingPaused);
    connect(panel, &ConnectionsPanel::stopListenerRequested, engine, &Engine::stopListener);
    ListenerActions* listenerActions = panel->listenerActions();
    connect(listenerActions, &ListenerActions::pauseAcceptingRequested, engine,
            &Engine::pauseAccepting);
    connect(listenerActions, &ListenerActions::resumeAcceptingRequested, engine,
            &Engine::resumeAccepting);
    connect(listenerActions, &ListenerActions::reachabilityRequested, this,
            [this, window](const QString& local) {
                auto* dialog = new BindProbeDialog(local, window);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &BindProbeDialog::probed, this, &LiveControls::closeProbes);
                dialog->open();
            });
    connect(sendBox, &SendBox::sendRequested, engine, &Engine::send);
    connect(m_sendJobs, &SendJobs::sendRequested, engine, &Engine::send);
    connect(sendBox, &SendBox::halfCloseRequested, engine, &Engine::halfClose);
    connect(sendBox, &SendBox::closeRequested, engine, &Engine::close);
    connect(sendBox, &SendBox::abortRequested, engine, &Engine::abort);
    connect(m_failures, &FailureReporter::retryRequested, this, &LiveControls::startListener);
    connect(parts.recordAction, &RecordAction::failed, this,
            [banner = parts.banner](const QString& message) {
                banner->showNotice(tr("Recording stopped: %1").arg(message));
            });
    connect(m_shutdown, &ShutdownGuard::readyToClose, window, &QWidget::close);
}

int LiveControls::startListener(const ListenerConfig& config) {
    const int id = m_engine->startListener(config);
    m_failures->rememberListener(id, config);
    m_parts.connections->setKeepPolicy(id, config.keep);
    return id;
}

int LiveControls::startListenerFromDialog(const ListenerConfig& config) {
    const int id = startListener(config);
    m_fromDialog.insert(id, config);
    return id;
}

int LiveControls::startClient(const ClientConfig& config) {
    const int id = m_engine->startClient(config);
    m_clients.insert(id, config);
    m_parts.connections->setKeepPolicy(id, config.keep);
    return id;
}

void LiveControls::connectAgain(int conn) {
    const auto config = m_clients.constFind(conn);
    if (config == m_clients.cend()) {
        m_parts.banner->showNotice(
            tr("Connection #%1 cannot be connected again: it was not started in this window.")
                .arg(conn));
        return;
    }
    startClientAndSelect(*config);
}

int LiveControls::startClientAndSelect(const ClientConfig& config) {
    m_selectWhenSeen = startClient(config);
    return m_selectWhenSeen;
}

void LiveControls::closeProbes(const QList<ProbeResult>& results) {
    for (const ProbeResult& result : results) {
        if (result.outcome != ProbeResult::Outcome::Reachable)
            continue;
        if (const int conn = m_parts.connections->acceptedFromPort(result.probePort))
            closeProbe(conn);
        else
            m_probePorts.insert(result.probePort); // its accept is still on its way
    }
}

void LiveControls::closeProbe(int conn) {
    m_parts.connections->markProbe(conn);
    m_engine->close(conn);
}

void LiveControls::observe(const EventBatch& events, const SessionStats& stats) {
    for (const CaptureEvent& e : events) {
        if (e.kind == EventKind::Accept && m_probePorts.remove(e.peer.port()))
            closeProbe(e.conn); // the model has applied this batch already
        const bool listenerOutcome =
            e.conn == 0 && (e.kind == EventKind::Listen || e.kind == EventKind::Error);
        if (!listenerOutcome || !m_fromDialog.contains(e.listener))
            continue;
        const ListenerConfig config = m_fromDialog.take(e.listener);
        if (e.kind == EventKind::Listen)
            ListenerDialog::rememberWorking(config);
    }
    if (m_selectWhenSeen && m_parts.connections->indexOfConnection(m_selectWhenSeen).isValid()) {
        m_parts.connectionsPanel->selectConnection(m_selectWhenSeen);
        m_selectWhenSeen = 0;
        // The guide's promise: after Connect…, type right away.
        m_parts.sendBox->focusInput();
    }
    m_failures->report(events);
    m_parts.recordAction->observe(events, stats);
    m_saveReminder->observe(events, stats);
    m_sendJobs->observe(events);
}

bool LiveControls::allowClose() {
    const int open = m_parts.connections->openConnectionCount();
    // Asked once: the window closes again when the connections have closed.
    const bool askToSave =
        m_confirmQuit && !m_shutdown->isClosing() && m_saveReminder->hasUnsaved();
    if (askToSave && !m_saveReminder->confirmQuit(open))
        return false;
    return m_shutdown->allowClose(open, askToSave);
}

void LiveControls::setConfirmQuit(bool confirm) {
    m_confirmQuit = confirm;
    m_shutdown->setConfirm(confirm);
}

} // namespace sockscope
