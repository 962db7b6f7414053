#pragma once

#include <QSortFilterProxyModel>

namespace sockscope {

// The traffic table's view of TrafficModel: one connection's chunks or all
// of them, with each chunk's direction shown by colour and arrow.
class TrafficFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficFilterModel)
public:
    explicit TrafficFilterModel(QObject* parent = nullptr);

    // 0 shows every connection.
    void setConnection(int conn);
    int connection() const { return m_conn; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_conn = 0;
};

} // namespace sockscope
