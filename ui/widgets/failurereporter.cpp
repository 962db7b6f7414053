#include "failurereporter.h"

#include "models/connectionsmodel.h"
#include "noticebanner.h"

namespace sockscope {

FailureReporter::FailureReporter(const ConnectionsModel* connections, NoticeBanner* banner,
                                 QObject* parent)
    : QObject(parent)
    , m_connections(connections)
    , m_banner(banner) {
    connect(banner, &NoticeBanner::actionTriggered, this, [this] {
        ListenerConfig config = m_listenerConfigs.value(m_retryListener);
        config.port = 0;
        Q_EMIT retryRequested(config);
    });
}

void FailureReporter::rememberListener(int listenerId, const ListenerConfig& config) {
    m_listenerConfigs.insert(listenerId, config);
}

void FailureReporter::report(const EventBatch& events) {
    using State = ConnectionsModel::State;
    for (const CaptureEvent& event : events) {
        // A failure shown here is old news once a listener binds or a client
        // connects: the person has moved on (often by fixing it).
        const bool success = event.kind == EventKind::Listen || event.kind == EventKind::Connected;
        if (success && m_showingFailure && m_banner->message() == m_shownMessage) {
            m_banner->hide();
            m_showingFailure = false;
        }
        if (event.kind != EventKind::Error)
            continue;
        if (event.conn == 0 && event.listener != 0) {
            // Port 0 cures both a taken port and a privileged one.
            const bool canRetry =
                m_listenerConfigs.contains(event.listener) &&
                (event.error == ErrorCode::InUse || event.error == ErrorCode::Privileged);
            m_retryListener = event.listener;
            show(event.message, canRetry ? tr("Use any free port") : QString());
            continue;
        }
        // Only failed connects: a reset on an established connection is
        // routine for this tool and stays in the log and the row.
        const QModelIndex row = m_connections->indexOfConnection(event.conn);
        if (row.isValid() &&
            State(row.data(ConnectionsModel::StateRole).toInt()) == State::Failed &&
            !row.data(ConnectionsModel::ListenerIdRole).toInt()) {
            show(event.message);
        }
    }
}

void FailureReporter::show(const QString& message, const QString& actionText) {
    m_banner->showNotice(message, actionText);
    m_shownMessage = message;
    m_showingFailure = true;
}

} // namespace sockscope
