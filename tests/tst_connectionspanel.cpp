#include "connectionspanel.h"
#include "eventfactory.h"
#include "freshrowdelegate.h"
#include "models/connectionsmodel.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QToolTip>
#include <QTreeView>

using namespace sockscope;

class tst_ConnectionsPanel final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;

    void populate(ConnectionsModel& model) {
        model.applyBatch({m_events.listen(1, QStringLiteral("127.0.0.1:5000")),
                          m_events.accept(2, 1, QStringLiteral("127.0.0.1:5000"),
                                          QStringLiteral("127.0.0.1:40001")),
                          m_events.accept(3, 1, QStringLiteral("127.0.0.1:5000"),
                                          QStringLiteral("127.0.0.1:40002")),
                          m_events.data(3, Direction::In, QByteArray(500, 'x')),
                          m_events.connect(4, QStringLiteral("127.0.0.1:5000")),
                          m_events.connected(4, QStringLiteral("127.0.0.1:40003"),
                                             QStringLiteral("127.0.0.1:5000"))},
                         {});
    }

    QModelIndex proxyIndexOf(const ConnectionsPanel& panel, const ConnectionsModel& model,
                             int conn) {
        return panel.proxy()->mapFromSource(model.indexOfConnection(conn));
    }

private Q_SLOTS:
    void init() { m_events = EventFactory(); }

    void expandedByDefault() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        populate(model);
        QTreeView* view = panel.view();
        for (int row = 0; row < panel.proxy()->rowCount(); ++row)
            QVERIFY(view->isExpanded(panel.proxy()->index(row, 0)));
        QVERIFY(view->visualRect(proxyIndexOf(panel, model, 2)).isValid());
    }

    void selectionNamesConnectionsOnly() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        populate(model);
        QSignalSpy spy(&panel, &ConnectionsPanel::currentConnectionChanged);

        panel.view()->setCurrentIndex(proxyIndexOf(panel, model, 3));
        QCOMPARE(panel.currentConnection(), 3);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 3);

        panel.view()->setCurrentIndex(panel.proxy()->mapFromSource(model.indexOfListener(1)));
        QCOMPARE(panel.currentConnection(), 0);
        QCOMPARE(panel.currentListener(), 1);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toInt(), 0);

        panel.selectConnection(4);
        QCOMPARE(panel.currentConnection(), 4);
        QVERIFY(panel.describeConnection(4).contains(u"127.0.0.1:40003"));
    }

    void newRowsGlowThenFade() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        model.applyBatch({m_events.listen(1, QStringLiteral("127.0.0.1:5000"))}, {});
        const QModelIndex listener = panel.proxy()->mapFromSource(model.indexOfListener(1));
        QVERIFY(panel.delegate()->isFresh(listener));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.delegate()->isFresh(listener),
                                 FreshRowDelegate::kFadeMs * 3);

        // A later arrival glows on its own while the listener stays quiet.
        model.applyBatch({m_events.accept(2, 1, QStringLiteral("127.0.0.1:5000"),
                                          QStringLiteral("127.0.0.1:40001"))},
                         {});
        QVERIFY(panel.delegate()->isFresh(proxyIndexOf(panel, model, 2)));
        QVERIFY(!panel.delegate()->isFresh(listener));
    }

    void onlyTheNewestRowsOfABurstGlow() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        const QString local = QStringLiteral("127.0.0.1:5000");
        model.applyBatch({m_events.listen(1, local)}, {});
        const auto acceptBatch = [&](int firstConn, int count) {
            EventBatch batch;
            for (int conn = firstConn; conn < firstConn + count; ++conn)
                batch += m_events.accept(conn, 1, local, QStringLiteral("127.0.0.1:%1").arg(conn));
            model.applyBatch(batch, {});
        };
        const auto fresh = [&](int conn) {
            return panel.delegate()->isFresh(proxyIndexOf(panel, model, conn));
        };
        constexpr int kMax = FreshRowDelegate::kMaxFreshRows;

        acceptBatch(2, 1000); // connections 2..1001
        QVERIFY(fresh(1001));
        QVERIFY(fresh(1001 - kMax + 1));
        QVERIFY(!fresh(1001 - kMax));
        QVERIFY(!fresh(2));

        // A later arrival pushes the oldest glowing rows out.
        acceptBatch(1002, 10);
        QVERIFY(fresh(1011));
        QVERIFY(fresh(1011 - kMax + 1));
        QVERIFY(!fresh(1011 - kMax));
    }

    void cutOffAddressesShowWholeAsTooltip() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.resize(panel.sizeHint().width(), 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString local = QStringLiteral("[2001:db8:1234:5678:9abc:def0:1234:5678]:8080");
        const QString peer = QStringLiteral("[2001:db8:1234:5678:9abc:def0:1234:9999]:54321");
        model.applyBatch({m_events.listen(1, local), m_events.accept(2, 1, local, peer)}, {});
        QTreeView* view = panel.view();
        const QModelIndex cell =
            proxyIndexOf(panel, model, 2).siblingAtColumn(ConnectionsModel::PeerColumn);
        const QRect rect = view->visualRect(cell);
        QVERIFY(rect.isValid());

        QHelpEvent help(QEvent::ToolTip, rect.center(),
                        view->viewport()->mapToGlobal(rect.center()));
        QStyleOptionViewItem option;
        option.initFrom(view->viewport());
        option.rect = rect;
        QVERIFY(panel.delegate()->helpEvent(&help, view, option, cell));
        QTRY_COMPARE(QToolTip::text(), peer);
        QToolTip::hideText();

        // A loopback address fits: no tooltip repeating what is in view.
        model.applyBatch({m_events.connect(3, QStringLiteral("127.0.0.1:8080")),
                          m_events.connected(3, QStringLiteral("127.0.0.1:40000"),
                                             QStringLiteral("127.0.0.1:8080"))},
                         {});
        const QModelIndex shortCell =
            proxyIndexOf(panel, model, 3).siblingAtColumn(ConnectionsModel::PeerColumn);
        option.rect = view->visualRect(shortCell);
        QHelpEvent shortHelp(QEvent::ToolTip, option.rect.center(),
                             view->viewport()->mapToGlobal(option.rect.center()));
        QVERIFY(!panel.delegate()->helpEvent(&shortHelp, view, option, shortCell));
    }

    void sizeHintShowsEveryColumn() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.resize(panel.sizeHint().width(), 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        populate(model);
        const QHeaderView* header = panel.view()->header();
        const int viewport = panel.view()->viewport()->width();
        for (int column = 0; column < ConnectionsModel::ColumnCount; ++column) {
            QVERIFY2(header->sectionViewportPosition(column) + header->sectionSize(column) <=
                         viewport,
                     qPrintable(QString::number(column)));
        }
        // The Detail column gets room for more than a few letters.
        QVERIFY(header->sectionSize(ConnectionsModel::DetailColumn) >=
                panel.fontMetrics().horizontalAdvance(QStringLiteral("backlog 1024")));
    }

    void sortsByBytes() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        populate(model);
        const QModelIndex listener = panel.proxy()->mapFromSource(model.indexOfListener(1));
        // Start order first: #2 before #3.
        QCOMPARE(panel.proxy()->index(0, 0, listener).data(ConnectionsModel::IdRole).toInt(), 2);
        panel.view()->sortByColumn(ConnectionsModel::BytesInColumn, Qt::DescendingOrder);
        const QModelIndex sortedListener = panel.proxy()->mapFromSource(model.indexOfListener(1));
        QCOMPARE(panel.proxy()->index(0, 0, sortedListener).data(ConnectionsModel::IdRole).toInt(),
                 3);
    }

    void clearClosedKeepsOpenRows() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        populate(model);
        model.applyBatch({m_events.close(2, Closer::Peer)}, {});
        panel.clearClosed();
        QVERIFY(!model.indexOfConnection(2).isValid());
        QVERIFY(model.indexOfConnection(3).isValid());
        QVERIFY(model.indexOfConnection(4).isValid());
    }
};

QTEST_MAIN(tst_ConnectionsPanel)
#include "tst_connectionspanel.moc"
