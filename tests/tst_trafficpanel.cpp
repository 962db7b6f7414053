#include "eventfactory.h"
#include "fakesessionsource.h"
#include "models/trafficmodel.h"
#include "trafficfiltermodel.h"
#include "trafficpanel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace sockscope;

class tst_TrafficPanel final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    FakeSessionSource m_source;

    EventBatch chunks(int count, int conn, Direction dir) {
        EventBatch batch;
        for (int i = 0; i < count; ++i)
            batch << m_events.data(conn, dir, QByteArray::number(i) + "\n");
        return batch;
    }

private Q_SLOTS:
    void init() {
        m_events = EventFactory();
        m_source.clear();
    }

    void filtersBySelectedConnection() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.show();
        model.applyBatch(chunks(3, 1, Direction::In) + chunks(2, 2, Direction::Out), {});
        QCOMPARE(panel.filterModel()->rowCount(), 5);

        panel.setConnection(2);
        QCOMPARE(panel.shownConnection(), 2);
        QCOMPARE(panel.filterModel()->rowCount(), 2);
        model.applyBatch(chunks(1, 1, Direction::In) + chunks(1, 2, Direction::In), {});
        QCOMPARE(panel.filterModel()->rowCount(), 3);

        panel.allConnectionsToggle()->setChecked(true);
        QCOMPARE(panel.shownConnection(), 0);
        QCOMPARE(panel.filterModel()->rowCount(), 7);
        panel.allConnectionsToggle()->setChecked(false);
        panel.setConnection(0);
        QCOMPARE(panel.filterModel()->rowCount(), 7);
    }

    void directionShownByArrowAndColour() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        model.applyBatch(chunks(1, 1, Direction::In) + chunks(1, 1, Direction::Out), {});
        const QModelIndex in = panel.filterModel()->index(0, TrafficModel::DirectionColumn);
        const QModelIndex out = panel.filterModel()->index(1, TrafficModel::DirectionColumn);
        QVERIFY(in.data().toString().contains(u"in"));
        QVERIFY(out.data().toString().contains(u"out"));
        QVERIFY(in.data(Qt::ForegroundRole).value<QColor>() !=
                out.data(Qt::ForegroundRole).value<QColor>());
        QVERIFY(in.data(Qt::BackgroundRole).value<QColor>() !=
                out.data(Qt::BackgroundRole).value<QColor>());
    }

    void pickingAChunkOfAnotherConnectionLeadsToIt() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.show();
        model.applyBatch(chunks(1, 1, Direction::In) + chunks(1, 2, Direction::Out), {});
        // Nothing selected: every connection shows, and the title says why.
        QVERIFY(panel.findChild<QLabel*>()->text().contains(u"select one"));
        QSignalSpy picked(&panel, &TrafficPanel::connectionPicked);
        panel.view()->setCurrentIndex(panel.filterModel()->index(1, 0));
        QCOMPARE(picked.count(), 1);
        QCOMPARE(picked.at(0).at(0).toInt(), 2);
        // The box now says what the table shows: all of them.
        QVERIFY(panel.allConnectionsToggle()->isChecked());
        panel.setConnection(2);
        QCOMPARE(panel.filterModel()->rowCount(), 2);
        panel.view()->setCurrentIndex(panel.filterModel()->index(0, 0));
        QCOMPARE(picked.count(), 2); // connection 1's chunk
        panel.setConnection(1);
        panel.view()->setCurrentIndex(panel.filterModel()->index(0, 0));
        QCOMPARE(picked.count(), 2); // its own connection: nothing to follow
    }

    void contextMenuShowsAndCopiesTheChunk() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        const EventBatch batch{m_events.data(4, Direction::In, QByteArray("hi\x00\xff", 4))};
        m_source.add(batch);
        model.applyBatch(batch, {});
        QMenu menu;
        panel.addChunkActions(&menu, panel.filterModel()->index(0, 0));
        QStringList texts;
        for (QAction* action : menu.actions())
            texts << action->text();
        QVERIFY2(texts.contains(u"Show in &Follow stream"), qPrintable(texts.join(u", ")));
        QVERIFY(texts.contains(u"Select &connection #4"));
        QSignalSpy show(&panel, &TrafficPanel::showInStreamRequested);
        menu.actions().first()->trigger();
        QCOMPARE(show.count(), 1);
        QCOMPARE(show.at(0).at(0).value<CaptureEvent>().conn, 4);
        for (QAction* action : menu.actions()) {
            if (action->text() == u"Copy payload as &hex")
                action->trigger();
        }
        QCOMPARE(QGuiApplication::clipboard()->text(), u"68 69 00 ff");
    }

    void selectingAChunkShowsItsBytes() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.show();
        model.applyBatch(chunks(3, 1, Direction::In), {});
        QSignalSpy spy(&panel, &TrafficPanel::currentChunkChanged);
        panel.view()->setCurrentIndex(panel.filterModel()->index(1, 0));
        QCOMPARE(spy.count(), 1);
        const auto chunk = spy.at(0).at(0).value<CaptureEvent>();
        QCOMPARE(chunk.data, QByteArray("1\n"));
        QCOMPARE(chunk.seq, model.eventAt(1).seq);
        panel.view()->setCurrentIndex({});
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).value<CaptureEvent>().seq, quint64(0));
    }

    void followsTheTailOnlyAtTheBottom() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.resize(500, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QScrollBar* bar = panel.view()->verticalScrollBar();

        model.applyBatch(chunks(200, 1, Direction::In), {});
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());

        // Reading older rows: new ones must not yank the view away.
        bar->setValue(0);
        model.applyBatch(chunks(50, 1, Direction::In), {});
        QCoreApplication::processEvents();
        QCOMPARE(bar->value(), 0);

        bar->setValue(bar->maximum());
        const int before = bar->maximum();
        model.applyBatch(chunks(50, 1, Direction::In), {});
        QTRY_VERIFY(bar->maximum() > before);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    void findWrapsAndReportsMisses() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.show();
        model.applyBatch({m_events.data(1, Direction::In, "alpha"),
                          m_events.data(1, Direction::Out, "Beta"),
                          m_events.data(1, Direction::In, "gamma beta")},
                         {});
        QVERIFY(panel.find(QStringLiteral("beta")));
        QCOMPARE(panel.view()->currentIndex().row(), 1);
        QVERIFY(panel.find(QStringLiteral("beta")));
        QCOMPARE(panel.view()->currentIndex().row(), 2);
        QVERIFY(panel.find(QStringLiteral("beta")));
        QCOMPARE(panel.view()->currentIndex().row(), 1);
        QVERIFY(panel.find(QStringLiteral("beta"), true));
        QCOMPARE(panel.view()->currentIndex().row(), 2);
        QVERIFY(!panel.find(QStringLiteral("delta")));
        QCOMPARE(panel.view()->currentIndex().row(), 2);
    }

    void findSearchesBeyondAPreview() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.show();
        // The row holds "aaaa"; the session has the needle further on.
        const CaptureEvent chunk = m_events.data(1, Direction::In, QByteArray(100, 'a') + "needle");
        m_source.add({chunk});
        model.applyBatch(withPayloadPreviews({m_events.data(1, Direction::In, "hay"), chunk}, 4),
                         {});
        QVERIFY(panel.find(QStringLiteral("needle")));
        QCOMPARE(panel.view()->currentIndex().row(), 1);
    }
};

QTEST_MAIN(tst_TrafficPanel)
#include "tst_trafficpanel.moc"
