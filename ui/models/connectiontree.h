#pragma once

#include "base/connectionending.h"
#include "base/tlssummary.h"
#include "models/connectionsmodel.h"

#include <QHash>
#include <QSet>

#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace sockscope {

// One row of the connections tree: a listener, a connection or the group row.
struct ConnectionNode {
    using RowKind = ConnectionsModel::RowKind;
    using State = ConnectionsModel::State;
    using Tls = ConnectionsModel::Tls;
    static constexpr int kNoStaleRows = std::numeric_limits<int>::max();

    RowKind kind = RowKind::Listener;
    int id = 0;
    int listenerId = 0;
    ConnectionNode* parent = nullptr;
    std::vector<std::unique_ptr<ConnectionNode>> children;
    // Rows are renumbered lazily after removals: children from staleFrom on
    // may hold old row numbers (see ConnectionTree::rowOf()).
    mutable int row = 0;
    mutable int staleFrom = kNoStaleRows;

    State state = State::Open;
    SocketAddress local;
    SocketAddress peer; // outgoing: none until connected
    QString target;     // outgoing: the host:port as typed
    // A relay leg: the other connection of its pair (0: none). The upstream
    // leg is shown as the child of the client's leg it serves.
    int pair = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 startUs = 0;
    qint64 endUs = 0;
    bool startSeen = true; // false when the first event we saw was not its start
    int backlog = 0;
    QString responder;
    int started = 0;                    // listener: connections accepted; group: clients started
    std::optional<ListenerQueue> queue; // listener: while it listens in a live session
    ConnectionEnding ending;            // connection: its FINs and close, as seen
    ErrorCode error = ErrorCode::None;
    QString message;
    bool probe = false; // made by the window to test reachability
    qint64 droppedBytes = 0;
    qint64 droppedEvents = 0;
    QString dropReason;         // the Drop event's why: evicted, not kept, and their bytes
    bool readingPaused = false; // the person paused reading it (TCP flow control holds the peer)
    Tls tls = Tls::None;
    // A connection's handshake as it ended; a TLS listener's own certificate.
    std::shared_ptr<const TlsSummary> tlsSummary;

    // The batch that created this node (its insertion announces it) and the
    // last batch that already queued it for dataChanged.
    quint64 createdIn = 0;
    quint64 touchedIn = 0;

    QString localText() const { return local.toString(); }
    // An outgoing client is shown by its target until it is connected.
    QString peerText() const { return peer.isNull() ? target : peer.toString(); }

    bool isConnection() const { return kind == RowKind::Accepted || kind == RowKind::Outgoing; }
    // Open or half-closed: bytes may still cross it.
    bool isOpen() const {
        return state == State::Open || state == State::HalfClosedByPeer ||
               state == State::HalfClosedByUs;
    }
    // Closed, failed or stopped.
    bool isOver() const {
        return state == State::Closed || state == State::Failed || state == State::Stopped;
    }
};

// The nodes behind ConnectionsModel and their bookkeeping: lookup by id, row
// numbers, the open and listening counts, and the ids of removed rows. The
// root's children are the listeners; the group row follows them, so it is
// always the root's last row. It sends no notifications: the model announces
// each change around the call that makes it.
class ConnectionTree final {
    Q_DISABLE_COPY_MOVE(ConnectionTree)
public:
    using Node = ConnectionNode;

    ConnectionTree();
    ~ConnectionTree();

    Node* root() const { return m_root.get(); }
    Node* group() const { return m_group.get(); }
    Node* listener(int id) const { return m_listenerById.value(id); }
    Node* connection(int id) const { return m_connById.value(id); }
    const QHash<int, Node*>& listeners() const { return m_listenerById; }
    // Removed rows: a late event for them must not bring them back as rows of
    // unknown origin.
    bool wasRemoved(int id) const { return m_removed.contains(id); }

    int rowOf(const Node* node) const;
    int childCount(const Node* parent) const;
    Node* child(const Node* parent, int row) const;

    // Makes a new node findable and counted before it has a row: a batch may
    // hold it back to insert it with its siblings.
    void track(Node& node);
    void append(Node* parent, std::unique_ptr<Node> node);
    // Removes the children first..last of parent, and their children.
    void remove(Node* parent, int first, int last);
    void setState(Node& node, ConnectionsModel::State state);

    int openConnectionCount() const { return m_openConnections; }
    int listenerCount() const { return m_activeListeners; } // listeners still listening

private:
    void count(const Node& node, int delta);
    void forget(const Node& node);

    std::unique_ptr<Node> m_root;
    std::unique_ptr<Node> m_group;
    QHash<int, Node*> m_listenerById;
    QHash<int, Node*> m_connById;
    QSet<int> m_removed;
    int m_openConnections = 0;
    int m_activeListeners = 0;
};

} // namespace sockscope
