#include "connectionspanel.h"
#include "eventfactory.h"
#include "findpart.h"
#include "freshrowdelegate.h"
#include "models/connectionsmodel.h"
#include "viewparts.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
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
        return parts::proxyOf(panel.view())->mapFromSource(model.indexOfConnection(conn));
    }

    // Triggers the row's context-menu action with that text.
    static bool chooseAction(ConnectionsPanel& panel, const QModelIndex& row, const QString& text) {
        QMenu menu;
        panel.addSocketActions(&menu, row);
        for (QAction* action : menu.actions()) {
            if (action->text() == text) {
                action->trigger();
                return true;
            }
        }
        return false;
    }

    // Cells of shown columns whose text does not fit, and hidden columns
    // that are not the documented low-priority ones (bytes, Detail).
    static QStringList cutCells(const ConnectionsPanel& panel) {
        const QTreeView* view = panel.view();
        const QHeaderView* header = view->header();
        const QFontMetrics metrics = view->fontMetrics();
        const int margins =
            2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
        QList<QModelIndex> rows;
        for (int top = 0; top < parts::proxyOf(panel.view())->rowCount(); ++top) {
            const QModelIndex parent = parts::proxyOf(panel.view())->index(top, 0);
            rows << parent;
            for (int row = 0; row < parts::proxyOf(panel.view())->rowCount(parent); ++row)
                rows << parts::proxyOf(panel.view())->index(row, 0, parent);
        }
        QStringList cut;
        for (int column = 0; column < ConnectionsModel::ColumnCount; ++column) {
            if (header->isSectionHidden(column)) {
                if (column < ConnectionsModel::BytesInColumn)
                    cut << QStringLiteral("column %1 hidden").arg(column);
                continue;
            }
            if (header->sectionViewportPosition(column) + header->sectionSize(column) >
                view->viewport()->width())
                cut << QStringLiteral("column %1 out of view").arg(column);
            for (const QModelIndex& row : std::as_const(rows)) {
                const QModelIndex cell = row.siblingAtColumn(column);
                const int room = view->visualRect(cell).width();
                if (metrics.horizontalAdvance(cell.data().toString()) + margins > room)
                    cut << QStringLiteral("'%1' in %2 px").arg(cell.data().toString()).arg(room);
            }
        }
        return cut;
    }

private Q_SLOTS:
    void init() { m_events = EventFactory(); }

    void clearingARelayPairLeavesNoConnectionCurrent() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        const QString local = QStringLiteral("127.0.0.1:5000");
        CaptureEvent client = m_events.accept(2, 1, local, QStringLiteral("127.0.0.1:40001"));
        client.pair = 3;
        CaptureEvent upstream = m_events.connect(3, QStringLiteral("127.0.0.1:6000"));
        upstream.pair = 2;
        model.applyBatch({m_events.listen(1, local), client, upstream,
                          m_events.connected(3, QStringLiteral("127.0.0.1:40002"),
                                             QStringLiteral("127.0.0.1:6000")),
                          m_events.close(2, Closer::Peer), m_events.close(3, Closer::Local)},
                         {});
        // The upstream leg sits under the client leg, which sits under the
        // listener: removing the client leg takes the current row's grandparent.
        const QModelIndex upstreamRow = proxyIndexOf(panel, model, 3);
        QVERIFY(upstreamRow.isValid());
        QCOMPARE(upstreamRow.parent(), proxyIndexOf(panel, model, 2));
        panel.view()->setCurrentIndex(upstreamRow);
        QCOMPARE(panel.currentConnection(), 3);
        QSignalSpy changed(&panel, &ConnectionsPanel::currentConnectionChanged);
        model.clearClosed();
        QCOMPARE(panel.currentConnection(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toInt(), 0);
    }

    void typicalRowsAreNeverCut_data() {
        QTest::addColumn<bool>("narrowest");
        // The width the window gives the tree at 1024 pixels (its minimum)
        // and at 1920 (all it asks for).
        QTest::newRow("minimum, as at 1024x768") << true;
        QTest::newRow("size hint, as at 1920x1080") << false;
    }

    void typicalRowsAreNeverCut() {
        QFETCH(bool, narrowest);
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        const QString local = QStringLiteral("127.0.0.1:45142");
        CaptureEvent listen = m_events.listen(1, local);
        listen.backlog = 4096;
        listen.responder = QStringLiteral("echo");
        model.applyBatch({listen, m_events.accept(2, 1, local, QStringLiteral("127.0.0.1:45330")),
                          m_events.accept(3, 1, local, QStringLiteral("127.0.0.1:45338")),
                          m_events.data(2, Direction::In, QByteArray(900 * 1024, 'x')),
                          m_events.connect(4, local),
                          m_events.connected(4, QStringLiteral("127.0.0.1:45330"), local),
                          m_events.connect(5, local),
                          m_events.connected(5, QStringLiteral("127.0.0.1:45338"), local),
                          m_events.halfClose(5, Closer::Peer)},
                         {});
        panel.show();
        QVERIFY(chooseAction(panel, proxyIndexOf(panel, model, 3), u"&Pause reading"_qs));
        const QSize size = narrowest ? panel.minimumSizeHint() : panel.sizeHint();
        panel.resize(size.width(), 400);
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QHeaderView* header = panel.view()->header();
        QTRY_COMPARE(panel.view()->viewport()->width(),
                     size.width() - 2 * panel.view()->frameWidth() -
                         panel.view()->verticalScrollBar()->sizeHint().width() *
                             int(panel.view()->verticalScrollBar()->isVisible()));
        const QStringList cut = cutCells(panel);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
        if (!narrowest) {
            for (int column = 0; column < ConnectionsModel::ColumnCount; ++column)
                QVERIFY(!header->isSectionHidden(column));
        }
    }

    void readingPausedShowsInTheStateColumn() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        populate(model);
        QSignalSpy requests(&panel, &ConnectionsPanel::readingPausedRequested);
        const auto state = [&] {
            return model.indexOfConnection(3).siblingAtColumn(ConnectionsModel::StateColumn).data();
        };
        QCOMPARE(state().toString(), u"Open"_qs);
        QVERIFY(chooseAction(panel, proxyIndexOf(panel, model, 3), u"&Pause reading"_qs));
        QCOMPARE(requests.count(), 1);
        QCOMPARE(requests.at(0), (QVariantList{3, true}));
        QCOMPARE(state().toString(), u"Open · reading paused"_qs);
        // Still paused after the peer's FIN...
        model.applyBatch({m_events.halfClose(3, Closer::Peer)}, {});
        QCOMPARE(state().toString(), u"Half-closed by peer · reading paused"_qs);
        // ...and the menu offers to resume.
        QVERIFY(!chooseAction(panel, proxyIndexOf(panel, model, 3), u"&Pause reading"_qs));
        QVERIFY(chooseAction(panel, proxyIndexOf(panel, model, 3), u"&Resume reading"_qs));
        QCOMPARE(requests.at(1), (QVariantList{3, false}));
        QCOMPARE(state().toString(), u"Half-closed by peer"_qs);
        // A closed connection reads nothing: no word of pausing.
        QVERIFY(chooseAction(panel, proxyIndexOf(panel, model, 3), u"&Pause reading"_qs));
        model.applyBatch({m_events.close(3, Closer::Peer)}, {});
        QVERIFY(!state().toString().contains(u"paused"));
    }

    void emptyStateUntilTheFirstSocketAndAfterClearing() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QLabel* empty = parts::find<QLabel>(panel, "emptyState");
        QVERIFY(empty->isVisible());
        QVERIFY(!panel.view()->isVisible());
        QVERIFY(empty->text().contains(u"Ctrl+L"));
        QVERIFY(empty->text().contains(u"Ctrl+N"));
        QVERIFY(empty->text().contains(u"Ctrl+O"));

        // A client alone is a socket too.
        model.applyBatch({m_events.connect(1, QStringLiteral("127.0.0.1:9"))}, {});
        QVERIFY(!empty->isVisible());
        QVERIFY(panel.view()->isVisible());
        model.applyBatch({m_events.error(1, ErrorCode::Refused, QStringLiteral("ECONNREFUSED"))},
                         {});
        QVERIFY(!empty->isVisible()); // a failed client stays until cleared
        panel.clearClosed();
        QVERIFY(empty->isVisible());

        model.applyBatch({m_events.listen(2, QStringLiteral("127.0.0.1:5000"))}, {});
        QVERIFY(!empty->isVisible());

        // A saved session's window never shows it, even empty.
        ConnectionsModel savedModel;
        ConnectionsPanel saved(&savedModel);
        saved.setReadOnly(true);
        saved.show();
        QVERIFY(QTest::qWaitForWindowExposed(&saved));
        QVERIFY(!parts::find<QLabel>(saved, "emptyState")->isVisible());
        QVERIFY(saved.view()->isVisible());
    }

    void emptyStateLinksAskForTheActions() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy listen(&panel, &ConnectionsPanel::listenRequested);
        QSignalSpy connect(&panel, &ConnectionsPanel::connectRequested);
        QSignalSpy open(&panel, &ConnectionsPanel::openSessionRequested);
        // From the keyboard: Tab walks the links, Return follows one.
        QLabel* empty = parts::find<QLabel>(panel, "emptyState");
        empty->setFocus();
        QVERIFY(empty->hasFocus());
        const auto follow = [&](int tabs) {
            for (int i = 0; i < tabs; ++i)
                QTest::keyClick(empty, Qt::Key_Tab);
            QTest::keyClick(empty, Qt::Key_Return);
        };
        follow(1);
        QCOMPARE(listen.count(), 1);
        follow(1);
        QCOMPARE(connect.count(), 1);
        follow(1);
        QCOMPARE(open.count(), 1);
        QCOMPARE(listen.count(), 1);
        // The HOWTO link opens the guide's bundled page: no network needed.
        QSignalSpy guide(&panel, &ConnectionsPanel::guideRequested);
        follow(1);
        QCOMPARE(guide.count(), 1);
        QCOMPARE(guide.at(0).at(0).toUrl(), QUrl(QStringLiteral("qrc:/docs/howto-features.md")));
    }

    void expandedByDefault() {
        ConnectionsModel model;
        ConnectionsPanel panel(&model);
        panel.show();
        populate(model);
        QTreeView* view = panel.view();
        for (int row = 0; row < parts::proxyOf(panel.view())->rowCount(); ++row)
            QVERIFY(view->isExpanded(parts::proxyOf(panel.view())->index(row, 0)));
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

        panel.view()->setCurrentIndex(
            parts::proxyOf(panel.view())->mapFromSource(model.indexOfListener(1)));
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
        const QModelIndex listener =
            parts::proxyOf(panel.view())->mapFromSource(model.indexOfListener(1));
        QVERIFY(parts::delegateOf<FreshRowDelegate>(panel.view())->isFresh(listener));
        QTRY_VERIFY_WITH_TIMEOUT(
            !parts::delegateOf<FreshRowDelegate>(panel.view())->isFresh(listener),
            FreshRowDelegate::kFadeMs * 3);

        // A later arrival glows on its own while the listener stays quiet.
        model.applyBatch({m_events.accept(2, 1, QStringLiteral("127.0.0.1:5000"),
                                          QStringLiteral("127.0.0.1:40001"))},
                         {});
        QVERIFY(parts::delegateOf<FreshRowDelegate>(panel.view())
                    ->isFresh(proxyIndexOf(panel, model, 2)));
        QVERIFY(!parts::delegateOf<FreshRowDelegate>(panel.view())->isFresh(listener));
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
            return parts::delegateOf<FreshRowDelegate>(panel.view())
                ->isFresh(proxyIndexOf(panel, model, conn));
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
        QVERIFY(parts::delegateOf<FreshRowDelegate>(panel.view())
                    ->helpEvent(&help, view, option, cell));
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
        QVERIFY(!parts::delegateOf<FreshRowDelegate>(panel.view())
                     ->helpEvent(&shortHelp, view, option, shortCell));
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
        const QModelIndex listener =
            parts::proxyOf(panel.view())->mapFromSource(model.indexOfListener(1));
        // Start order first: #2 before #3.
        QCOMPARE(parts::proxyOf(panel.view())
                     ->index(0, 0, listener)
                     .data(ConnectionsModel::IdRole)
                     .toInt(),
                 2);
        panel.view()->sortByColumn(ConnectionsModel::BytesInColumn, Qt::DescendingOrder);
        const QModelIndex sortedListener =
            parts::proxyOf(panel.view())->mapFromSource(model.indexOfListener(1));
        QCOMPARE(parts::proxyOf(panel.view())
                     ->index(0, 0, sortedListener)
                     .data(ConnectionsModel::IdRole)
                     .toInt(),
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
