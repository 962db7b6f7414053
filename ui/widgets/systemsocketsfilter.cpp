#include "systemsocketsfilter.h"

#include "models/systemsocketsmodel.h"

namespace sockscope {

SystemSocketsFilter::SystemSocketsFilter(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(SystemSocketsModel::SortRole);
}

void SystemSocketsFilter::setText(const QString& text) {
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void SystemSocketsFilter::setState(std::optional<TcpState> state) {
    m_state = state;
    invalidateRowsFilter();
}

void SystemSocketsFilter::setOwnOnly(bool ownOnly) {
    m_ownOnly = ownOnly;
    invalidateRowsFilter();
}

QVariant SystemSocketsFilter::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == SystemSocketsModel::RecvQColumn) {
            return tr("Connection: bytes received and not yet read by the program.\n"
                      "LISTEN socket: the accept queue, connections the kernel completed "
                      "that the program has not accepted yet.");
        }
        if (section == SystemSocketsModel::SendQColumn) {
            return tr("Connection: bytes sent and not yet acknowledged by the peer "
                      "(a SYN_SENT socket counts its SYN).\n"
                      "LISTEN socket: the backlog, the most connections the accept queue "
                      "holds (/proc shows 0 here).");
        }
    }
    return QSortFilterProxyModel::headerData(section, orientation, role);
}

bool SystemSocketsFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QAbstractItemModel* model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (m_ownOnly && !first.data(SystemSocketsModel::IsOwnRole).toBool())
        return false;
    if (m_state && first.data(SystemSocketsModel::StateRole).toInt() != int(*m_state))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(sourceParent); ++column) {
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace sockscope
