// The system sockets table follows snapshots by diffing: ranged inserts and
// removes, dataChanged for what changed, never a reset; new and closed rows
// are marked for one snapshot.
#include "models/palettecolors.h"
#include "models/systemsocketsmodel.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace sockscope;

namespace {
SystemSocket connection(quint16 localPort, quint16 remotePort,
                        TcpState state = TcpState::Established, quint64 inode = 0) {
    SystemSocket s;
    s.local = QStringLiteral("127.0.0.1:%1").arg(localPort);
    s.localPort = localPort;
    s.remote = QStringLiteral("127.0.0.1:%1").arg(remotePort);
    s.remotePort = remotePort;
    s.state = state;
    s.inode = inode != 0 ? inode : localPort;
    return s;
}
SystemSocket listener(quint16 port, quint64 inode) {
    SystemSocket s = connection(port, 0, TcpState::Listen, inode);
    s.remote = QStringLiteral("0.0.0.0:0");
    return s;
}
SystemSnapshot snapshot(const QList<SystemSocket>& sockets) {
    SystemSnapshot s;
    s.sockets = sockets;
    s.ephemeralPorts = PortRange{32768, 60999};
    return s;
}
using Range = std::pair<int, int>;
// rowsInserted and rowsRemoved: (parent, first, last).
QList<Range> rowRanges(const QSignalSpy& spy) {
    QList<Range> out;
    for (const QList<QVariant>& args : spy)
        out.append({args.at(1).toInt(), args.at(2).toInt()});
    return out;
}
// dataChanged: (topLeft, bottomRight, roles), always whole rows.
QList<Range> changedRows(const QSignalSpy& spy) {
    QList<Range> out;
    for (const QList<QVariant>& args : spy) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        if (topLeft.column() != 0 || bottomRight.column() != SystemSocketsModel::ColumnCount - 1)
            out.append({-1, -1});
        else
            out.append({topLeft.row(), bottomRight.row()});
    }
    return out;
}
} // namespace

class tst_SystemSocketsModel final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void firstSnapshotIsOneInsertAndNothingIsNew();
    void diffMarksNewChangedAndClosed();
    void removesInRangedRunsFromTheBack();
    void closedRowComesBack();
    void connectionKeepsItsRowThroughStates_data();
    void connectionKeepsItsRowThroughStates();
    void duplicatesAndSharedListenAddresses();
    void flagsOwnSocketsAndEphemeralPorts();
    void sortsNumbersAsNumbers();

private:
    QStringList locals() const;

    std::unique_ptr<SystemSocketsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_inserted;
    std::unique_ptr<QSignalSpy> m_removed;
    std::unique_ptr<QSignalSpy> m_changed;
    std::unique_ptr<QSignalSpy> m_reset;
    std::unique_ptr<QSignalSpy> m_layout;
};

void tst_SystemSocketsModel::init() {
    m_model = std::make_unique<SystemSocketsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_inserted = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_removed = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_changed = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::dataChanged);
    m_reset = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::modelReset);
    m_layout = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::layoutChanged);
}

void tst_SystemSocketsModel::cleanup() {
    QCOMPARE(m_reset->count(), 0);
    QCOMPARE(m_layout->count(), 0);
    m_tester.reset();
    m_model.reset();
}

QStringList tst_SystemSocketsModel::locals() const {
    QStringList out;
    for (int row = 0; row < m_model->rowCount(); ++row)
        out << m_model->index(row, SystemSocketsModel::LocalColumn).data().toString();
    return out;
}

void tst_SystemSocketsModel::firstSnapshotIsOneInsertAndNothingIsNew() {
    m_model->applySnapshot(
        snapshot({listener(80, 1), connection(40000, 80), connection(80, 40000)}));
    QCOMPARE(rowRanges(*m_inserted), (QList<Range>{{0, 2}}));
    QCOMPARE(m_changed->count(), 0);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(m_model->index(row, 0).data(SystemSocketsModel::IsNewRole).toBool(), false);
        QCOMPARE(m_model->index(row, 0).data(SystemSocketsModel::IsClosedRole).toBool(), false);
    }
    QCOMPARE(m_model->index(0, SystemSocketsModel::StateColumn).data().toString(),
             QStringLiteral("LISTEN"));
    QCOMPARE(m_model->index(0, SystemSocketsModel::RemoteColumn).data().toString(),
             QStringLiteral("0.0.0.0:0"));
}

void tst_SystemSocketsModel::diffMarksNewChangedAndClosed() {
    const SystemSocket a = connection(40001, 80);
    const SystemSocket b = connection(40002, 80);
    SystemSocket c = connection(40003, 80);
    m_model->applySnapshot(snapshot({a, b, c}));
    m_inserted->clear();

    // b is gone, c's receive queue grew, d and e are new.
    c.rxQueue = 512;
    m_model->applySnapshot(snapshot({a, connection(40004, 80), c, connection(40005, 80)}));
    QCOMPARE(m_removed->count(), 0); // b lingers, marked closed
    QCOMPARE(changedRows(*m_changed), (QList<Range>{{1, 2}}));
    QCOMPARE(rowRanges(*m_inserted), (QList<Range>{{3, 4}}));
    QCOMPARE(locals(), (QStringList{"127.0.0.1:40001", "127.0.0.1:40002", "127.0.0.1:40003",
                                    "127.0.0.1:40004", "127.0.0.1:40005"}));
    QCOMPARE(m_model->index(1, 0).data(SystemSocketsModel::IsClosedRole).toBool(), true);
    QCOMPARE(m_model->index(2, SystemSocketsModel::RecvQColumn).data().toUInt(), 512u);
    QCOMPARE(m_model->index(3, 0).data(SystemSocketsModel::IsNewRole).toBool(), true);
    QCOMPARE(m_model->index(4, 0).data(SystemSocketsModel::IsNewRole).toBool(), true);
    QCOMPARE(m_model->index(0, 0).data(SystemSocketsModel::IsNewRole).toBool(), false);
    // The model itself greys the closed row and highlights the new ones.
    const QPalette palette = QGuiApplication::palette();
    const auto style = [&](int row, int role) {
        return m_model->index(row, SystemSocketsModel::LocalColumn).data(role);
    };
    QCOMPARE(style(1, Qt::ForegroundRole).value<QColor>(),
             palette.color(QPalette::Disabled, QPalette::Text));
    QVERIFY(style(1, Qt::FontRole).value<QFont>().italic());
    QVERIFY(!style(1, Qt::BackgroundRole).isValid());
    QCOMPARE(style(3, Qt::BackgroundRole).value<QColor>(), freshRowBackground(palette, 1.0));
    for (int role : {int(Qt::ForegroundRole), int(Qt::BackgroundRole), int(Qt::FontRole)})
        QVERIFY(!style(0, role).isValid());

    // Same again: b goes, d and e are no longer new, nothing else changes.
    m_changed->clear();
    m_inserted->clear();
    m_model->applySnapshot(snapshot({a, connection(40004, 80), c, connection(40005, 80)}));
    QCOMPARE(rowRanges(*m_removed), (QList<Range>{{1, 1}}));
    QCOMPARE(changedRows(*m_changed), (QList<Range>{{2, 3}}));
    QCOMPARE(m_inserted->count(), 0);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->index(2, 0).data(SystemSocketsModel::IsNewRole).toBool(), false);

    // A snapshot identical to the previous one changes nothing at all.
    m_changed->clear();
    m_removed->clear();
    m_model->applySnapshot(snapshot({a, connection(40004, 80), c, connection(40005, 80)}));
    QCOMPARE(m_changed->count(), 0);
    QCOMPARE(m_removed->count(), 0);
    QCOMPARE(m_inserted->count(), 0);
}

void tst_SystemSocketsModel::removesInRangedRunsFromTheBack() {
    QList<SystemSocket> all;
    for (quint16 port = 40000; port < 40006; ++port)
        all << connection(port, 80);
    m_model->applySnapshot(snapshot(all));
    const QList<SystemSocket> kept{all[0], all[3], all[5]};
    m_model->applySnapshot(snapshot(kept)); // 1, 2 and 4 close
    QCOMPARE(changedRows(*m_changed), (QList<Range>{{1, 2}, {4, 4}}));
    m_model->applySnapshot(snapshot(kept)); // and go
    QCOMPARE(rowRanges(*m_removed), (QList<Range>{{4, 4}, {1, 2}}));
    QCOMPARE(locals(), (QStringList{"127.0.0.1:40000", "127.0.0.1:40003", "127.0.0.1:40005"}));
}

void tst_SystemSocketsModel::closedRowComesBack() {
    const SystemSocket a = connection(40001, 80);
    const SystemSocket b = connection(40002, 80);
    m_model->applySnapshot(snapshot({a, b}));
    m_model->applySnapshot(snapshot({a}));
    QCOMPARE(m_model->index(1, 0).data(SystemSocketsModel::IsClosedRole).toBool(), true);
    // Missing once (the kernel's table is not read atomically), then back.
    m_model->applySnapshot(snapshot({a, b}));
    QCOMPARE(m_removed->count(), 0);
    QCOMPARE(m_inserted->count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(1, 0).data(SystemSocketsModel::IsClosedRole).toBool(), false);
    QCOMPARE(m_model->index(1, 0).data(SystemSocketsModel::IsNewRole).toBool(), true);
}

void tst_SystemSocketsModel::connectionKeepsItsRowThroughStates_data() {
    QTest::addColumn<int>("fromState");
    QTest::addColumn<quint64>("fromInode");
    QTest::addColumn<int>("toState");
    QTest::addColumn<quint64>("toInode");
    QTest::newRow("accept() gives it an inode")
        << int(TcpState::Established) << quint64(0) << int(TcpState::Established) << quint64(99);
    QTest::newRow("active close to TIME_WAIT")
        << int(TcpState::FinWait2) << quint64(99) << int(TcpState::TimeWait) << quint64(0);
    QTest::newRow("peer closed") << int(TcpState::Established) << quint64(99)
                                 << int(TcpState::CloseWait) << quint64(99);
}

void tst_SystemSocketsModel::connectionKeepsItsRowThroughStates() {
    QFETCH(int, fromState);
    QFETCH(quint64, fromInode);
    QFETCH(int, toState);
    QFETCH(quint64, toInode);
    SystemSocket before = connection(8080, 50000, TcpState(fromState));
    before.inode = fromInode;
    SystemSocket after = before;
    after.state = TcpState(toState);
    after.inode = toInode;
    m_model->applySnapshot(snapshot({before}));
    m_model->applySnapshot(snapshot({after}));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_inserted->count(), 1);
    QCOMPARE(changedRows(*m_changed), (QList<Range>{{0, 0}}));
    QCOMPARE(m_model->index(0, 0).data(SystemSocketsModel::StateRole).toInt(), toState);
    QCOMPARE(m_model->index(0, 0).data(SystemSocketsModel::IsClosedRole).toBool(), false);
}

void tst_SystemSocketsModel::duplicatesAndSharedListenAddresses() {
    // SO_REUSEPORT: two listeners on one address, told apart by inode; and a
    // socket the kernel listed twice while it was being read.
    const SystemSocket twice = connection(40001, 80);
    m_model->applySnapshot(snapshot({listener(80, 1), listener(80, 2), twice, twice}));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(0, 0).data(SystemSocketsModel::InodeRole).toULongLong(), 1u);
    QCOMPARE(m_model->index(1, 0).data(SystemSocketsModel::InodeRole).toULongLong(), 2u);
}

void tst_SystemSocketsModel::flagsOwnSocketsAndEphemeralPorts() {
    SystemSocket own = connection(40001, 80);
    own.pid = QCoreApplication::applicationPid();
    own.process = QStringLiteral("sockscope");
    SystemSocket other = connection(80, 40001);
    other.pid = 1;
    other.process = QStringLiteral("init");
    m_model->applySnapshot(snapshot({own, other, listener(45000, 7)}));
    QCOMPARE(m_model->index(0, 0).data(SystemSocketsModel::IsOwnRole).toBool(), true);
    QCOMPARE(m_model->index(1, 0).data(SystemSocketsModel::IsOwnRole).toBool(), false);
    QCOMPARE(m_model->index(2, 0).data(SystemSocketsModel::IsOwnRole).toBool(), false);
    // Our own sockets in bold on a tint; others plain.
    QVERIFY(m_model->index(0, 0).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(m_model->index(0, 0).data(Qt::BackgroundRole).value<QColor>(),
             infoBackground(QGuiApplication::palette()));
    QVERIFY(!m_model->index(1, 0).data(Qt::FontRole).isValid());
    QVERIFY(!m_model->index(1, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(m_model->index(0, SystemSocketsModel::ProcessColumn).data().toString(),
             QStringLiteral("sockscope"));
    QCOMPARE(m_model->index(1, SystemSocketsModel::PidColumn).data().toLongLong(), 1);
    // A client's port comes from the ephemeral range; a server's and a
    // listener's (even one the kernel picked) is not "dynamically allocated" to a client.
    QCOMPARE(m_model->index(0, 0).data(SystemSocketsModel::EphemeralPortRole).toBool(), true);
    QCOMPARE(m_model->index(1, 0).data(SystemSocketsModel::EphemeralPortRole).toBool(), false);
    QCOMPARE(m_model->index(2, 0).data(SystemSocketsModel::EphemeralPortRole).toBool(), false);
    QCOMPARE(m_model->ephemeralPorts(), std::optional<PortRange>(PortRange{32768, 60999}));

    // A narrower range changes the flag of every row at once, in one range.
    m_changed->clear();
    SystemSnapshot narrower = snapshot({own, other, listener(45000, 7)});
    narrower.ephemeralPorts = PortRange{50000, 60000};
    m_model->applySnapshot(narrower);
    QCOMPARE(changedRows(*m_changed), (QList<Range>{{0, 2}}));
    QCOMPARE(m_model->index(0, 0).data(SystemSocketsModel::EphemeralPortRole).toBool(), false);
}

void tst_SystemSocketsModel::sortsNumbersAsNumbers() {
    SystemSocket small = connection(40001, 80);
    small.rxQueue = 9;
    SystemSocket big = connection(40002, 80);
    big.rxQueue = 10;
    m_model->applySnapshot(snapshot({small, big}));
    const auto sortKey = [&](int row) {
        return m_model->index(row, SystemSocketsModel::RecvQColumn)
            .data(SystemSocketsModel::SortRole);
    };
    QVERIFY(sortKey(0).toUInt() < sortKey(1).toUInt());
    QCOMPARE(QVariant::compare(sortKey(0), sortKey(1)), QPartialOrdering::Less);
    // An unknown pid sorts as 0, not as an empty string among numbers.
    QCOMPARE(m_model->index(0, SystemSocketsModel::PidColumn).data(SystemSocketsModel::SortRole),
             QVariant(0));
}

// Colours and fonts need a QGuiApplication.
QTEST_MAIN(tst_SystemSocketsModel)
#include "tst_systemsocketsmodel.moc"
