#pragma once

#include <QObject>

class QMenu;
class QModelIndex;

namespace sockscope {

// The context menu's actions for a listening listener that show the HOWTO's
// server side at work: pausing accept() to watch the backlog fill, and
// probing which of the machine's addresses reach the bound address.
class ListenerActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenerActions)
public:
    using QObject::QObject;

    // row: a listener row of ConnectionsModel (or a proxy of it) that listens.
    void addTo(QMenu* menu, const QModelIndex& row);

Q_SIGNALS:
    void pauseAcceptingRequested(int listenerId);
    void resumeAcceptingRequested(int listenerId);
    // local: the listener's bound address, e.g. "127.0.0.1:5000" or "[::]:5000".
    void reachabilityRequested(const QString& local);
};

} // namespace sockscope
