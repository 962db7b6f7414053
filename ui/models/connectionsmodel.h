#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"
#include "capture/keeppolicy.h"
#include "system/kernelsettings.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>

namespace sockscope {

class ConnectionBatch;
class ConnectionTree;
struct ConnectionNode;

// The session's sockets as a tree. Top level: one row per listener in start
// order (failed binds included), then the "Outgoing clients" group row, always
// last and always present. A listener's children are its accepted
// connections in accept order; the group's children are the outgoing clients
// in start order. Rows are only appended by applyBatch() and only removed by
// clearClosed(), each with ranged notifications, so views keep selection and
// scroll position under heavy traffic. Rows that are over (closed, failed,
// stopped) are quieter.
class ConnectionsModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsModel)
    using Node = ConnectionNode;

public:
    enum Column {
        NameColumn,
        LocalColumn,
        PeerColumn,
        StateColumn,
        BytesInColumn,
        BytesOutColumn,
        DetailColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // listener id or connection id; 0 for the group row
        RowKindRole,               // int(RowKind)
        StateRole,                 // int(State); invalid for the group row
        ClosedRole,                // bool: the row is over (closed, failed, stopped)
        StartTimeUsRole,           // qint64
        EndTimeUsRole,             // qint64; invalid while the row is not over
        ListenerIdRole,            // the listener of a listener or accepted row, else 0
        SortRole,                  // numbers for id, port and byte columns
        AcceptPausedRole,          // bool: a listener SockScope has stopped accepting on
        ReadingPausedRole,         // bool: a connection whose reading the person paused
        PairRole,                  // int: a relay leg's other leg, else 0
        TlsRole                    // int(Tls)
    };
    enum class RowKind { Listener, Accepted, OutgoingGroup, Outgoing };
    // A row's TLS, for the lock the tree shows: a TLS listener, and a
    // connection whose handshake completed, are Secured; a connection with
    // TLS is Handshaking until its handshake ends.
    enum class Tls { None, Handshaking, Secured, Failed };
    enum class State {
        Connecting,
        Listening,
        Open,
        HalfClosedByPeer,
        HalfClosedByUs,
        Closed,
        Failed,
        Stopped
    };

    // One line of a row's details: everything the row knows, for the details
    // pane, where the columns and tooltips have no room for it.
    struct Detail {
        QString label;
        QString value;
    };

    explicit ConnectionsModel(QObject* parent = nullptr);
    ~ConnectionsModel() override;

    static QString stateText(State state);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void applyBatch(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    // Removes closed and failed connections, then the stopped and failed
    // listeners left without children: a stopped listener's accepted sockets
    // live on, and hiding them would hide open sockets.
    void clearClosed();

    // A connection the window made itself to test reachability ("Who can
    // reach this?"): its row says so.
    void markProbe(int conn);
    // The window paused (or resumed) reading a connection: no event says so,
    // so the window tells the model, and the State column shows it.
    void setReadingPaused(int conn, bool paused);
    // The keep policy a listener or client was started with; ids are handed
    // out before the socket's first event, so it may come before its row.
    void setKeepPolicy(int id, const sockscope::KeepPolicy& keep);
    // The kernel's ephemeral port range, which the outgoing clients' group
    // names. Read by the window, once: data() reads no files.
    void setEphemeralPorts(const std::optional<sockscope::PortRange>& range);
    // The accepted connection whose peer is at that port, or 0.
    int acceptedFromPort(quint16 peerPort) const;

    QModelIndex indexOfConnection(int conn) const;
    QModelIndex indexOfListener(int listenerId) const;
    // What "copy address" copies: the cell's own address in the Local and Peer
    // columns; elsewhere a listener's local address and a connection's peer.
    QString endpointText(const QModelIndex& index) const;
    // Every field of the row at index (any column), labelled, for the details pane.
    QList<Detail> details(const QModelIndex& index) const;
    // Open or half-closed: bytes may still cross it.
    bool isOpenConnection(const QModelIndex& index) const;
    int openConnectionCount() const;
    int listenerCount() const; // listeners still listening

private:
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node, int column = 0) const;
    void publish(ConnectionBatch& batch);
    void removeRuns(Node* parent, bool (*removable)(const Node&));

    std::unique_ptr<ConnectionTree> m_tree;
    QHash<int, KeepPolicy> m_keepPolicies; // by listener or client id
    std::optional<PortRange> m_ephemeralPorts;
    quint64 m_batchNo = 0;
};

} // namespace sockscope
