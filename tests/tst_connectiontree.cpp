#include "models/connectiontree.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace sockscope;

using Node = ConnectionNode;
using State = ConnectionsModel::State;
using RowKind = ConnectionsModel::RowKind;

class tst_ConnectionTree final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theGroupIsTheRootsLastRow();
    void rowsAreRenumberedAfterRemoval();
    void countsFollowTheState();
    void removalForgetsTheChildrenToo();

private:
    // A tracked node appended to parent, as a batch would add it.
    static Node* add(ConnectionTree& tree, Node* parent, RowKind kind, int id, State state) {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->id = id;
        node->state = state;
        Node* raw = node.get();
        tree.track(*raw);
        tree.append(parent, std::move(node));
        return raw;
    }
    static Node* addListener(ConnectionTree& tree, int id) {
        return add(tree, tree.root(), RowKind::Listener, id, State::Listening);
    }
    static Node* addAccepted(ConnectionTree& tree, Node* listener, int id) {
        return add(tree, listener, RowKind::Accepted, id, State::Open);
    }
};

void tst_ConnectionTree::theGroupIsTheRootsLastRow() {
    ConnectionTree tree;
    QCOMPARE(tree.childCount(tree.root()), 1);
    QCOMPARE(tree.child(tree.root(), 0), tree.group());
    QCOMPARE(tree.rowOf(tree.group()), 0);

    Node* listener = addListener(tree, 1);
    QCOMPARE(tree.childCount(tree.root()), 2);
    QCOMPARE(tree.child(tree.root(), 0), listener);
    QCOMPARE(tree.child(tree.root(), 1), tree.group());
    QCOMPARE(tree.rowOf(tree.group()), 1);
    QCOMPARE(tree.listener(1), listener);
}

void tst_ConnectionTree::rowsAreRenumberedAfterRemoval() {
    ConnectionTree tree;
    Node* listener = addListener(tree, 1);
    std::vector<Node*> accepted;
    for (int id = 2; id < 8; ++id)
        accepted.push_back(addAccepted(tree, listener, id));

    tree.remove(listener, 1, 2);
    QCOMPARE(tree.childCount(listener), 4);
    QCOMPARE(tree.rowOf(accepted[0]), 0);
    QCOMPARE(tree.rowOf(accepted[3]), 1);
    QCOMPARE(tree.rowOf(accepted[5]), 3);

    Node* appended = addAccepted(tree, listener, 8);
    QCOMPARE(tree.rowOf(appended), 4);
    QCOMPARE(tree.child(listener, 4), appended);
}

void tst_ConnectionTree::countsFollowTheState() {
    ConnectionTree tree;
    Node* listener = addListener(tree, 1);
    Node* first = addAccepted(tree, listener, 2);
    addAccepted(tree, listener, 3);
    QCOMPARE(tree.listenerCount(), 1);
    QCOMPARE(tree.openConnectionCount(), 2);

    tree.setState(*first, State::HalfClosedByPeer);
    QCOMPARE(tree.openConnectionCount(), 2);
    tree.setState(*first, State::Closed);
    QCOMPARE(tree.openConnectionCount(), 1);
    tree.setState(*listener, State::Stopped);
    QCOMPARE(tree.listenerCount(), 0);
}

void tst_ConnectionTree::removalForgetsTheChildrenToo() {
    ConnectionTree tree;
    Node* listener = addListener(tree, 1);
    addAccepted(tree, listener, 2);
    addListener(tree, 3);

    tree.remove(tree.root(), 0, 0);
    QCOMPARE(tree.listener(1), nullptr);
    QCOMPARE(tree.connection(2), nullptr);
    QVERIFY(tree.wasRemoved(1));
    QVERIFY(tree.wasRemoved(2));
    QVERIFY(!tree.wasRemoved(3));
    QCOMPARE(tree.openConnectionCount(), 0);
    QCOMPARE(tree.listenerCount(), 1);
    QCOMPARE(tree.rowOf(tree.listener(3)), 0);
    QCOMPARE(tree.rowOf(tree.group()), 1);
}

QTEST_GUILESS_MAIN(tst_ConnectionTree)
#include "tst_connectiontree.moc"
