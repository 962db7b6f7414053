#include "trafficfiltermodel.h"

#include "models/trafficmodel.h"
#include "palettecolors.h"

#include <QFontDatabase>
#include <QGuiApplication>

namespace sockscope {

TrafficFilterModel::TrafficFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent) {
}

void TrafficFilterModel::setConnection(int conn) {
    if (conn == m_conn)
        return;
    m_conn = conn;
    invalidateRowsFilter();
}

QVariant TrafficFilterModel::data(const QModelIndex& index, int role) const {
    const auto dir = [&] {
        return Direction(index.data(TrafficModel::DirectionRole).toInt());
    };
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == TrafficModel::DirectionColumn)
            return dir() == Direction::Out ? tr("→ out") : tr("← in");
        break;
    case Qt::ToolTipRole:
        if (index.column() == TrafficModel::DirectionColumn) {
            return dir() == Direction::Out ? tr("Sent by SockScope to the peer")
                                           : tr("Received by SockScope from the peer");
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == TrafficModel::DirectionColumn)
            return directionForeground(QGuiApplication::palette(), dir());
        break;
    case Qt::BackgroundRole:
        return directionBackground(QGuiApplication::palette(), dir());
    case Qt::FontRole:
        if (index.column() == TrafficModel::PreviewColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        break;
    default:
        break;
    }
    return QSortFilterProxyModel::data(index, role);
}

bool TrafficFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_conn == 0)
        return true;
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    return row.data(TrafficModel::ConnRole).toInt() == m_conn;
}

} // namespace sockscope
