#include "eventfactory.h"
#include "models/palettecolors.h"
#include "models/timeformat.h"
#include "models/trafficmodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <memory>

using namespace sockscope;

class tst_TrafficModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void onlyDataRowsOneInsertPerBatch();
    void shownData_data();
    void shownData();
    void timeHasMicroseconds();
    void keepsTheNewestRowsUpToItsLimit();
    void clearRemovesEverything();
    void removeConnectionsInRanges();
    void removeScatteredConnectionsAtOnce();
    void removeFrom100000RowsIsQuick_data();
    void removeFrom100000RowsIsQuick();
    void knowsListenersAndTheirConnections();

private:
    EventFactory m_events;
    std::unique_ptr<TrafficModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_inserted;
    std::unique_ptr<QSignalSpy> m_removed;
    std::unique_ptr<QSignalSpy> m_reset;
};

void tst_TrafficModel::init() {
    m_events = EventFactory();
    m_model = std::make_unique<TrafficModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_inserted = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_removed = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_reset = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::modelReset);
}

void tst_TrafficModel::cleanup() {
    QCOMPARE(m_reset->count(), 0);
    m_tester.reset();
    m_model.reset();
}

void tst_TrafficModel::onlyDataRowsOneInsertPerBatch() {
    const EventBatch first{m_events.accept(2, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50001"_qs),
                           m_events.data(2, Direction::In, "hello"),
                           m_events.data(2, Direction::Out, "hello"),
                           m_events.halfClose(2, Closer::Peer)};
    m_model->applyBatch(first, SessionStats{});
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_inserted->count(), 1);
    QCOMPARE(m_inserted->at(0).at(1).toInt(), 0);
    QCOMPARE(m_inserted->at(0).at(2).toInt(), 1);

    m_model->applyBatch({m_events.close(2, Closer::Local)}, SessionStats{});
    QCOMPARE(m_inserted->count(), 1);

    EventBatch third;
    for (int i = 0; i < 3; ++i)
        third.append(m_events.data(3, Direction::Out, QByteArray(i + 1, 'x')));
    m_model->applyBatch(third, SessionStats{});
    QCOMPARE(m_inserted->count(), 2);
    QCOMPARE(m_inserted->at(1).at(1).toInt(), 2);
    QCOMPARE(m_inserted->at(1).at(2).toInt(), 4);
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->eventAt(4).size, 3);
    QCOMPARE(m_model->eventAt(4).seq, third.last().seq);
    QCOMPARE(m_removed->count(), 0);
}

void tst_TrafficModel::shownData_data() {
    QTest::addColumn<int>("direction");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("directionText");
    QTest::addColumn<QString>("preview");

    QTest::newRow("received text") << int(Direction::In) << QByteArray("GET / HTTP/1.1\r\n")
                                   << u"← in"_qs << uR"(GET / HTTP/1.1\r\n)"_qs;
    QTest::newRow("sent binary") << int(Direction::Out) << QByteArray("\x00\xff\x1b[2J", 6)
                                 << u"→ out"_qs << uR"(\x00\xff\x1b[2J)"_qs;
    QTest::newRow("long payload") << int(Direction::In) << QByteArray(5000, 'a') << u"← in"_qs
                                  << QString(TrafficModel::kPreviewChars, u'a') +
                                         u"… +4800 bytes"_qs;
}

void tst_TrafficModel::shownData() {
    QFETCH(int, direction);
    QFETCH(QByteArray, payload);
    QFETCH(QString, directionText);
    QFETCH(QString, preview);

    const CaptureEvent e = m_events.data(7, Direction(direction), payload);
    m_model->applyBatch({e}, SessionStats{});
    QCOMPARE(m_model->rowCount(), 1);

    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return m_model->index(0, column).data(role);
    };
    QCOMPARE(cell(TrafficModel::ConnColumn).toString(), u"#7"_qs);
    QCOMPARE(cell(TrafficModel::DirectionColumn).toString(), directionText);
    QCOMPARE(cell(TrafficModel::SizeColumn).toLongLong(), qint64(payload.size()));
    QCOMPARE(cell(TrafficModel::PreviewColumn).toString(), preview);
    QCOMPARE(cell(TrafficModel::TimeColumn).toString(), formatLocalTimeUs(e.timeUs));

    QCOMPARE(cell(0, TrafficModel::SeqRole).toULongLong(), e.seq);
    QCOMPARE(cell(0, TrafficModel::ConnRole).toInt(), 7);
    QCOMPARE(cell(0, TrafficModel::DirectionRole).toInt(), direction);
    QCOMPARE(cell(0, TrafficModel::PayloadRole).toByteArray(), payload);
    QCOMPARE(cell(0, TrafficModel::TimeUsRole).toLongLong(), e.timeUs);

    // The model itself colours the direction and sets the preview's font:
    // no proxy or delegate overrides what it says.
    const QPalette palette = QGuiApplication::palette();
    const auto dir = Direction(direction);
    QCOMPARE(cell(TrafficModel::DirectionColumn, Qt::ForegroundRole).value<QColor>(),
             directionForeground(palette, dir));
    QVERIFY(!cell(TrafficModel::PreviewColumn, Qt::ForegroundRole).isValid());
    for (int column = 0; column < TrafficModel::ColumnCount; ++column)
        QCOMPARE(cell(column, Qt::BackgroundRole).value<QColor>(),
                 directionBackground(palette, dir));
    QCOMPARE(cell(TrafficModel::PreviewColumn, Qt::FontRole).value<QFont>(),
             QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QVERIFY(!cell(TrafficModel::SizeColumn, Qt::FontRole).isValid());
    QVERIFY(!cell(TrafficModel::DirectionColumn, Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(m_model->headerData(TrafficModel::SizeColumn, Qt::Horizontal).toString(), u"Size"_qs);
}

void tst_TrafficModel::timeHasMicroseconds() {
    CaptureEvent e = m_events.data(1, Direction::In, "x");
    e.timeUs = EventFactory::kStartUs + 123'456;
    m_model->applyBatch({e}, SessionStats{});
    const QString shown = m_model->index(0, TrafficModel::TimeColumn).data().toString();
    QVERIFY2(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d\\.123456$"_qs).match(shown).hasMatch(),
             qPrintable(shown));
}

void tst_TrafficModel::keepsTheNewestRowsUpToItsLimit() {
    EventBatch batch;
    for (qsizetype i = 0; i < TrafficModel::kMaxRows; ++i)
        batch.append(m_events.data(1, Direction::In, "x"));
    m_model->applyBatch(batch, SessionStats{});
    QCOMPARE(m_model->rowCount(), int(TrafficModel::kMaxRows));
    QCOMPARE(m_removed->count(), 0);

    const EventBatch more{m_events.data(2, Direction::In, "y"),
                          m_events.data(2, Direction::Out, "z")};
    m_model->applyBatch(more, SessionStats{});
    QCOMPARE(m_model->rowCount(), int(TrafficModel::kMaxRows));
    QCOMPARE(m_removed->count(), 1); // the two oldest, in one range
    QCOMPARE(m_model->eventAt(0).seq, batch.at(2).seq);
    QCOMPARE(m_model->eventAt(m_model->rowCount() - 1).seq, more.last().seq);
}

void tst_TrafficModel::clearRemovesEverything() {
    m_model->applyBatch(
        {m_events.data(1, Direction::In, "a"), m_events.data(1, Direction::In, "b")},
        SessionStats{});
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_removed->count(), 1);
    m_model->clear();
    QCOMPARE(m_removed->count(), 1);

    m_model->applyBatch({m_events.data(1, Direction::In, "c")}, SessionStats{});
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->eventAt(0).data, QByteArray("c"));
}

void tst_TrafficModel::removeConnectionsInRanges() {
    EventBatch batch;
    for (const int conn : {1, 1, 2, 3, 3, 2, 4})
        batch << m_events.data(conn, Direction::In, QByteArray::number(conn));
    m_model->applyBatch(batch, SessionStats{});
    const QPersistentModelIndex kept(m_model->index(6, 0)); // connection 4's row
    m_model->removeConnections({1, 3}, {});
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_removed->count(), 2); // [0, 1] and [3, 4], back to front
    QCOMPARE(m_removed->at(0).at(1).toInt(), 3);
    QCOMPARE(m_removed->at(1).at(1).toInt(), 0);
    QList<int> conns;
    for (int row = 0; row < m_model->rowCount(); ++row)
        conns << m_model->eventAt(row).conn;
    QCOMPARE(conns, (QList<int>{2, 2, 4}));
    QCOMPARE(kept.row(), 2);
    m_model->removeConnections({7}, {});
    QCOMPARE(m_removed->count(), 2);
}

void tst_TrafficModel::removeScatteredConnectionsAtOnce() {
    // More runs than ranged removals are worth: one layout change, which
    // keeps the persistent indexes of the rows that stay.
    EventBatch batch;
    for (int i = 0; i < 4 * TrafficModel::kMaxRangedRemovals; ++i)
        batch << m_events.data(i % 2 == 0 ? 1 : 2, Direction::In, QByteArray::number(i));
    m_model->applyBatch(batch, SessionStats{});
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    const QPersistentModelIndex gone(m_model->index(10, 1));
    const QPersistentModelIndex kept(m_model->index(11, 1));
    m_model->removeConnections({1}, {});
    QCOMPARE(layout.count(), 1);
    QCOMPARE(m_removed->count(), 0);
    QCOMPARE(m_model->rowCount(), 2 * TrafficModel::kMaxRangedRemovals);
    QVERIFY(!gone.isValid());
    QCOMPARE(kept.row(), 5);
    QCOMPARE(kept.column(), 1);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QCOMPARE(m_model->eventAt(row).conn, 2);
        QCOMPARE(m_model->eventAt(row).data, QByteArray::number(2 * row + 1));
    }
}

void tst_TrafficModel::removeFrom100000RowsIsQuick_data() {
    QTest::addColumn<int>("period"); // connection 1 every period rows
    QTest::newRow("one block") << 0;
    QTest::newRow("every other row") << 2;
    QTest::newRow("every 5000th row") << 5000;
}

void tst_TrafficModel::removeFrom100000RowsIsQuick() {
    QFETCH(int, period);
    // Through a proxy, as the window has it. No tester here: it checks every
    // row after each change, which is what this measures.
    m_tester.reset();
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    EventBatch batch;
    const int rows = int(TrafficModel::kMaxRows);
    for (int i = 0; i < rows; ++i) {
        const bool closed = period == 0 ? i < rows / 2 : i % period == 0;
        batch << m_events.data(closed ? 1 : 2, Direction::In, "x");
    }
    m_model->applyBatch(batch, SessionStats{});
    QElapsedTimer timer;
    timer.start();
    m_model->removeConnections({1}, {});
    const qint64 ms = timer.elapsed();
    qInfo("removing connection 1's rows from %d (period %d): %lld ms", rows, period, ms);
    QVERIFY(m_model->rowCount() < rows);
    QCOMPARE(proxy.rowCount(), m_model->rowCount());
    QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
}

void tst_TrafficModel::knowsListenersAndTheirConnections() {
    QSignalSpy changed(m_model.get(), &TrafficModel::listenersChanged);
    m_model->applyBatch(
        {m_events.listen(1, u"127.0.0.1:8080"_qs), m_events.listen(2, u"127.0.0.1:9090"_qs),
         m_events.accept(5, 2, u"127.0.0.1:9090"_qs, u"127.0.0.1:50000"_qs),
         m_events.connect(6, u"example.org:80"_qs), m_events.data(5, Direction::In, "a"),
         m_events.data(6, Direction::Out, "b")},
        SessionStats{});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->listeners().size(), 2);
    QCOMPARE(m_model->listeners().at(1).id, 2);
    QCOMPARE(m_model->listeners().at(1).local.toString(), u"127.0.0.1:9090"_qs);
    QCOMPARE(m_model->index(0, 0).data(TrafficModel::ListenerRole).toInt(), 2);
    QCOMPARE(m_model->index(1, 0).data(TrafficModel::ListenerRole).toInt(), 0);
    m_model->removeConnections({5}, {1});
    QCOMPARE(changed.count(), 2);
    QCOMPARE(m_model->listeners().size(), 1);
    QCOMPARE(m_model->listenerOf(5), 0);
    QCOMPARE(m_model->rowCount(), 1);
}

// Colours and fonts need a QGuiApplication.
QTEST_MAIN(tst_TrafficModel)
#include "tst_trafficmodel.moc"
