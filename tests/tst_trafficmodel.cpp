#include "eventfactory.h"
#include "models/timeformat.h"
#include "models/trafficmodel.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
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

QTEST_GUILESS_MAIN(tst_TrafficModel)
#include "tst_trafficmodel.moc"
