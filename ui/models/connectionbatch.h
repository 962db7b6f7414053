#pragma once

#include "base/captureevent.h"
#include "models/connectiontree.h"

#include <QHash>

#include <memory>
#include <utility>
#include <vector>

namespace sockscope {

// What one batch of capture events does to a ConnectionTree. Existing nodes
// are updated in place and remembered as touched; new rows of existing
// parents are held back, so that the model can announce each parent's new
// rows as one ranged insertion. New rows of new parents go straight in: the
// parent's own insertion carries them.
class ConnectionBatch final {
    Q_DISABLE_COPY_MOVE(ConnectionBatch)
public:
    using Node = ConnectionNode;
    // A parent and its new rows, in the order they arrived.
    using Insertion = std::pair<Node*, std::vector<std::unique_ptr<Node>>>;

    // batchNo must be new for each batch: it tells this batch's nodes apart.
    ConnectionBatch(ConnectionTree& tree, quint64 batchNo);

    void apply(const CaptureEvent& event);
    void applyQueues(const QHash<int, ListenerQueue>& queues);

    // In the order the parents first got a new row.
    std::vector<Insertion>& insertions() { return m_insertions; }
    // Existing nodes whose data changed, each once.
    const std::vector<Node*>& touched() const { return m_touched; }

private:
    Node* listenerNode(int id);
    Node* connectionNode(const CaptureEvent& event);
    void add(Node* parent, std::unique_ptr<Node> node);
    void touch(Node* node);

    ConnectionTree& m_tree;
    const quint64 m_batchNo;
    std::vector<Insertion> m_insertions;
    QHash<Node*, std::size_t> m_insertionOf;
    std::vector<Node*> m_touched;
};

} // namespace sockscope
