#pragma once

#include "base/captureevent.h"
#include "engine/config.h"

#include <QHash>
#include <QObject>

namespace sockscope {

class ConnectionsModel;
class NoticeBanner;

// Failures that arrive after the dialog that caused them has closed (a bind
// that fails, a connect that is refused) go to the notice banner, with a
// one-click fix where there is an obvious one.
class FailureReporter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailureReporter)
public:
    FailureReporter(const ConnectionsModel* connections, NoticeBanner* banner,
                    QObject* parent = nullptr);

    // Listeners whose config is known can be retried on another port.
    void rememberListener(int listenerId, const ListenerConfig& config);
    // Call after the connections model has applied the same batch.
    void report(const sockscope::EventBatch& events);

Q_SIGNALS:
    void retryRequested(const sockscope::ListenerConfig& config);

private:
    void show(const QString& message, const QString& actionText = {});

    const ConnectionsModel* m_connections = nullptr;
    NoticeBanner* m_banner = nullptr;
    QHash<int, ListenerConfig> m_listenerConfigs;
    int m_retryListener = 0;
    // The failure this reporter put up, so that a later success takes down
    // only its own notice, not another one (a failed recording).
    QString m_shownMessage;
    bool m_showingFailure = false;
};

} // namespace sockscope
