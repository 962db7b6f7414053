#include "models/clearedconnections.h"

#include "models/connectionsmodel.h"

namespace sockscope {

ClearedConnections::ClearedConnections(ConnectionsModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model) {
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, &ClearedConnections::collect);
}

void ClearedConnections::collect(const QModelIndex& parent, int first, int last) {
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_model->index(row, 0, parent);
        const int id = index.data(ConnectionsModel::IdRole).toInt();
        switch (ConnectionsModel::RowKind(index.data(ConnectionsModel::RowKindRole).toInt())) {
        case ConnectionsModel::RowKind::Listener:
            m_listeners.insert(id);
            break;
        case ConnectionsModel::RowKind::Accepted:
        case ConnectionsModel::RowKind::Outgoing:
            m_conns.insert(id);
            break;
        case ConnectionsModel::RowKind::OutgoingGroup:
            break;
        }
        // A row's children go with it.
        if (const int children = m_model->rowCount(index); children > 0)
            collect(index, 0, children - 1);
    }
    if (!m_flushPending) {
        m_flushPending = true;
        QMetaObject::invokeMethod(this, &ClearedConnections::flush, Qt::QueuedConnection);
    }
}

void ClearedConnections::flush() {
    m_flushPending = false;
    const QSet<int> conns = std::exchange(m_conns, {});
    const QSet<int> listeners = std::exchange(m_listeners, {});
    Q_EMIT cleared(conns, listeners);
}

} // namespace sockscope
