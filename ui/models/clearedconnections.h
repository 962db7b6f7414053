#pragma once

#include <QObject>
#include <QSet>

class QModelIndex;

namespace sockscope {

class ConnectionsModel;

// Which connections and listeners left the connections list (Clear closed,
// from the menu, the toolbar or the list's own context menu), told once the
// removal is over, so that the traffic table and the event log can drop
// theirs in one pass rather than one per removed run of rows.
class ClearedConnections final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClearedConnections)
public:
    explicit ClearedConnections(ConnectionsModel* model, QObject* parent = nullptr);

Q_SIGNALS:
    void cleared(const QSet<int>& conns, const QSet<int>& listeners);

private:
    void collect(const QModelIndex& parent, int first, int last);
    void flush();

    ConnectionsModel* m_model = nullptr;
    QSet<int> m_conns;
    QSet<int> m_listeners;
    bool m_flushPending = false;
};

} // namespace sockscope
