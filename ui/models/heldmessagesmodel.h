#pragma once

#include "base/captureevent.h"

#include <QAbstractTableModel>
#include <QSet>

#include <list>
#include <vector>

namespace sockscope {

// The messages a relay pair's holds keep, one row each, in the order they
// arrived, rebuilt from the session's Intercept events: Held adds a row,
// Edited changes it, Released and Dropped take it away. Shows one pair at a
// time (setPair); remembers every pair's, so that selecting another pair
// shows what waits there.
class HeldMessagesModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeldMessagesModel)
public:
    enum Column { NumberColumn, DirectionColumn, SizeColumn, MessageColumn, ColumnCount };

    struct Held {
        int conn = 0; // the leg it arrived on
        int message = 0;
        QByteArray payload;
        bool edited = false;
    };

    explicit HeldMessagesModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void applyBatch(const sockscope::EventBatch& events);
    // client: the accepted leg, upstream: the leg SockScope opened; 0, 0: none.
    void setPair(int client, int upstream);
    const Held& heldAt(int row) const { return *m_shown[std::size_t(row)]; }
    bool isHolding(int conn) const { return m_holding.contains(conn); }

Q_SIGNALS:
    // Holding started or stopped on a leg of the shown pair.
    void holdingChanged();

private:
    void showPair();
    void collectShown();

    // Every pair's, in arrival order; a list, so that what m_shown points
    // to stays put while another pair's messages come and go.
    std::list<Held> m_held;
    std::vector<const Held*> m_shown;
    QSet<int> m_holding; // legs whose direction is held
    int m_client = 0;
    int m_upstream = 0;
};

} // namespace sockscope
