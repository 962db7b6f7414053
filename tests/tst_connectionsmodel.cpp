#include "eventfactory.h"
#include "models/connectionsmodel.h"
#include "models/palettecolors.h"
#include "system/kernelsettings.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace sockscope;

using Model = ConnectionsModel;

namespace {

// One rowsInserted or rowsRemoved notification, with the parent named by id
// (-1 for the top level) so it can be checked after the tree has changed.
struct RowsChange {
    int parentId;
    int first;
    int last;
    bool operator==(const RowsChange&) const = default;
};

// The events a TLS handshake adds, built on the factory's seq and time.
CaptureEvent withTls(CaptureEvent e, EventKind kind, const TlsSummary& summary) {
    e.kind = kind;
    e.tls = std::make_shared<const TlsSummary>(summary);
    return e;
}

CaptureEvent asWire(CaptureEvent e) {
    e.kind = EventKind::Wire;
    return e;
}

QString listenerPeer(int port) {
    return u"127.0.0.1:%1"_qs.arg(port);
}

} // namespace

class tst_ConnectionsModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void startsWithTheGroupRow();
    void listenerThenAcceptsOneInsertEach();
    void newListenerArrivesWithItsChildren();
    void relayUpstreamSitsUnderItsClientLeg_data();
    void relayUpstreamSitsUnderItsClientLeg();
    void oneInsertPerParentPerBatch();
    void listenersGoBeforeTheGroup();
    void failedBindIsShown();
    void listenerStops();
    void acceptQueueIsShownOnTheListener();
    void groupTooltipNamesTheEphemeralRange();
    void outgoingLifecycle_data();
    void outgoingLifecycle();
    void byteCountersAreExact();
    void dropsAreShown();
    void unknownConnectionIsShownAsUnseenStart();
    void clearClosedRemovesFinishedRows();
    void lateEventForClearedRowIsIgnored();
    void tlsRowsShowTheirHandshake();
    void manyConnections();

private:
    void feed(const EventBatch& batch) { m_model->applyBatch(batch, {}); }
    QString cell(const QModelIndex& row, int column) const {
        return row.siblingAtColumn(column).data().toString();
    }

    EventFactory m_events;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_reset;
    QList<RowsChange> m_inserted;
    QList<RowsChange> m_removed;
    QList<RowsChange> m_changed;
};

void tst_ConnectionsModel::init() {
    m_events = EventFactory();
    m_model = std::make_unique<Model>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_reset = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::modelReset);
    m_inserted.clear();
    m_removed.clear();
    m_changed.clear();
    const auto idOf = [](const QModelIndex& parent) {
        return parent.isValid() ? parent.data(Model::IdRole).toInt() : -1;
    };
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, this,
            [this, idOf](const QModelIndex& parent, int first, int last) {
                m_inserted.append({idOf(parent), first, last});
            });
    connect(m_model.get(), &QAbstractItemModel::rowsRemoved, this,
            [this, idOf](const QModelIndex& parent, int first, int last) {
                m_removed.append({idOf(parent), first, last});
            });
    connect(m_model.get(), &QAbstractItemModel::dataChanged, this,
            [this, idOf](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                QCOMPARE(topLeft.column(), 0);
                QCOMPARE(bottomRight.column(), Model::ColumnCount - 1);
                m_changed.append({idOf(topLeft.parent()), topLeft.row(), bottomRight.row()});
            });
}

void tst_ConnectionsModel::cleanup() {
    QCOMPARE(m_reset->count(), 0);
    m_tester.reset();
    m_model.reset();
}

void tst_ConnectionsModel::startsWithTheGroupRow() {
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex group = m_model->index(0, 0);
    QCOMPARE(group.data().toString(), u"Outgoing clients"_qs);
    QCOMPARE(group.data(Model::RowKindRole).toInt(), int(Model::RowKind::OutgoingGroup));
    QCOMPARE(group.data(Model::ClosedRole).toBool(), false);
    QCOMPARE(m_model->rowCount(group), 0);
    QCOMPARE(m_model->listenerCount(), 0);
    QCOMPARE(m_model->openConnectionCount(), 0);
    QCOMPARE(m_model->headerData(Model::PeerColumn, Qt::Horizontal).toString(), u"Peer"_qs);
}

void tst_ConnectionsModel::relayUpstreamSitsUnderItsClientLeg_data() {
    QTest::addColumn<bool>("sameBatch");
    QTest::newRow("one batch") << true;
    QTest::newRow("upstream in a later batch") << false;
}

void tst_ConnectionsModel::relayUpstreamSitsUnderItsClientLeg() {
    QFETCH(bool, sameBatch);
    feed({m_events.listen(1, u"127.0.0.1:8080"_qs)});
    CaptureEvent accept = m_events.accept(2, 1, u"127.0.0.1:8080"_qs, listenerPeer(50000));
    accept.pair = 3;
    CaptureEvent connect = m_events.connect(3, u"127.0.0.1:6379"_qs);
    connect.pair = 2;
    const CaptureEvent connected =
        m_events.connected(3, u"127.0.0.1:41000"_qs, u"127.0.0.1:6379"_qs);
    if (sameBatch) {
        feed({accept, connect, connected});
    } else {
        feed({accept});
        feed({connect, connected});
    }
    const QModelIndex client = m_model->indexOfConnection(2);
    const QModelIndex upstream = m_model->indexOfConnection(3);
    QCOMPARE(client.parent(), m_model->indexOfListener(1));
    QCOMPARE(upstream.parent(), client);
    QCOMPARE(m_model->rowCount(client), 1);
    // All four endpoints and both ephemeral ports, down the tree.
    QCOMPARE(cell(client, Model::PeerColumn), u"127.0.0.1:50000"_qs);
    QCOMPARE(cell(upstream, Model::LocalColumn), u"127.0.0.1:41000"_qs);
    QCOMPARE(cell(upstream, Model::PeerColumn), u"127.0.0.1:6379"_qs);
    QVERIFY(cell(client, Model::DetailColumn).startsWith(u"relayed to #3"_qs));
    QVERIFY(cell(upstream, Model::DetailColumn).startsWith(u"upstream of #2"_qs));
    // The upstream is no client of the person's: the group does not count it.
    QCOMPARE(m_model->rowCount(m_model->index(1, 0)), 0);
    QCOMPARE(m_model->openConnectionCount(), 2);

    // Clear closed keeps a pair while either leg is open: the open upstream
    // stays reachable (to abort it) under its closed client leg.
    feed({m_events.close(2, Closer::Peer)});
    m_model->clearClosed();
    QVERIFY(m_model->indexOfConnection(2).isValid());
    QCOMPARE(m_model->indexOfConnection(3).parent(), m_model->indexOfConnection(2));
    feed({m_events.close(3, Closer::Peer)});
    m_model->clearClosed();
    QVERIFY(!m_model->indexOfConnection(2).isValid());
    QVERIFY(!m_model->indexOfConnection(3).isValid());
}

void tst_ConnectionsModel::listenerThenAcceptsOneInsertEach() {
    feed({m_events.listen(1, u"127.0.0.1:8080"_qs)});
    QCOMPARE(m_inserted, (QList<RowsChange>{{-1, 0, 0}}));
    const QModelIndex listener = m_model->indexOfListener(1);
    QCOMPARE(listener.row(), 0);
    QCOMPARE(cell(listener, Model::NameColumn), u"Listener #1"_qs);
    QCOMPARE(cell(listener, Model::LocalColumn), u"127.0.0.1:8080"_qs);
    QCOMPARE(cell(listener, Model::StateColumn), u"Listening"_qs);
    QCOMPARE(cell(listener, Model::DetailColumn), u"backlog 1024 · echo · 0 accepted"_qs);
    QCOMPARE(listener.data(Model::StartTimeUsRole).toLongLong(), EventFactory::kStartUs + 1500);
    QVERIFY(!listener.data(Model::EndTimeUsRole).isValid());
    QCOMPARE(m_model->listenerCount(), 1);
    QCOMPARE(m_model->index(1, 0).data(Model::RowKindRole).toInt(),
             int(Model::RowKind::OutgoingGroup));

    m_inserted.clear();
    m_changed.clear();
    EventBatch accepts;
    for (int i = 0; i < 3; ++i)
        accepts.append(m_events.accept(2 + i, 1, u"127.0.0.1:8080"_qs, listenerPeer(50000 + i)));
    feed(accepts);
    QCOMPARE(m_inserted, (QList<RowsChange>{{1, 0, 2}}));
    QCOMPARE(m_changed, (QList<RowsChange>{{-1, 0, 0}}));
    QCOMPARE(m_model->rowCount(listener), 3);
    QCOMPARE(cell(listener, Model::DetailColumn), u"backlog 1024 · echo · 3 accepted"_qs);
    QCOMPARE(m_model->openConnectionCount(), 3);

    const QModelIndex third = m_model->indexOfConnection(4);
    QCOMPARE(third.parent(), listener);
    QCOMPARE(third.row(), 2);
    QCOMPARE(cell(third, Model::NameColumn), u"#4"_qs);
    QCOMPARE(cell(third, Model::LocalColumn), u"127.0.0.1:8080"_qs);
    QCOMPARE(cell(third, Model::PeerColumn), u"127.0.0.1:50002"_qs);
    QCOMPARE(cell(third, Model::StateColumn), u"Open"_qs);
    QCOMPARE(third.data(Model::RowKindRole).toInt(), int(Model::RowKind::Accepted));
    QCOMPARE(third.data(Model::ListenerIdRole).toInt(), 1);
    QCOMPARE(third.siblingAtColumn(Model::PeerColumn).data(Model::SortRole).toInt(), 50002);
    QCOMPARE(m_model->endpointText(third), u"127.0.0.1:50002"_qs);
    QCOMPARE(m_model->endpointText(third.siblingAtColumn(Model::LocalColumn)),
             u"127.0.0.1:8080"_qs);
    QCOMPARE(m_model->endpointText(listener), u"127.0.0.1:8080"_qs);
    QVERIFY(m_model->isOpenConnection(third));
    QVERIFY(!m_model->isOpenConnection(listener));
}

void tst_ConnectionsModel::newListenerArrivesWithItsChildren() {
    feed({m_events.listen(1, u"[::1]:9000"_qs, 16, u"discard"_qs),
          m_events.accept(2, 1, u"[::1]:9000"_qs, u"[::1]:41000"_qs),
          m_events.data(2, Direction::In, "abc")});
    QCOMPARE(m_inserted, (QList<RowsChange>{{-1, 0, 0}}));
    QVERIFY(m_changed.isEmpty());
    const QModelIndex conn = m_model->indexOfConnection(2);
    QCOMPARE(conn.parent(), m_model->indexOfListener(1));
    QCOMPARE(cell(conn, Model::PeerColumn), u"[::1]:41000"_qs);
    QCOMPARE(cell(conn, Model::BytesInColumn), u"3 bytes"_qs);
    QCOMPARE(cell(m_model->indexOfListener(1), Model::DetailColumn),
             u"backlog 16 · discard · 1 accepted"_qs);
}

void tst_ConnectionsModel::oneInsertPerParentPerBatch() {
    feed({m_events.listen(1, u"127.0.0.1:1001"_qs), m_events.listen(2, u"127.0.0.1:1002"_qs)});
    m_inserted.clear();
    m_changed.clear();
    feed({m_events.accept(3, 1, u"127.0.0.1:1001"_qs, listenerPeer(40001)),
          m_events.connect(4, u"127.0.0.1:1002"_qs),
          m_events.accept(5, 2, u"127.0.0.1:1002"_qs, listenerPeer(40002)),
          m_events.accept(6, 1, u"127.0.0.1:1001"_qs, listenerPeer(40003)),
          m_events.connected(4, listenerPeer(40002), u"127.0.0.1:1002"_qs),
          m_events.connect(7, u"127.0.0.1:1001"_qs), m_events.data(3, Direction::In, "x")});
    QCOMPARE(m_inserted, (QList<RowsChange>{{1, 0, 1}, {0, 0, 1}, {2, 0, 0}}));
}

void tst_ConnectionsModel::listenersGoBeforeTheGroup() {
    feed({m_events.connect(1, u"localhost:7"_qs)});
    QCOMPARE(m_inserted, (QList<RowsChange>{{0, 0, 0}}));
    const QPersistentModelIndex client = m_model->indexOfConnection(1);

    feed({m_events.listen(2, u"127.0.0.1:1"_qs), m_events.listen(3, u"127.0.0.1:2"_qs)});
    QCOMPARE(m_inserted.last(), (RowsChange{-1, 0, 1}));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(2, 0).data(Model::RowKindRole).toInt(),
             int(Model::RowKind::OutgoingGroup));
    QCOMPARE(client.parent().row(), 2);
    QCOMPARE(m_model->indexOfConnection(1), QModelIndex(client));

    feed({m_events.listen(4, u"127.0.0.1:3"_qs)});
    QCOMPARE(m_inserted.last(), (RowsChange{-1, 2, 2}));
    QCOMPARE(m_model->indexOfListener(4).row(), 2);
    QCOMPARE(m_model->index(3, 0).data().toString(), u"Outgoing clients"_qs);
}

void tst_ConnectionsModel::failedBindIsShown() {
    feed({m_events.listenerFailed(1, u"127.0.0.1:80"_qs, ErrorCode::Access,
                                  u"Permission denied: ports below 1024 are privileged"_qs)});
    const QModelIndex listener = m_model->indexOfListener(1);
    QVERIFY(listener.isValid());
    QCOMPARE(cell(listener, Model::StateColumn), u"Failed"_qs);
    QCOMPARE(cell(listener, Model::LocalColumn), u"127.0.0.1:80"_qs);
    QCOMPARE(cell(listener, Model::DetailColumn),
             u"Permission denied: ports below 1024 are privileged"_qs);
    QCOMPARE(listener.data(Model::StateRole).toInt(), int(Model::State::Failed));
    QCOMPARE(listener.data(Model::ClosedRole).toBool(), true);
    QVERIFY(listener.data(Model::EndTimeUsRole).isValid());
    QCOMPARE(m_model->listenerCount(), 0);
}

void tst_ConnectionsModel::listenerStops() {
    feed({m_events.listen(1, u"127.0.0.1:5000"_qs),
          m_events.accept(2, 1, u"127.0.0.1:5000"_qs, listenerPeer(40000))});
    QCOMPARE(m_model->listenerCount(), 1);
    m_changed.clear();
    feed({m_events.listenerStopped(1)});
    const QModelIndex listener = m_model->indexOfListener(1);
    QCOMPARE(m_changed, (QList<RowsChange>{{-1, 0, 0}}));
    QCOMPARE(cell(listener, Model::StateColumn), u"Stopped"_qs);
    QCOMPARE(listener.data(Model::ClosedRole).toBool(), true);
    QCOMPARE(m_model->listenerCount(), 0);
    // Stopping a listener leaves the sockets it produced alone.
    QCOMPARE(m_model->openConnectionCount(), 1);
    QCOMPARE(cell(m_model->indexOfConnection(2), Model::StateColumn), u"Open"_qs);
}

void tst_ConnectionsModel::acceptQueueIsShownOnTheListener() {
    feed({m_events.listen(1, u"127.0.0.1:5000"_qs, 2)});
    const QModelIndex listener = m_model->indexOfListener(1);
    QCOMPARE(cell(listener, Model::DetailColumn), u"backlog 2 · echo · 0 accepted"_qs);
    QCOMPARE(listener.data(Model::AcceptPausedRole).toBool(), false);

    SessionStats stats;
    stats.listenerQueues.insert(1, ListenerQueue{true, 3, 2});
    m_changed.clear();
    m_model->applyBatch({}, stats);
    QCOMPARE(m_changed, (QList<RowsChange>{{-1, 0, 0}}));
    QCOMPARE(cell(listener, Model::DetailColumn),
             u"paused · 3 waiting / backlog 2 · echo · 0 accepted"_qs);
    QCOMPARE(listener.data(Model::AcceptPausedRole).toBool(), true);
    // The State column says it, not only the detail and its tooltip.
    QCOMPARE(cell(listener, Model::StateColumn), u"Paused · 3 waiting"_qs);

    // The same queue again changes nothing.
    m_changed.clear();
    m_model->applyBatch({}, stats);
    QVERIFY(m_changed.isEmpty());

    stats.listenerQueues.insert(1, ListenerQueue{false, 0, 2});
    m_model->applyBatch({}, stats);
    QCOMPARE(cell(listener, Model::DetailColumn), u"backlog 2 · echo · 0 accepted"_qs);
    QCOMPARE(listener.data(Model::AcceptPausedRole).toBool(), false);

    // A stopped listener has no queue, whatever the stats say.
    stats.listenerQueues.insert(1, ListenerQueue{true, 1, 2});
    m_model->applyBatch({m_events.listenerStopped(1)}, stats);
    QCOMPARE(listener.data(Model::AcceptPausedRole).toBool(), false);
    QVERIFY(!cell(listener, Model::DetailColumn).contains(u"waiting"));
}

void tst_ConnectionsModel::groupTooltipNamesTheEphemeralRange() {
    // The window reads the range and hands it in; data() reads no files.
    const QModelIndex group = m_model->index(m_model->rowCount() - 1, Model::NameColumn);
    QCOMPARE(group.data(Qt::ToolTipRole).toString(), u"Clients SockScope started"_qs);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setEphemeralPorts(PortRange{40000, 40999});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), group);
    const QString tip = group.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"40000–40999"_qs), qPrintable(tip));
    const QList<Model::Detail> details = m_model->details(group);
    QVERIFY(std::any_of(details.cbegin(), details.cend(), [](const Model::Detail& d) {
        return d.value.contains(u"40000–40999"_qs);
    }));
    m_model->setEphemeralPorts(PortRange{40000, 40999});
    QCOMPARE(changed.count(), 1);
}

void tst_ConnectionsModel::outgoingLifecycle_data() {
    QTest::addColumn<EventBatch>("steps"); // each event is fed as its own batch
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<bool>("closed");
    QTest::addColumn<bool>("open");

    EventFactory f;
    const QString target = u"localhost:9000"_qs;
    const QString server = u"127.0.0.1:9000"_qs;
    const QString ours = u"127.0.0.1:45678"_qs;
    QTest::newRow("connecting") << EventBatch{f.connect(1, target)} << u"Connecting"_qs << QString()
                                << target << QString() << false << false;
    QTest::newRow("connected") << EventBatch{f.connect(1, target), f.connected(1, ours, server)}
                               << u"Open"_qs << ours << server << u"to localhost:9000"_qs << false
                               << true;
    QTest::newRow("refused") << EventBatch{f.connect(1, target),
                                           f.error(1, ErrorCode::Refused, u"Connection refused"_qs)}
                             << u"Failed"_qs << QString() << target << u"Connection refused"_qs
                             << true << false;
    QTest::newRow("host not found")
        << EventBatch{f.connect(1, u"nowhere.invalid:80"_qs),
                      f.error(1, ErrorCode::HostNotFound, u"Host nowhere.invalid not found"_qs)}
        << u"Failed"_qs << QString() << u"nowhere.invalid:80"_qs
        << u"Host nowhere.invalid not found"_qs << true << false;
    QTest::newRow("timeout") << EventBatch{f.connect(1, target),
                                           f.error(1, ErrorCode::Timeout, QString())}
                             << u"Failed"_qs << QString() << target << u"timeout"_qs << true
                             << false;
    QTest::newRow("half-closed by peer")
        << EventBatch{f.connect(1, target), f.connected(1, ours, server),
                      f.halfClose(1, Closer::Peer)}
        << u"Half-closed by peer"_qs << ours << server
        << u"peer shut down its sending side · to localhost:9000"_qs << false << true;
    QTest::newRow("half-closed by us")
        << EventBatch{f.connect(1, server), f.connected(1, ours, server),
                      f.halfClose(1, Closer::Local)}
        << u"Half-closed by us"_qs << ours << server << u"we shut down our sending side"_qs << false
        << true;
    // A close's `by` is whose FIN came first; the State column says what happened.
    QTest::newRow("Close after the peer half-closed")
        << EventBatch{f.connect(1, server), f.connected(1, ours, server),
                      f.halfClose(1, Closer::Peer), f.halfClose(1, Closer::Local),
                      f.close(1, Closer::Peer)}
        << u"Closed, peer first"_qs << ours << server << u"Peer half-closed, then we closed"_qs
        << true << false;
    QTest::newRow("aborted after the peer half-closed")
        << EventBatch{f.connect(1, server), f.connected(1, ours, server),
                      f.halfClose(1, Closer::Peer), f.close(1, Closer::Peer)}
        << u"Closed, peer first"_qs << ours << server << u"Peer half-closed, then we closed"_qs
        << true << false;
    QTest::newRow("one exchange: the server closed")
        << EventBatch{f.connect(1, server),
                      f.connected(1, ours, server),
                      f.data(1, Direction::Out, "GET / HTTP/1.0\r\n\r\n"),
                      f.halfClose(1, Closer::Local),
                      f.data(1, Direction::In, "HTTP/1.0 200 OK\r\n\r\n"),
                      f.halfClose(1, Closer::Peer),
                      f.close(1, Closer::Local)}
        << u"Closed, we first"_qs << ours << server << u"We half-closed, then the peer closed"_qs
        << true << false;
    QTest::newRow("Close on an open connection")
        << EventBatch{f.connect(1, server), f.connected(1, ours, server),
                      f.halfClose(1, Closer::Local), f.close(1, Closer::Local)}
        << u"We closed"_qs << ours << server << QString() << true << false;
    QTest::newRow("closed without a FIN")
        << EventBatch{f.connect(1, server), f.connected(1, ours, server), f.close(1, Closer::Local)}
        << u"We closed"_qs << ours << server << QString() << true << false;
    QTest::newRow("closed, first FIN unknown")
        << EventBatch{f.connect(1, target), f.connected(1, ours, server), f.close(1, Closer::None)}
        << u"Closed"_qs << ours << server << u"to localhost:9000"_qs << true << false;
    QTest::newRow("reset then close")
        << EventBatch{f.connect(1, server), f.connected(1, ours, server),
                      f.error(1, ErrorCode::Reset, u"Connection reset by peer"_qs),
                      f.close(1, Closer::Peer)}
        << u"Failed"_qs << ours << server << u"Connection reset by peer"_qs << true << false;
}

void tst_ConnectionsModel::outgoingLifecycle() {
    QFETCH(EventBatch, steps);
    QFETCH(QString, state);
    QFETCH(QString, local);
    QFETCH(QString, peer);
    QFETCH(QString, detail);
    QFETCH(bool, closed);
    QFETCH(bool, open);

    feed({steps.first()});
    QCOMPARE(m_inserted, (QList<RowsChange>{{0, 0, 0}}));
    for (qsizetype i = 1; i < steps.size(); ++i) {
        m_changed.clear();
        feed({steps.at(i)});
        QCOMPARE(m_changed, (QList<RowsChange>{{0, 0, 0}}));
    }
    QCOMPARE(m_inserted.size(), 1);

    const QModelIndex conn = m_model->indexOfConnection(1);
    QCOMPARE(conn.parent(), m_model->index(0, 0));
    QCOMPARE(conn.data(Model::RowKindRole).toInt(), int(Model::RowKind::Outgoing));
    QCOMPARE(conn.data(Model::ListenerIdRole).toInt(), 0);
    QCOMPARE(cell(conn, Model::StateColumn), state);
    QCOMPARE(cell(conn, Model::LocalColumn), local);
    QCOMPARE(cell(conn, Model::PeerColumn), peer);
    QCOMPARE(cell(conn, Model::DetailColumn), detail);
    QCOMPARE(conn.data(Model::ClosedRole).toBool(), closed);
    // Rows that are over are quieter, in a colour from the palette.
    const QVariant text = conn.data(Qt::ForegroundRole);
    QCOMPARE(text.isValid(), closed);
    if (closed)
        QCOMPARE(text.value<QColor>(), closedRowText(QGuiApplication::palette()));
    QCOMPARE(conn.data(Model::EndTimeUsRole).isValid(), closed);
    QCOMPARE(m_model->isOpenConnection(conn), open);
    QCOMPARE(m_model->openConnectionCount(), open ? 1 : 0);
    QCOMPARE(cell(m_model->index(0, 0), Model::DetailColumn), u"1 started"_qs);
}

void tst_ConnectionsModel::byteCountersAreExact() {
    feed({m_events.listen(1, u"127.0.0.1:8080"_qs),
          m_events.accept(2, 1, u"127.0.0.1:8080"_qs, listenerPeer(50000))});
    EventBatch traffic;
    for (int i = 0; i < 3; ++i) {
        traffic.append(m_events.data(2, Direction::In, QByteArray(1000, 'i')));
        traffic.append(m_events.data(2, Direction::Out, QByteArray(512, 'o')));
    }
    // Payload already released by the store still counts.
    CaptureEvent big = m_events.data(2, Direction::In, {});
    big.size = 3 << 20;
    traffic.append(big);
    m_changed.clear();
    feed(traffic);
    QCOMPARE(m_changed, (QList<RowsChange>{{1, 0, 0}}));

    const QModelIndex conn = m_model->indexOfConnection(2);
    const qint64 in = 3000 + (3 << 20);
    QCOMPARE(conn.siblingAtColumn(Model::BytesInColumn).data(Model::SortRole).toLongLong(), in);
    QCOMPARE(conn.siblingAtColumn(Model::BytesOutColumn).data(Model::SortRole).toLongLong(), 1536);
    QCOMPARE(cell(conn, Model::BytesInColumn), u"3.0 MiB"_qs);
    QCOMPARE(cell(conn, Model::BytesOutColumn), u"1.5 KiB"_qs);
    QVERIFY(conn.siblingAtColumn(Model::BytesOutColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"bytes"_qs));
    QCOMPARE(cell(m_model->indexOfListener(1), Model::BytesInColumn), QString());
}

void tst_ConnectionsModel::dropsAreShown() {
    feed({m_events.connect(1, u"127.0.0.1:9"_qs),
          m_events.connected(1, u"127.0.0.1:40000"_qs, u"127.0.0.1:9"_qs)});
    // Running totals: the latest says all the connection lost so far.
    feed({m_events.drop(1, 1024, 3), m_events.drop(1, 1536, 4)});
    QCOMPARE(cell(m_model->indexOfConnection(1), Model::DetailColumn),
             u"1.5 KiB in 4 events dropped"_qs);
}

void tst_ConnectionsModel::unknownConnectionIsShownAsUnseenStart() {
    feed({m_events.data(42, Direction::In, "late"), m_events.data(42, Direction::Out, "ok")});
    QCOMPARE(m_inserted, (QList<RowsChange>{{0, 0, 0}}));
    const QModelIndex conn = m_model->indexOfConnection(42);
    QVERIFY(conn.isValid());
    QCOMPARE(cell(conn, Model::BytesInColumn), u"4 bytes"_qs);
    QCOMPARE(cell(conn, Model::BytesOutColumn), u"2 bytes"_qs);
    QVERIFY(cell(conn, Model::DetailColumn).contains(u"start not captured"_qs));
}

void tst_ConnectionsModel::clearClosedRemovesFinishedRows() {
    const QString l1 = u"127.0.0.1:1001"_qs;
    feed({m_events.listen(1, l1), m_events.accept(2, 1, l1, listenerPeer(40002)),
          m_events.accept(3, 1, l1, listenerPeer(40003)),
          m_events.accept(4, 1, l1, listenerPeer(40004)),
          m_events.accept(5, 1, l1, listenerPeer(40005)),
          m_events.accept(6, 1, l1, listenerPeer(40006)), m_events.connect(7, l1),
          m_events.connect(8, l1),
          m_events.listenerFailed(9, u"127.0.0.1:1"_qs, ErrorCode::Access, u"denied"_qs),
          m_events.listen(10, u"127.0.0.1:1010"_qs),
          m_events.accept(11, 10, u"127.0.0.1:1010"_qs, listenerPeer(40011)),
          m_events.listen(12, u"127.0.0.1:1012"_qs),
          m_events.accept(13, 12, u"127.0.0.1:1012"_qs, listenerPeer(40013))});
    feed({m_events.close(3, Closer::Peer), m_events.close(4, Closer::Local),
          m_events.error(5, ErrorCode::Reset, u"reset"_qs),
          m_events.error(7, ErrorCode::Refused, QString()),
          m_events.connected(8, listenerPeer(40008), l1), m_events.listenerStopped(10),
          m_events.listenerStopped(12), m_events.close(13, Closer::Peer)});
    QCOMPARE(m_model->rowCount(), 5);
    const QPersistentModelIndex six = m_model->indexOfConnection(6);
    const QPersistentModelIndex eight = m_model->indexOfConnection(8);
    QCOMPARE(six.row(), 4);

    m_inserted.clear();
    m_model->clearClosed();
    QCOMPARE(m_removed,
             (QList<RowsChange>{{1, 1, 3}, {12, 0, 0}, {0, 0, 0}, {-1, 3, 3}, {-1, 1, 1}}));
    QVERIFY(m_inserted.isEmpty());

    // Left: listener 1 (#2, #6), listener 10 (stopped, but #11 is still open), the group (#8).
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->indexOfListener(1).row(), 0);
    QCOMPARE(m_model->indexOfListener(10).row(), 1);
    QVERIFY(!m_model->indexOfListener(9).isValid());
    QVERIFY(!m_model->indexOfListener(12).isValid());
    QCOMPARE(m_model->rowCount(m_model->indexOfListener(1)), 2);
    QVERIFY(!m_model->indexOfConnection(3).isValid());
    QVERIFY(!m_model->indexOfConnection(13).isValid());
    QCOMPARE(six.row(), 1);
    QCOMPARE(QModelIndex(six), m_model->indexOfConnection(6));
    QCOMPARE(cell(six, Model::PeerColumn), u"127.0.0.1:40006"_qs);
    QCOMPARE(eight.row(), 0);
    QCOMPARE(eight.parent().row(), 2);
    QCOMPARE(m_model->indexOfConnection(11).parent(), m_model->indexOfListener(10));
    QCOMPARE(m_model->openConnectionCount(), 4);
    QCOMPARE(m_model->listenerCount(), 1);

    // Nothing left to clear.
    m_removed.clear();
    m_model->clearClosed();
    QVERIFY(m_removed.isEmpty());

    // Rows added after a clear are numbered after the survivors.
    feed({m_events.accept(20, 1, l1, listenerPeer(40020))});
    QCOMPARE(m_inserted, (QList<RowsChange>{{1, 2, 2}}));
    QCOMPARE(m_model->indexOfConnection(20).row(), 2);
}

void tst_ConnectionsModel::lateEventForClearedRowIsIgnored() {
    feed(
        {m_events.connect(1, u"127.0.0.1:9"_qs), m_events.error(1, ErrorCode::Refused, QString())});
    m_model->clearClosed();
    QCOMPARE(m_model->rowCount(m_model->index(0, 0)), 0);
    m_inserted.clear();
    feed({m_events.close(1, Closer::Local), m_events.drop(1, 10, 1)});
    QVERIFY(m_inserted.isEmpty());
    QCOMPARE(m_model->rowCount(m_model->index(0, 0)), 0);
}

void tst_ConnectionsModel::tlsRowsShowTheirHandshake() {
    using Tls = Model::Tls;
    TlsSummary server;
    server.chain.append(TlsCertificate{});
    server.chain.first().names = QStringList{u"localhost"_qs, u"127.0.0.1"_qs};
    feed({withTls(m_events.listen(1, u"127.0.0.1:8443"_qs), EventKind::Listen, server),
          m_events.accept(2, 1, u"127.0.0.1:8443"_qs, listenerPeer(40000)),
          m_events.accept(3, 1, u"127.0.0.1:8443"_qs, listenerPeer(40001)),
          m_events.listen(4, u"127.0.0.1:8080"_qs),
          m_events.accept(5, 4, u"127.0.0.1:8080"_qs, listenerPeer(40002))});
    const QModelIndex tlsListener = m_model->indexOfListener(1);
    QCOMPARE(tlsListener.data(Model::TlsRole).toInt(), int(Tls::Secured));
    QCOMPARE(tlsListener.data(Qt::ToolTipRole).toString(),
             u"TLS server, certificate for localhost, 127.0.0.1"_qs);
    QCOMPARE(m_model->indexOfConnection(2).data(Model::TlsRole).toInt(), int(Tls::Handshaking));
    QCOMPARE(m_model->indexOfListener(4).data(Model::TlsRole).toInt(), int(Tls::None));
    QCOMPARE(m_model->indexOfConnection(5).data(Model::TlsRole).toInt(), int(Tls::None));
    QVERIFY(!m_model->indexOfConnection(5).data(Qt::ToolTipRole).isValid());

    TlsSummary done;
    done.ok = true;
    done.version = u"TLSv1.3"_qs;
    done.cipher = u"TLS_AES_128_GCM_SHA256"_qs;
    done.alpn = u"h2"_qs;
    TlsSummary failed;
    failed.failure = u"the client sent no certificate"_qs;
    m_changed.clear();
    feed(
        {withTls(m_events.data(2, Direction::In, {}), EventKind::Tls, done),
         withTls(m_events.data(3, Direction::In, {}), EventKind::Tls, failed),
         m_events.error(3, ErrorCode::TlsFailed, u"TLS handshake with 127.0.0.1:40001 failed"_qs)});
    QCOMPARE(m_changed, (QList<RowsChange>{{1, 0, 1}}));
    const QModelIndex secured = m_model->indexOfConnection(2);
    QCOMPARE(secured.data(Model::TlsRole).toInt(), int(Tls::Secured));
    QCOMPARE(secured.data(Qt::ToolTipRole).toString(),
             u"TLSv1.3 · TLS_AES_128_GCM_SHA256 · ALPN h2"_qs);
    QCOMPARE(cell(secured, Model::StateColumn), u"Open"_qs);
    const QModelIndex refused = m_model->indexOfConnection(3);
    QCOMPARE(refused.data(Model::TlsRole).toInt(), int(Tls::Failed));
    QCOMPARE(cell(refused, Model::StateColumn), u"TLS handshake failed"_qs);
    QCOMPARE(refused.data(Qt::ToolTipRole).toString(),
             u"TLS handshake failed: the client sent no certificate"_qs);
    const QList<Model::Detail> details = m_model->details(refused);
    QVERIFY(std::any_of(details.cbegin(), details.cend(), [](const Model::Detail& d) {
        return d.label == u"TLS" && d.value.startsWith(u"TLS handshake failed");
    }));

    // A client speaks TLS from its first record on; its handshake decides the rest.
    feed({m_events.connect(6, u"example.test:443"_qs),
          m_events.connected(6, u"127.0.0.1:50000"_qs, u"127.0.0.1:443"_qs),
          asWire(m_events.data(6, Direction::Out, "\x16\x03\x01"))});
    QCOMPARE(m_model->indexOfConnection(6).data(Model::TlsRole).toInt(), int(Tls::Handshaking));
    QCOMPARE(m_model->indexOfConnection(6).data(Qt::ToolTipRole).toString(),
             u"TLS, handshake not ended yet"_qs);
    // Ended before its handshake did: the lock does not stay outlined.
    feed({m_events.close(6, Closer::Local)});
    QCOMPARE(m_model->indexOfConnection(6).data(Model::TlsRole).toInt(), int(Tls::Failed));
    QCOMPARE(m_model->indexOfConnection(6).data(Qt::ToolTipRole).toString(),
             u"TLS handshake failed"_qs);
}

void tst_ConnectionsModel::manyConnections() {
    constexpr int kBatches = 10;
    constexpr int kPerBatch = 1000;
    feed({m_events.listen(1, u"0.0.0.0:8080"_qs)});
    int conn = 2;
    for (int b = 0; b < kBatches; ++b) {
        EventBatch batch;
        for (int i = 0; i < kPerBatch; ++i, ++conn) {
            batch.append(
                m_events.accept(conn, 1, u"127.0.0.1:8080"_qs, listenerPeer(20000 + conn)));
            batch.append(m_events.data(conn, Direction::In, "GET /\r\n"));
            // Close the previous one, so every batch also changes older rows.
            if (conn > 2)
                batch.append(m_events.close(conn - 1, Closer::Peer));
        }
        m_inserted.clear();
        m_changed.clear();
        feed(batch);
        QCOMPARE(m_inserted, (QList<RowsChange>{{1, b * kPerBatch, (b + 1) * kPerBatch - 1}}));
        const int firstChanged = b == 0 ? 0 : b * kPerBatch - 1;
        QCOMPARE(m_changed.size(), b == 0 ? 1 : 2);
        if (b > 0)
            QCOMPARE(m_changed.last(), (RowsChange{1, firstChanged, firstChanged}));
    }
    QCOMPARE(m_model->rowCount(m_model->indexOfListener(1)), kBatches * kPerBatch);
    QCOMPARE(m_model->openConnectionCount(), 1);
    const QModelIndex last = m_model->indexOfConnection(conn - 1);
    QCOMPARE(last.row(), kBatches * kPerBatch - 1);
    QCOMPARE(cell(last, Model::BytesInColumn), u"7 bytes"_qs);

    m_model->clearClosed();
    QCOMPARE(m_removed, (QList<RowsChange>{{1, 0, kBatches * kPerBatch - 2}}));
    QCOMPARE(m_model->indexOfConnection(conn - 1).row(), 0);
}

// Colours need a QGuiApplication.
QTEST_MAIN(tst_ConnectionsModel)
#include "tst_connectionsmodel.moc"
