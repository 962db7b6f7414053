#include "models/connectiontree.h"

#include <algorithm>

namespace sockscope {

ConnectionTree::ConnectionTree()
    : m_root(std::make_unique<Node>())
    , m_group(std::make_unique<Node>()) {
    m_group->kind = Node::RowKind::OutgoingGroup;
    m_group->parent = m_root.get();
}

ConnectionTree::~ConnectionTree() = default;

int ConnectionTree::rowOf(const Node* node) const {
    if (node == m_group.get())
        return int(m_root->children.size());
    const Node* parent = node->parent;
    if (node->row >= parent->staleFrom) {
        for (std::size_t i = std::size_t(parent->staleFrom); i < parent->children.size(); ++i)
            parent->children[i]->row = int(i);
        parent->staleFrom = Node::kNoStaleRows;
    }
    return node->row;
}

int ConnectionTree::childCount(const Node* parent) const {
    if (parent == m_root.get())
        return int(parent->children.size()) + 1;
    return int(parent->children.size());
}

ConnectionTree::Node* ConnectionTree::child(const Node* parent, int row) const {
    if (parent == m_root.get() && std::size_t(row) == m_root->children.size())
        return m_group.get();
    return parent->children[std::size_t(row)].get();
}

void ConnectionTree::track(Node& node) {
    count(node, +1);
    (node.isConnection() ? m_connById : m_listenerById).insert(node.id, &node);
}

void ConnectionTree::append(Node* parent, std::unique_ptr<Node> node) {
    node->parent = parent;
    node->row = int(parent->children.size());
    parent->children.push_back(std::move(node));
}

void ConnectionTree::remove(Node* parent, int first, int last) {
    auto& children = parent->children;
    for (int i = first; i <= last; ++i)
        forget(*children[std::size_t(i)]);
    children.erase(children.begin() + first, children.begin() + last + 1);
    parent->staleFrom = std::min(parent->staleFrom, first);
}

void ConnectionTree::setState(Node& node, ConnectionsModel::State state) {
    count(node, -1);
    node.state = state;
    count(node, +1);
}

void ConnectionTree::count(const Node& node, int delta) {
    if (node.isConnection() && node.isOpen())
        m_openConnections += delta;
    else if (node.kind == Node::RowKind::Listener && node.state == Node::State::Listening)
        m_activeListeners += delta;
}

void ConnectionTree::forget(const Node& node) {
    for (const auto& child : node.children)
        forget(*child);
    count(node, -1);
    (node.isConnection() ? m_connById : m_listenerById).remove(node.id);
    m_removed.insert(node.id);
}

} // namespace sockscope
