#pragma once

#include "system/systemsnapshot.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace sockscope {

// The machine's TCP sockets, one row each, kept up to date from successive
// SystemSnapshots by diffing: a socket that appears is appended (one ranged
// insert per snapshot) and marked new; one that changes (state, queues,
// owner) gets dataChanged; one that disappears stays one more snapshot marked
// closed, then goes with ranged removes. Rows never move, so a view keeps its
// selection and scroll position while polling; sorting is a proxy's job.
// Own, new and closed rows are told apart by colour and font.
//
// A connection is identified by its address pair, so it keeps its row from
// ESTABLISHED through FIN_WAIT to TIME_WAIT, and through accept(), which is
// when it first gets an inode. Listening sockets all have the remote address
// 0.0.0.0:0 and may even share their local one (SO_REUSEPORT), so their inode
// tells them apart.
class SystemSocketsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemSocketsModel)
public:
    enum Column {
        StateColumn,
        LocalColumn,
        RemoteColumn,
        RecvQColumn, // rx_queue; for LISTEN: connections waiting to be accepted
        SendQColumn, // tx_queue: bytes sent and not yet acknowledged
        ProcessColumn,
        PidColumn,
        UidColumn,
        InodeColumn,
        ColumnCount
    };
    enum Role {
        StateRole = Qt::UserRole + 1, // int(TcpState)
        IsNewRole,                    // bool: appeared in the latest snapshot (never the first)
        IsClosedRole,                 // bool: gone from the latest snapshot; removed with the next
        IsOwnRole,                    // bool: held by this process, SockScope itself
        EphemeralPortRole,            // bool: a connection's local port is in the ephemeral range
        PidRole,                      // qint64, 0 when unknown
        InodeRole,                    // quint64
        LocalPortRole,                // int
        RemotePortRole,               // int
        SortRole                      // numbers for the number columns, else the text
    };

    explicit SystemSocketsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void applySnapshot(const sockscope::SystemSnapshot& snapshot);

    const SystemSocket& socketAt(int row) const;
    std::optional<PortRange> ephemeralPorts() const { return m_ephemeralPorts; }
    QString lastError() const { return m_lastError; } // of the latest snapshot

private:
    struct Row {
        SystemSocket socket;
        QString key;
        bool isNew = false;
        bool closed = false;
    };
    static QString keyOf(const SystemSocket& socket);
    QVariant displayData(const Row& row, int column) const;
    QVariant styleData(const Row& row, int role) const;
    bool isOwn(const SystemSocket& socket) const;
    bool hasEphemeralPort(const SystemSocket& socket) const;
    void removeGoneRows(const QHash<QString, qsizetype>& incoming);
    void emitChangedRuns(const std::vector<bool>& changed);

    std::vector<Row> m_rows;
    const qint64 m_ownPid;
    bool m_seenSnapshot = false;
    std::optional<PortRange> m_ephemeralPorts;
    QString m_lastError;
};

} // namespace sockscope
