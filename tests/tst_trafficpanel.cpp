#include "eventfactory.h"
#include "fakesessionsource.h"
#include "models/trafficmodel.h"
#include "trafficfilterbar.h"
#include "trafficfiltermodel.h"
#include "trafficpanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
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
        panel.view()->setCurrentIndex(panel.filterModel()->index(0, 0));
        QMenu* copy = nullptr;
        for (QAction* action : menu.actions()) {
            if (action->text() == u"Cop&y as")
                copy = action->menu();
        }
        QVERIFY(copy);
        for (QAction* action : copy->actions()) {
            if (action->text() == u"&Hex")
                action->trigger();
        }
        QCOMPARE(QGuiApplication::clipboard()->text(), u"68 69 00 ff");
    }

    // Binary payloads, whole from the capture though the rows hold previews,
    // in every format, for a multi-row selection, by the menu and Ctrl+C.
    void copiesSelectedRowsInEveryFormat() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QByteArray binary("\x00\xff\xfe", 3);
        const QByteArray large = QByteArray(300, 'a') + binary; // beyond the preview
        const EventBatch batch{m_events.data(1, Direction::In, binary),
                               m_events.data(1, Direction::Out, "skipped"),
                               m_events.data(1, Direction::In, large)};
        m_source.add(batch);
        model.applyBatch(withPayloadPreviews(batch, kBatchPreviewBytes), {});
        QVERIFY(model.eventAt(2).isPreview());
        panel.view()->setCurrentIndex(panel.filterModel()->index(0, 0));
        panel.view()->selectionModel()->select(panel.filterModel()->index(2, 0),
                                               QItemSelectionModel::Select |
                                                   QItemSelectionModel::Rows);
        QSignalSpy messages(&panel, &TrafficPanel::statusMessage);

        QGuiApplication::clipboard()->clear();
        panel.view()->setFocus();
        QTest::keyClick(panel.view(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("\\x00\\xff\\xfe\n") +
                                                           QString(300, u'a') +
                                                           QStringLiteral("\\x00\\xff\\xfe"));
        QCOMPARE(messages.count(), 1);
        QVERIFY(messages.at(0).at(0).toString().startsWith(u"Copied 2 chunk"));

        QMenu menu;
        panel.addChunkActions(&menu, panel.filterModel()->index(2, 0));
        QMenu* copy = nullptr;
        for (QAction* action : menu.actions()) {
            if (action->text() == u"Cop&y as")
                copy = action->menu();
        }
        QVERIFY(copy);
        const auto copied = [copy](QStringView item) {
            QGuiApplication::clipboard()->clear();
            for (QAction* action : copy->actions()) {
                if (action->text() == item)
                    action->trigger();
            }
            return QGuiApplication::clipboard()->text();
        };
        const QString hexOfLarge = QString::fromLatin1(large.toHex(' '));
        QCOMPARE(copied(u"&Hex"), QStringLiteral("00 ff fe\n") + hexOfLarge);
        QCOMPARE(copied(u"&Base64"),
                 QStringLiteral("AP/+\n") + QString::fromLatin1(large.toBase64()));
        const QString array = copied(u"&C array");
        QVERIFY2(
            array.startsWith(u"const unsigned char payload1[3] = {\n    0x00, 0xff, 0xfe,\n};"),
            qPrintable(array));
        QVERIFY(array.contains(u"const unsigned char payload2[303] = {"));
        QVERIFY(array.endsWith(u"0x61, 0x61, 0x61,\n    0x00, 0xff, 0xfe,\n};\n"));
    }

    void copyRefusesTooMuch() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        // A C array is six characters a byte: 12 MiB would make over 64 MiB.
        const CaptureEvent big = m_events.data(1, Direction::In, QByteArray(12 << 20, 'z'));
        m_source.add(big);
        model.applyBatch(withPayloadPreviews({big}, kBatchPreviewBytes), {});
        panel.view()->setCurrentIndex(panel.filterModel()->index(0, 0));
        QSignalSpy messages(&panel, &TrafficPanel::statusMessage);
        QGuiApplication::clipboard()->setText(QStringLiteral("before"));
        QVERIFY(!panel.copySelection(CopyFormat::CArray));
        QCOMPARE(QGuiApplication::clipboard()->text(), u"before");
        QCOMPARE(messages.count(), 1);
        QVERIFY2(messages.at(0).at(0).toString().startsWith(u"Not copied"),
                 qPrintable(messages.at(0).at(0).toString()));
        QVERIFY(panel.copySelection(CopyFormat::Base64)); // 16 MiB of text is fine
        QCOMPARE(QGuiApplication::clipboard()->text().size(), (12 << 20) / 3 * 4);
    }

    // Typed as a person would: the table narrows after the typing pause,
    // the count says how far, hex finds bytes, bad hex says why.
    void filterByTextAndHex() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        QAbstractItemModelTester tester(panel.filterModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        panel.resize(700, 400);
        panel.show();
        model.applyBatch({m_events.data(1, Direction::In, "alpha"),
                          m_events.data(1, Direction::Out, "Beta"),
                          m_events.data(2, Direction::In, QByteArray("\xde\xad\xbe\xef", 4)),
                          m_events.data(2, Direction::In, "gamma beta")},
                         {});
        panel.showFindBar();
        TrafficFilterBar* bar = panel.filterBar();
        QLabel* count = bar->countLabel();
        QCOMPARE(count->text(), u"4 of 4 chunks");
        QTest::keyClicks(panel.findEdit(), QStringLiteral("BETA"));
        QTRY_COMPARE(panel.filterModel()->rowCount(), 2);
        QCOMPARE(count->text(), u"2 of 4 chunks");
        QVERIFY2(panel.findChild<QLabel*>()->text().contains(u"holding “BETA”"),
                 qPrintable(panel.findChild<QLabel*>()->text()));

        // Finding, not filtering: every row again, Enter walks the matches.
        QTest::mouseClick(bar->onlyMatchingBox(), Qt::LeftButton, {},
                          QPoint(8, bar->onlyMatchingBox()->height() / 2));
        QCOMPARE(panel.filterModel()->rowCount(), 4);
        QTest::keyClick(panel.findEdit(), Qt::Key_Return);
        QCOMPARE(panel.view()->currentIndex().row(), 1);
        QTest::keyClick(panel.findEdit(), Qt::Key_Return);
        QCOMPARE(panel.view()->currentIndex().row(), 3);
        QTest::mouseClick(bar->onlyMatchingBox(), Qt::LeftButton, {},
                          QPoint(8, bar->onlyMatchingBox()->height() / 2));

        QTest::mouseClick(bar->hexBox(), Qt::LeftButton, {},
                          QPoint(8, bar->hexBox()->height() / 2));
        QVERIFY(!bar->errorLabel()->text().isEmpty()); // "BETA" is not hex
        QVERIFY(bar->errorLabel()->isVisible());
        panel.findEdit()->clear();
        QTest::keyClicks(panel.findEdit(), QStringLiteral("ad be"));
        QTRY_COMPARE(panel.filterModel()->rowCount(), 1);
        QCOMPARE(panel.filterModel()->index(0, 0).data(TrafficModel::ConnRole).toInt(), 2);
        QVERIFY(bar->errorLabel()->text().isEmpty());
        panel.findEdit()->clear();
        QTest::keyClicks(panel.findEdit(), QStringLiteral("DEADBEEF"));
        QTRY_COMPARE(count->text(), u"1 of 4 chunks");
        QTest::keyClicks(panel.findEdit(), QStringLiteral("x"));
        QTRY_VERIFY(bar->errorLabel()->text().contains(u"x"));
        QCOMPARE(panel.filterModel()->rowCount(), 4); // a bad pattern narrows nothing

        // Escape closes the bar and every narrowing with it.
        QTest::keyClick(panel.findEdit(), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QCOMPARE(panel.filterModel()->rowCount(), 4);
        QVERIFY(!panel.findChild<QLabel*>()->text().contains(u"holding"));
    }

    void filterByDirectionAndListener() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        QAbstractItemModelTester tester(panel.filterModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        panel.show();
        model.applyBatch(
            {m_events.listen(1, u"127.0.0.1:8080"_qs),
             m_events.accept(2, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50000"_qs),
             m_events.connect(3, u"127.0.0.1:8080"_qs), m_events.data(2, Direction::In, "a"),
             m_events.data(3, Direction::Out, "a"), m_events.data(2, Direction::Out, "b")},
            {});
        panel.setConnection(3);
        panel.showFindBar();
        QComboBox* listener = panel.filterBar()->listenerBox();
        QCOMPARE(listener->count(), 3);
        listener->setCurrentIndex(listener->findData(1));
        // A listener's connections: the table shows all of them.
        QVERIFY(panel.allConnectionsToggle()->isChecked());
        QCOMPARE(panel.filterModel()->rowCount(), 2);
        QVERIFY(panel.findChild<QLabel*>()->text().contains(u"Listener #1 on 127.0.0.1:8080"));
        QComboBox* direction = panel.filterBar()->directionBox();
        direction->setFocus();
        QTest::keyClick(direction, Qt::Key_Down); // received only
        QCOMPARE(panel.filterModel()->rowCount(), 1);
        QCOMPARE(panel.filterModel()->index(0, 0).data(TrafficModel::PayloadRole).toByteArray(),
                 QByteArray("a"));
        QVERIFY(panel.findChild<QLabel*>()->text().contains(u"received only"));
        listener->setCurrentIndex(listener->findData(TrafficFilterModel::kOutgoingClients));
        QCOMPARE(panel.filterModel()->rowCount(), 0);
        QCOMPARE(panel.filterBar()->countLabel()->text(), u"0 of 3 chunks");
        QTest::keyClick(direction, Qt::Key_Down); // sent only
        QCOMPARE(panel.filterModel()->rowCount(), 1);
        QCOMPARE(panel.filterModel()->index(0, 0).data(TrafficModel::ConnRole).toInt(), 3);
    }

    // 100,000 rows whose payloads go beyond their previews: the filter reads
    // at most its budget of whole payloads and stays well under a second.
    void filtering100000RowsIsBounded() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.resize(700, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        EventBatch batch;
        batch.reserve(int(TrafficModel::kMaxRows));
        const QByteArray payload(1000, 'p');
        for (int i = 0; i < TrafficModel::kMaxRows; ++i) {
            const QByteArray bytes = i % 1000 == 0 ? payload + "needle" : payload;
            batch << m_events.data(i % 7 + 1, i % 2 ? Direction::In : Direction::Out, bytes);
        }
        m_source.add(batch);
        model.applyBatch(withPayloadPreviews(batch, kBatchPreviewBytes), {});
        QCOMPARE(model.rowCount(), int(TrafficModel::kMaxRows));
        panel.showFindBar();
        QElapsedTimer timer;
        timer.start();
        panel.findEdit()->setText(QStringLiteral("needle"));
        QTest::keyClick(panel.findEdit(), Qt::Key_Return); // filters at once, then finds
        const qint64 patternMs = timer.restart();
        // The budget covers about 16,800 of the 100,000 payloads.
        const int shown = panel.filterModel()->rowCount();
        QVERIFY2(shown > 10 && shown < 30, qPrintable(QString::number(shown)));
        QVERIFY(panel.filterModel()->payloadBudgetSpent());
        QVERIFY(panel.filterBar()->countLabel()->text().contains(u"first 256 bytes"));
        // Narrowing further reads no payload again.
        timer.restart();
        panel.filterBar()->directionBox()->setCurrentIndex(2); // sent only, as the needles were
        const qint64 directionMs = timer.restart();
        QCOMPARE(panel.filterModel()->rowCount(), shown);
        panel.allConnectionsToggle()->setChecked(false);
        panel.setConnection(1);
        const qint64 connectionMs = timer.restart();
        QVERIFY(panel.filterModel()->rowCount() < shown);
        qInfo("filtering 100,000 rows: pattern %lld ms, direction %lld ms, connection %lld ms",
              patternMs, directionMs, connectionMs);
        QVERIFY2(patternMs < 2000, qPrintable(QString::number(patternMs)));
        QVERIFY2(directionMs + connectionMs < 2000,
                 qPrintable(QString::number(directionMs + connectionMs)));
    }

    // Clear closed: the removed connection's selected row does not hand the
    // selection to a neighbour of another connection.
    void removedCurrentRowSelectsNothing() {
        TrafficModel model;
        TrafficPanel panel(&model, &m_source);
        panel.show();
        model.applyBatch(chunks(2, 1, Direction::In) + chunks(2, 2, Direction::In), {});
        panel.view()->setCurrentIndex(panel.filterModel()->index(2, 0));
        QSignalSpy chunk(&panel, &TrafficPanel::currentChunkChanged);
        QSignalSpy picked(&panel, &TrafficPanel::connectionPicked);
        model.removeConnections({2}, {});
        QCOMPARE(chunk.count(), 1);
        QCOMPARE(chunk.at(0).at(0).value<CaptureEvent>().seq, quint64(0));
        QCOMPARE(picked.count(), 0);
        QVERIFY(!panel.view()->currentIndex().isValid());
        QCOMPARE(panel.filterBar()->countLabel()->text(), u"2 of 2 chunks");
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
