#include "listeneractions.h"

#include "models/connectionsmodel.h"

#include <QMenu>

namespace sockscope {

void ListenerActions::addTo(QMenu* menu, const QModelIndex& row) {
    const QModelIndex first = row.siblingAtColumn(ConnectionsModel::NameColumn);
    const int listenerId = first.data(ConnectionsModel::IdRole).toInt();
    if (first.data(ConnectionsModel::AcceptPausedRole).toBool()) {
        QAction* resume = menu->addAction(tr("&Resume accepting"), this, [this, listenerId] {
            Q_EMIT resumeAcceptingRequested(listenerId);
        });
        resume->setToolTip(tr("Accept the connections waiting in the kernel's queue"));
    } else {
        QAction* pause = menu->addAction(tr("&Pause accepting"), this, [this, listenerId] {
            Q_EMIT pauseAcceptingRequested(listenerId);
        });
        pause->setToolTip(tr("Stop calling accept(): the kernel still completes connections "
                             "and queues them, up to the backlog"));
    }
    const QString local = row.siblingAtColumn(ConnectionsModel::LocalColumn).data().toString();
    menu->addAction(tr("&Who can reach this?…"), this,
                    [this, local] { Q_EMIT reachabilityRequested(local); });
}

} // namespace sockscope
