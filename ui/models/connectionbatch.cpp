#include "models/connectionbatch.h"

namespace sockscope {

namespace {

using RowKind = ConnectionsModel::RowKind;
using State = ConnectionsModel::State;
using Tls = ConnectionsModel::Tls;

} // namespace

ConnectionBatch::ConnectionBatch(ConnectionTree& tree, quint64 batchNo)
    : m_tree(tree)
    , m_batchNo(batchNo) {
}

void ConnectionBatch::add(Node* parent, std::unique_ptr<Node> node) {
    node->createdIn = m_batchNo;
    m_tree.track(*node);
    if (parent->createdIn == m_batchNo) {
        // The parent itself is still unannounced; its insertion carries this row.
        m_tree.append(parent, std::move(node));
        return;
    }
    auto it = m_insertionOf.find(parent);
    if (it == m_insertionOf.end()) {
        it = m_insertionOf.insert(parent, m_insertions.size());
        m_insertions.emplace_back(parent, std::vector<std::unique_ptr<Node>>());
    }
    m_insertions[*it].second.push_back(std::move(node));
}

void ConnectionBatch::touch(Node* node) {
    if (node->createdIn == m_batchNo || node->touchedIn == m_batchNo)
        return;
    node->touchedIn = m_batchNo;
    m_touched.push_back(node);
}

ConnectionBatch::Node* ConnectionBatch::listenerNode(int id) {
    if (Node* found = m_tree.listener(id))
        return found;
    if (m_tree.wasRemoved(id))
        return nullptr;
    auto node = std::make_unique<Node>();
    node->kind = RowKind::Listener;
    node->id = id;
    node->listenerId = id;
    node->state = State::Listening;
    node->startSeen = false;
    Node* raw = node.get();
    add(m_tree.root(), std::move(node));
    return raw;
}

ConnectionBatch::Node* ConnectionBatch::connectionNode(const CaptureEvent& e) {
    if (Node* found = m_tree.connection(e.conn))
        return found;
    if (m_tree.wasRemoved(e.conn))
        return nullptr;
    // Its Accept or Connect is gone (an import of a trimmed capture): show it
    // among the clients rather than lose its traffic totals.
    auto node = std::make_unique<Node>();
    node->kind = RowKind::Outgoing;
    node->id = e.conn;
    node->state = State::Open;
    node->startUs = e.timeUs;
    node->startSeen = false;
    ++m_tree.group()->started;
    touch(m_tree.group());
    Node* raw = node.get();
    add(m_tree.group(), std::move(node));
    return raw;
}

void ConnectionBatch::apply(const CaptureEvent& e) {
    const bool aboutListener = e.conn == 0 && e.listener != 0;
    switch (e.kind) {
    case EventKind::Listen:
        if (Node* l = listenerNode(e.listener)) {
            l->local = e.local;
            l->backlog = e.backlog;
            l->responder = e.responder;
            l->startUs = e.timeUs;
            l->startSeen = true;
            if (e.tls) {
                l->tls = Tls::Secured;
                l->tlsSummary = e.tls;
            }
            m_tree.setState(*l, State::Listening);
            touch(l);
        }
        return;
    case EventKind::Accept:
    case EventKind::Connect: {
        if (m_tree.connection(e.conn) != nullptr || m_tree.wasRemoved(e.conn))
            return;
        const bool accepted = e.kind == EventKind::Accept;
        // A relay's upstream leg goes under the client's leg it serves, so
        // the pair reads client ↔ SockScope ↔ server down the tree.
        Node* const relayed = accepted || e.pair == 0 ? nullptr : m_tree.connection(e.pair);
        Node* parent = accepted ? listenerNode(e.listener) : relayed ? relayed : m_tree.group();
        if (parent == nullptr)
            return;
        if (!relayed)
            ++parent->started;
        touch(parent);
        auto node = std::make_unique<Node>();
        node->kind = accepted ? RowKind::Accepted : RowKind::Outgoing;
        node->id = e.conn;
        node->listenerId = accepted ? e.listener : 0;
        node->state = accepted ? State::Open : State::Connecting;
        node->local = e.local;
        node->peer = e.peer;
        node->target = e.target;
        node->pair = e.pair;
        node->startUs = e.timeUs;
        // A TLS listener's connection is TLS from its first byte.
        if (accepted && parent->tls != Tls::None)
            node->tls = Tls::Handshaking;
        add(parent, std::move(node));
        return;
    }
    case EventKind::Close:
    case EventKind::Error:
        if (aboutListener) {
            if (Node* l = listenerNode(e.listener)) {
                if (l->state != State::Failed)
                    m_tree.setState(*l,
                                    e.kind == EventKind::Error ? State::Failed : State::Stopped);
                if (l->local.isNull())
                    l->local = e.local;
                if (e.kind == EventKind::Error) {
                    l->error = e.error;
                    l->message = e.message;
                }
                l->endUs = e.timeUs;
                touch(l);
            }
            return;
        }
        break;
    default:
        break;
    }
    if (e.conn == 0)
        return;
    Node* c = connectionNode(e);
    if (c == nullptr)
        return;
    touch(c);
    switch (e.kind) {
    case EventKind::Connected:
        c->local = e.local;
        if (!e.peer.isNull())
            c->peer = e.peer;
        m_tree.setState(*c, State::Open);
        return;
    case EventKind::Data:
        (e.dir == Direction::Out ? c->bytesOut : c->bytesIn) += e.size;
        return;
    case EventKind::HalfClose:
        c->ending.observe(e);
        if (c->isOpen())
            m_tree.setState(*c,
                            e.by == Closer::Peer ? State::HalfClosedByPeer : State::HalfClosedByUs);
        return;
    case EventKind::Close:
        // An error already told why it ended; the close that follows adds nothing.
        if (c->state != State::Failed)
            m_tree.setState(*c, State::Closed);
        if (c->tls == Tls::Handshaking) // ended before its handshake did
            c->tls = Tls::Failed;
        c->ending.observe(e);
        c->endUs = e.timeUs;
        return;
    case EventKind::Error:
        m_tree.setState(*c, State::Failed);
        if (c->tls == Tls::Handshaking)
            c->tls = Tls::Failed;
        c->error = e.error;
        c->message = e.message;
        c->endUs = e.timeUs;
        return;
    case EventKind::Wire:
        // A client's first TLS record tells that it speaks TLS.
        if (c->tls == Tls::None)
            c->tls = Tls::Handshaking;
        return;
    case EventKind::Tls:
        if (e.tls) {
            c->tls = e.tls->ok ? Tls::Secured : Tls::Failed;
            c->tlsSummary = e.tls;
        }
        return;
    case EventKind::Drop:
        // A running total for the connection, live or as saved.
        c->droppedBytes = e.size;
        c->droppedEvents = e.count;
        c->dropReason = e.message;
        return;
    default:
        return;
    }
}

void ConnectionBatch::applyQueues(const QHash<int, ListenerQueue>& queues) {
    // Only listening listeners have a queue; a saved session has none at all.
    for (Node* node : m_tree.listeners()) {
        std::optional<ListenerQueue> queue;
        if (node->state == State::Listening && queues.contains(node->id))
            queue = queues.value(node->id);
        if (queue != node->queue) {
            node->queue = queue;
            touch(node);
        }
    }
}

} // namespace sockscope
