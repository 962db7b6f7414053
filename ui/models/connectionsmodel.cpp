#include "models/connectionsmodel.h"

#include "models/connectionbatch.h"
#include "models/connectiondetails.h"
#include "models/connectiontext.h"
#include "models/connectiontree.h"
#include "models/palettecolors.h"

#include <QGuiApplication>

namespace sockscope {

ConnectionsModel::ConnectionsModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_tree(std::make_unique<ConnectionTree>()) {
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
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_tree->root();
}

QModelIndex ConnectionsModel::indexOf(const Node* node, int column) const {
    if (node == nullptr || node == m_tree->root())
        return {};
    return createIndex(m_tree->rowOf(node), column, node);
}

QModelIndex ConnectionsModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, m_tree->child(nodeOf(parent), row));
}

QModelIndex ConnectionsModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const Node* node = nodeOf(child);
    return node->parent == m_tree->root() ? QModelIndex() : indexOf(node->parent);
}

int ConnectionsModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0)
        return 0;
    return m_tree->childCount(nodeOf(parent));
}

int ConnectionsModel::columnCount(const QModelIndex& parent) const {
    return parent.column() > 0 ? 0 : ColumnCount;
}

// --- data -----------------------------------------------------------------

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    return connectiontext::columnTitle(section);
}

QVariant ConnectionsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = *nodeOf(index);
    const bool group = node.kind == RowKind::OutgoingGroup;
    switch (role) {
    case Qt::DisplayRole:
        return connectiontext::display(node, index.column());
    case Qt::ToolTipRole:
        return connectiontext::toolTip(node, index.column(), m_ephemeralPorts);
    case Qt::ForegroundRole:
        // The palette's disabled text was unreadable on a fresh row's glow.
        if (!group && node.isOver())
            return closedRowText(QGuiApplication::palette());
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
        return !group && node.isOver();
    case StartTimeUsRole:
        return group ? QVariant() : QVariant(node.startUs);
    case EndTimeUsRole:
        return group || !node.isOver() ? QVariant() : QVariant(node.endUs);
    case ListenerIdRole:
        return node.listenerId;
    case SortRole:
        return connectiontext::sortKey(node, index.column());
    case AcceptPausedRole:
        return node.queue && node.queue->paused;
    case ReadingPausedRole:
        return node.readingPaused;
    case PairRole:
        return node.pair;
    case TlsRole:
        return int(node.tls);
    }
    return {};
}

// --- queries --------------------------------------------------------------

QModelIndex ConnectionsModel::indexOfConnection(int conn) const {
    return indexOf(m_tree->connection(conn));
}

void ConnectionsModel::markProbe(int conn) {
    Node* node = m_tree->connection(conn);
    if (!node || node->probe)
        return;
    node->probe = true;
    const QModelIndex row = indexOf(node);
    Q_EMIT dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
}

void ConnectionsModel::setReadingPaused(int conn, bool paused) {
    Node* node = m_tree->connection(conn);
    if (!node || node->readingPaused == paused)
        return;
    node->readingPaused = paused;
    const QModelIndex row = indexOf(node);
    Q_EMIT dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
}

void ConnectionsModel::setEphemeralPorts(const std::optional<PortRange>& range) {
    if (range == m_ephemeralPorts)
        return;
    m_ephemeralPorts = range;
    const QModelIndex group = indexOf(m_tree->group());
    Q_EMIT dataChanged(group, group.siblingAtColumn(ColumnCount - 1), {Qt::ToolTipRole});
}

void ConnectionsModel::setKeepPolicy(int id, const KeepPolicy& keep) {
    m_keepPolicies.insert(id, keep);
}

QList<ConnectionsModel::Detail> ConnectionsModel::details(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    return connectiondetails::of(*nodeOf(index), *m_tree, m_keepPolicies, m_ephemeralPorts);
}

int ConnectionsModel::acceptedFromPort(quint16 peerPort) const {
    for (const Node* listener : m_tree->listeners()) {
        for (const auto& child : listener->children) {
            if (!child->peer.isNull() && child->peer.port() == peerPort)
                return child->id;
        }
    }
    return 0;
}

QModelIndex ConnectionsModel::indexOfListener(int listenerId) const {
    return indexOf(m_tree->listener(listenerId));
}

QString ConnectionsModel::endpointText(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = *nodeOf(index);
    if (node.kind == RowKind::OutgoingGroup)
        return {};
    if (index.column() == LocalColumn)
        return node.localText();
    if (index.column() == PeerColumn || node.isConnection())
        return node.peerText();
    return node.localText();
}

bool ConnectionsModel::isOpenConnection(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    const Node& node = *nodeOf(index);
    return node.isConnection() && node.isOpen();
}

int ConnectionsModel::openConnectionCount() const {
    return m_tree->openConnectionCount();
}

int ConnectionsModel::listenerCount() const {
    return m_tree->listenerCount();
}

// --- updates --------------------------------------------------------------

void ConnectionsModel::applyBatch(const EventBatch& events, const SessionStats& stats) {
    ConnectionBatch batch(*m_tree, ++m_batchNo);
    for (const CaptureEvent& e : events)
        batch.apply(e);
    batch.applyQueues(stats.listenerQueues);
    publish(batch);
}

void ConnectionsModel::publish(ConnectionBatch& batch) {
    for (auto& [parent, nodes] : batch.insertions()) {
        const int first = rowCount(indexOf(parent));
        const int last = first + int(nodes.size()) - 1;
        // The group row stays last: new listeners go in before it.
        const bool topLevel = parent == m_tree->root();
        beginInsertRows(indexOf(parent), topLevel ? first - 1 : first, topLevel ? last - 1 : last);
        for (auto& node : nodes)
            m_tree->append(parent, std::move(node));
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
    for (const Node* node : batch.touched()) {
        const int row = m_tree->rowOf(node);
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

// --- clearing -------------------------------------------------------------

void ConnectionsModel::removeRuns(Node* parent, bool (*removable)(const Node&)) {
    const auto& children = parent->children;
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
        m_tree->remove(parent, first, last);
        endRemoveRows();
        end = first;
    }
}

void ConnectionsModel::clearClosed() {
    // A relay's client leg goes with its upstream leg, once both are over.
    const auto connectionOver = [](const Node& n) {
        const auto over = [](const Node& node) {
            return node.state == State::Closed || node.state == State::Failed;
        };
        return over(n) && std::all_of(n.children.cbegin(), n.children.cend(),
                                      [&over](const auto& child) { return over(*child); });
    };
    const auto listenerOver = [](const Node& n) {
        return (n.state == State::Stopped || n.state == State::Failed) && n.children.empty();
    };
    for (const auto& listener : m_tree->root()->children)
        removeRuns(listener.get(), connectionOver);
    removeRuns(m_tree->group(), connectionOver);
    removeRuns(m_tree->root(), listenerOver);
}

} // namespace sockscope
