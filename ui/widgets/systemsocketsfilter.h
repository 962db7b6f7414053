#pragma once

#include "system/systemsocket.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace sockscope {

// Narrows the machine's socket table to what a person is looking for: text
// anywhere in the row, one TCP state, or only SockScope's own sockets. Sorts
// by the model's SortRole, so that ports and queues sort as numbers.
class SystemSocketsFilter final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemSocketsFilter)
public:
    explicit SystemSocketsFilter(QObject* parent = nullptr);

    void setText(const QString& text);
    void setState(std::optional<TcpState> state); // nullopt: every state
    void setOwnOnly(bool ownOnly);

    // Explains the queue columns, whose meaning differs for LISTEN sockets.
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    std::optional<TcpState> m_state;
    bool m_ownOnly = false;
};

} // namespace sockscope
