#include "models/connectionsmodel.h"

#include "models/byteformat.h"
#include "sysinfo/kernelsettings.h"

#include <QLocale>

#include <limits>
#include <vector>

namespace sockscope {

namespace {

constexpr int kNoStaleRows = std::numeric_limits<int>::max();

int portOf(const QString& endpoint) {
    const qsizetype colon = endpoint.lastIndexOf(u':');
    if (colon < 0)
        return -1;
    bool ok = false;
    const int port = QStringView(endpoint).sliced(colon + 1).toInt(&ok);
    return ok ? port : -1;
}

bool isOpenState(ConnectionsModel::State state) {
    using State = ConnectionsModel::State;
    return state == State::Open || state == State::HalfClosedByPeer ||
           state == State::HalfClosedByUs;
}

bool isConnection(ConnectionsModel::RowKind kind) {
    using RowKind = ConnectionsModel::RowKind;
    return kind == RowKind::Accepted || kind == RowKind::Outgoing;
}

QString joined(const QStringList& parts) {
    QStringList kept;
    for (const QString& part : parts) {
        if (!part.isEmpty())
            kept += part;
    }
    return kept.join(QStringLiteral(" · "));
}

} // namespace

struct ConnectionsModel::Node {
    RowKind kind = RowKind::Listener;
    int id = 0;
    int listenerId = 0;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    // Rows are renumbered lazily after removals: children from staleFrom on
    // may hold old row numbers (see rowOf()).
    mutable int row = 0;
    mutable int staleFrom = kNoStaleRows;

    State state = State::Open;
    QString local;
    QString peer;
    QString target; // outgoing: the host:port as typed
    int localPort = -1;
    int peerPort = -1;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 startUs = 0;
    qint64 endUs = 0;
    bool startSeen = true; // false when the first event we saw was not its start
    int backlog = 0;
    QString responder;
    int started = 0;                    // listener: connections accepted; group: clients started
    std::optional<ListenerQueue> queue; // listener: while it listens in a live session
    Closer closedBy = Closer::None;
    QString error;
    QString message;
    qint64 droppedBytes = 0;
    qint64 droppedEvents = 0;

    // The batch that created this node (its insertion announces it) and the
    // last batch that already queued it for dataChanged.
    quint64 createdIn = 0;
    quint64 touchedIn = 0;
};

struct ConnectionsModel::BatchState {
    // New rows of existing parents, held back so that each parent gets one
    // ranged insertion per batch.
    std::vector<std::pair<Node*, std::vector<std::unique_ptr<Node>>>> pending;
    QHash<Node*, std::size_t> pendingOf;
    std::vector<Node*> touched;
};

ConnectionsModel::ConnectionsModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_group(std::make_unique<Node>()) {
    m_group->kind = RowKind::OutgoingGroup;
    m_group->parent = m_root.get();
}

ConnectionsModel::~ConnectionsModel() = default;

QString ConnectionsModel::stateText(State state) {
    switch (state) {
    case State::Connecting:
        return tr("Connecting");
    case State::Listening:
        return tr("Listening");
    case State::Open:
        return tr("Open");
    case State::HalfClosedByPeer:
        return tr("Half-closed by peer");
    case State::HalfClosedByUs:
        return tr("Half-closed by us");
    case State::Closed:
        return tr("Closed");
    case State::Failed:
        return tr("Failed");
    case State::Stopped:
        return tr("Stopped");
    }
    return {};
}

// --- tree structure -------------------------------------------------------

ConnectionsModel::Node* ConnectionsModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

int ConnectionsModel::rowOf(const Node* node) const {
    if (node == m_group.get())
        return int(m_root->children.size());
    const Node* parent = node->parent;
    if (node->row >= parent->staleFrom) {
        for (std::size_t i = std::size_t(parent->staleFrom); i < parent->children.size(); ++i)
            parent->children[i]->row = int(i);
        parent->staleFrom = kNoStaleRows;
    }
    return node->row;
}

QModelIndex ConnectionsModel::indexOf(const Node* node, int column) const {
    if (node == nullptr || node == m_root.get())
        return {};
    return createIndex(rowOf(node), column, node);
}

QModelIndex ConnectionsModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    const Node* p = nodeOf(parent);
    if (p == m_root.get() && std::size_t(row) == m_root->children.size())
        return createIndex(row, column, m_group.get());
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex ConnectionsModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const Node* node = nodeOf(child);
    return node->parent == m_root.get() ? QModelIndex() : indexOf(node->parent);
}

int ConnectionsModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0)
        return 0;
    const Node* node = nodeOf(parent);
    if (node == m_root.get())
        return int(node->children.size()) + 1;
    return int(node->children.size());
}

int ConnectionsModel::columnCount(const QModelIndex& parent) const {
    return parent.column() > 0 ? 0 : ColumnCount;
}

// --- data -----------------------------------------------------------------

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case LocalColumn:
        return tr("Local");
    case PeerColumn:
        return tr("Peer");
    case StateColumn:
        return tr("State");
    case BytesInColumn:
        return tr("Bytes in");
    case BytesOutColumn:
        return tr("Bytes out");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

QVariant ConnectionsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = *nodeOf(index);
    const bool group = node.kind == RowKind::OutgoingGroup;
    const bool over =
        node.state == State::Closed || node.state == State::Failed || node.state == State::Stopped;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::ToolTipRole:
        if (isConnection(node.kind) &&
            (index.column() == BytesInColumn || index.column() == BytesOutColumn)) {
            const qint64 bytes = index.column() == BytesInColumn ? node.bytesIn : node.bytesOut;
            return tr("%1 bytes").arg(QLocale().toString(bytes));
        }
        if (index.column() == DetailColumn)
            return detailText(node);
        if (group && index.column() == NameColumn)
            return groupToolTip();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == BytesInColumn || index.column() == BytesOutColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return node.id;
    case RowKindRole:
        return int(node.kind);
    case StateRole:
        return group ? QVariant() : QVariant(int(node.state));
    case ClosedRole:
        return !group && over;
    case StartTimeUsRole:
        return group ? QVariant() : QVariant(node.startUs);
    case EndTimeUsRole:
        return group || !over ? QVariant() : QVariant(node.endUs);
    case ListenerIdRole:
        return node.listenerId;
    case SortRole:
        return sortData(node, index.column());
    case AcceptPausedRole:
        return node.queue && node.queue->paused;
    }
    return {};
}

QVariant ConnectionsModel::displayData(const Node& node, int column) const {
    switch (node.kind) {
    case RowKind::OutgoingGroup:
        if (column == NameColumn)
            return tr("Outgoing clients");
        if (column == DetailColumn)
            return detailText(node);
        return {};
    case RowKind::Listener:
        switch (column) {
        case NameColumn:
            return tr("Listener #%1").arg(node.id);
        case LocalColumn:
            return node.local;
        case StateColumn:
            return stateText(node.state);
        case DetailColumn:
            return detailText(node);
        }
        return {};
    case RowKind::Accepted:
    case RowKind::Outgoing:
        break;
    }
    switch (column) {
    case NameColumn:
        return QStringLiteral("#%1").arg(node.id);
    case LocalColumn:
        return node.local;
    case PeerColumn:
        return node.peer;
    case StateColumn:
        return stateText(node.state);
    case BytesInColumn:
        return formatBytes(node.bytesIn);
    case BytesOutColumn:
        return formatBytes(node.bytesOut);
    case DetailColumn:
        return detailText(node);
    }
    return {};
}

QVariant ConnectionsModel::sortData(const Node& node, int column) const {
    switch (column) {
    case NameColumn:
        // The group sorts after every listener in ascending order.
        return node.kind == RowKind::OutgoingGroup ? std::numeric_limits<int>::max() : node.id;
    case LocalColumn:
        return node.localPort;
    case PeerColumn:
        return node.peerPort;
    case StateColumn:
        return node.kind == RowKind::OutgoingGroup ? -1 : int(node.state);
    case BytesInColumn:
        return node.bytesIn;
    case BytesOutColumn:
        return node.bytesOut;
    case DetailColumn:
        return detailText(node);
    }
    return {};
}

QString ConnectionsModel::detailText(const Node& node) const {
    const QString unseen = node.startSeen ? QString() : tr("start not captured");
    switch (node.kind) {
    case RowKind::OutgoingGroup:
        return tr("%1 started").arg(node.started);
    case RowKind::Listener:
        if (node.state == State::Failed)
            return node.message.isEmpty() ? node.error : node.message;
        if (node.queue)
            return joined({unseen, queueText(*node.queue), node.responder,
                           tr("%1 accepted").arg(node.started)});
        return joined({unseen, node.backlog > 0 ? tr("backlog %1").arg(node.backlog) : QString(),
                       node.responder, tr("%1 accepted").arg(node.started)});
    case RowKind::Accepted:
    case RowKind::Outgoing:
        break;
    }
    QString status;
    switch (node.state) {
    case State::Failed:
        status = node.message.isEmpty() ? node.error : node.message;
        break;
    case State::Closed:
        status = node.closedBy == Closer::Peer    ? tr("closed by peer")
                 : node.closedBy == Closer::Local ? tr("closed by us")
                                                  : tr("closed");
        break;
    case State::HalfClosedByPeer:
        status = tr("peer shut down its sending side");
        break;
    case State::HalfClosedByUs:
        status = tr("we shut down our sending side");
        break;
    default:
        break;
    }
    const QString target = !node.target.isEmpty() && node.target != node.peer
                               ? tr("to %1").arg(node.target)
                               : QString();
    const QString dropped = node.droppedEvents > 0 ? tr("%1 in %2 events dropped from the capture")
                                                         .arg(formatBytes(node.droppedBytes))
                                                         .arg(node.droppedEvents)
                                                   : QString();
    return joined({status, unseen, target, dropped});
}

// --- queries --------------------------------------------------------------

QModelIndex ConnectionsModel::indexOfConnection(int conn) const {
    return indexOf(m_connById.value(conn));
}

QModelIndex ConnectionsModel::indexOfListener(int listenerId) const {
    return indexOf(m_listenerById.value(listenerId));
}

QString ConnectionsModel::endpointText(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = *nodeOf(index);
    if (node.kind == RowKind::OutgoingGroup)
        return {};
    if (index.column() == LocalColumn)
        return node.local;
    if (index.column() == PeerColumn || isConnection(node.kind))
        return node.peer;
    return node.local;
}

bool ConnectionsModel::isOpenConnection(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    const Node& node = *nodeOf(index);
    return isConnection(node.kind) && isOpenState(node.state);
}

int ConnectionsModel::openConnectionCount() const {
    return m_openConnections;
}

int ConnectionsModel::listenerCount() const {
    return m_activeListeners;
}

// --- updates --------------------------------------------------------------

void ConnectionsModel::count(const Node& node, int delta) {
    if (isConnection(node.kind) && isOpenState(node.state))
        m_openConnections += delta;
    else if (node.kind == RowKind::Listener && node.state == State::Listening)
        m_activeListeners += delta;
}

void ConnectionsModel::setState(Node& node, State state) {
    count(node, -1);
    node.state = state;
    count(node, +1);
}

ConnectionsModel::Node* ConnectionsModel::addNode(Node* parent, std::unique_ptr<Node> node,
                                                  BatchState& batch) {
    Node* raw = node.get();
    raw->parent = parent;
    raw->createdIn = m_batchNo;
    count(*raw, +1);
    (isConnection(raw->kind) ? m_connById : m_listenerById).insert(raw->id, raw);
    if (parent->createdIn == m_batchNo) {
        // The parent itself is still unannounced; its insertion carries this row.
        raw->row = int(parent->children.size());
        parent->children.push_back(std::move(node));
        return raw;
    }
    auto it = batch.pendingOf.find(parent);
    if (it == batch.pendingOf.end()) {
        it = batch.pendingOf.insert(parent, batch.pending.size());
        batch.pending.emplace_back(parent, std::vector<std::unique_ptr<Node>>());
    }
    batch.pending[*it].second.push_back(std::move(node));
    return raw;
}

void ConnectionsModel::touch(Node* node, BatchState& batch) {
    if (node->createdIn == m_batchNo || node->touchedIn == m_batchNo)
        return;
    node->touchedIn = m_batchNo;
    batch.touched.push_back(node);
}

ConnectionsModel::Node* ConnectionsModel::listenerNode(int id, BatchState& batch) {
    if (Node* found = m_listenerById.value(id))
        return found;
    if (m_cleared.contains(id))
        return nullptr;
    auto node = std::make_unique<Node>();
    node->kind = RowKind::Listener;
    node->id = id;
    node->listenerId = id;
    node->state = State::Listening;
    node->startSeen = false;
    return addNode(m_root.get(), std::move(node), batch);
}

ConnectionsModel::Node* ConnectionsModel::connectionNode(const CaptureEvent& e, BatchState& batch) {
    if (Node* found = m_connById.value(e.conn))
        return found;
    if (m_cleared.contains(e.conn))
        return nullptr;
    // Its Accept or Connect is gone (an import of a trimmed capture): show it
    // among the clients rather than lose its traffic totals.
    auto node = std::make_unique<Node>();
    node->kind = RowKind::Outgoing;
    node->id = e.conn;
    node->state = State::Open;
    node->startUs = e.timeUs;
    node->startSeen = false;
    ++m_group->started;
    touch(m_group.get(), batch);
    return addNode(m_group.get(), std::move(node), batch);
}

void ConnectionsModel::apply(const CaptureEvent& e, BatchState& batch) {
    const bool aboutListener = e.conn == 0 && e.listener != 0;
    switch (e.kind) {
    case EventKind::Listen:
        if (Node* l = listenerNode(e.listener, batch)) {
            l->local = e.local;
            l->localPort = portOf(e.local);
            l->backlog = e.backlog;
            l->responder = e.message;
            l->startUs = e.timeUs;
            l->startSeen = true;
            setState(*l, State::Listening);
            touch(l, batch);
        }
        return;
    case EventKind::Accept:
    case EventKind::Connect: {
        if (m_connById.contains(e.conn) || m_cleared.contains(e.conn))
            return;
        const bool accepted = e.kind == EventKind::Accept;
        Node* parent = accepted ? listenerNode(e.listener, batch) : m_group.get();
        if (parent == nullptr)
            return;
        ++parent->started;
        touch(parent, batch);
        auto node = std::make_unique<Node>();
        node->kind = accepted ? RowKind::Accepted : RowKind::Outgoing;
        node->id = e.conn;
        node->listenerId = accepted ? e.listener : 0;
        node->state = accepted ? State::Open : State::Connecting;
        node->local = e.local;
        node->localPort = portOf(e.local);
        node->peer = e.peer;
        node->peerPort = portOf(e.peer);
        node->target = accepted ? QString() : e.peer;
        node->startUs = e.timeUs;
        addNode(parent, std::move(node), batch);
        return;
    }
    case EventKind::Close:
    case EventKind::Error:
        if (aboutListener) {
            if (Node* l = listenerNode(e.listener, batch)) {
                if (l->state != State::Failed)
                    setState(*l, e.kind == EventKind::Error ? State::Failed : State::Stopped);
                if (l->local.isEmpty()) {
                    l->local = e.local;
                    l->localPort = portOf(e.local);
                }
                if (e.kind == EventKind::Error) {
                    l->error = e.error;
                    l->message = e.message;
                }
                l->endUs = e.timeUs;
                touch(l, batch);
            }
            return;
        }
        break;
    default:
        break;
    }
    if (e.conn == 0)
        return;
    Node* c = connectionNode(e, batch);
    if (c == nullptr)
        return;
    touch(c, batch);
    switch (e.kind) {
    case EventKind::Connected:
        c->local = e.local;
        c->localPort = portOf(e.local);
        if (!e.peer.isEmpty()) {
            c->peer = e.peer;
            c->peerPort = portOf(e.peer);
        }
        setState(*c, State::Open);
        return;
    case EventKind::Data:
        (e.dir == Direction::Out ? c->bytesOut : c->bytesIn) += e.size;
        return;
    case EventKind::HalfClose:
        if (isOpenState(c->state))
            setState(*c, e.by == Closer::Peer ? State::HalfClosedByPeer : State::HalfClosedByUs);
        return;
    case EventKind::Close:
        // An error already told why it ended; the close that follows adds nothing.
        if (c->state != State::Failed)
            setState(*c, State::Closed);
        c->closedBy = e.by;
        c->endUs = e.timeUs;
        return;
    case EventKind::Error:
        setState(*c, State::Failed);
        c->error = e.error;
        c->message = e.message;
        c->endUs = e.timeUs;
        return;
    case EventKind::Drop:
        c->droppedBytes += e.size;
        c->droppedEvents += e.count;
        return;
    default:
        return;
    }
}

void ConnectionsModel::publish(BatchState& batch) {
    for (auto& [parent, nodes] : batch.pending) {
        const int first = rowCount(indexOf(parent));
        const int last = first + int(nodes.size()) - 1;
        // The group row stays last: new listeners go in before it.
        beginInsertRows(indexOf(parent), parent == m_root.get() ? first - 1 : first,
                        parent == m_root.get() ? last - 1 : last);
        for (auto& node : nodes) {
            node->row = int(parent->children.size());
            parent->children.push_back(std::move(node));
        }
        endInsertRows();
    }

    // One span per parent, announced in the order the parents were first touched.
    struct Span {
        const Node* parent;
        int first;
        int last;
    };
    std::vector<Span> spans;
    QHash<const Node*, std::size_t> spanOf;
    for (const Node* node : batch.touched) {
        const int row = rowOf(node);
        const auto it = spanOf.constFind(node->parent);
        if (it == spanOf.cend()) {
            spanOf.insert(node->parent, spans.size());
            spans.push_back({node->parent, row, row});
        } else {
            Span& span = spans[*it];
            span.first = std::min(span.first, row);
            span.last = std::max(span.last, row);
        }
    }
    for (const Span& span : spans) {
        const QModelIndex parent = indexOf(span.parent);
        Q_EMIT dataChanged(index(span.first, 0, parent), index(span.last, ColumnCount - 1, parent));
    }
}

void ConnectionsModel::applyBatch(const EventBatch& events, const SessionStats& stats) {
    ++m_batchNo;
    BatchState batch;
    for (const CaptureEvent& e : events)
        apply(e, batch);
    applyQueues(stats.listenerQueues, batch);
    publish(batch);
}

void ConnectionsModel::applyQueues(const QHash<int, ListenerQueue>& queues, BatchState& batch) {
    // Only listening listeners have a queue; a saved session has none at all.
    for (Node* node : std::as_const(m_listenerById)) {
        std::optional<ListenerQueue> queue;
        if (node->state == State::Listening && queues.contains(node->id))
            queue = queues.value(node->id);
        if (queue != node->queue) {
            node->queue = queue;
            touch(node, batch);
        }
    }
}

QString ConnectionsModel::queueText(const ListenerQueue& queue) {
    // The backlog is the kernel's (lowered to somaxconn), so it is shown even
    // when nothing waits: it is what the next connections will meet.
    const bool showQueued = queue.queued > 0 || (queue.paused && queue.queued == 0);
    const QString waiting = showQueued
                                ? tr("%1 waiting / backlog %2").arg(queue.queued).arg(queue.backlog)
                                : tr("backlog %1").arg(queue.backlog);
    return queue.paused ? tr("paused · %1").arg(waiting) : waiting;
}

QString ConnectionsModel::groupToolTip() {
    const std::optional<PortRange> range = readEphemeralPortRange();
    if (!range)
        return tr("Clients SockScope started");
    return tr("Clients SockScope started. Each gets its local port from the kernel's "
              "ephemeral range %1–%2 unless it binds one.")
        .arg(range->first)
        .arg(range->last);
}

// --- clearing -------------------------------------------------------------

void ConnectionsModel::forget(const Node& node) {
    for (const auto& child : node.children)
        forget(*child);
    count(node, -1);
    (isConnection(node.kind) ? m_connById : m_listenerById).remove(node.id);
    m_cleared.insert(node.id);
}

void ConnectionsModel::removeRuns(Node* parent, bool (*removable)(const Node&)) {
    auto& children = parent->children;
    // Back to front, so the rows of runs still to remove do not move.
    int end = int(children.size());
    while (end > 0) {
        int last = end - 1;
        while (last >= 0 && !removable(*children[std::size_t(last)]))
            --last;
        if (last < 0)
            break;
        int first = last;
        while (first > 0 && removable(*children[std::size_t(first - 1)]))
            --first;
        beginRemoveRows(indexOf(parent), first, last);
        for (int i = first; i <= last; ++i)
            forget(*children[std::size_t(i)]);
        children.erase(children.begin() + first, children.begin() + last + 1);
        parent->staleFrom = std::min(parent->staleFrom, first);
        endRemoveRows();
        end = first;
    }
}

void ConnectionsModel::clearClosed() {
    const auto connectionOver = [](const Node& n) {
        return n.state == State::Closed || n.state == State::Failed;
    };
    const auto listenerOver = [](const Node& n) {
        return (n.state == State::Stopped || n.state == State::Failed) && n.children.empty();
    };
    for (const auto& listener : m_root->children)
        removeRuns(listener.get(), connectionOver);
    removeRuns(m_group.get(), connectionOver);
    removeRuns(m_root.get(), listenerOver);
}

} // namespace sockscope
