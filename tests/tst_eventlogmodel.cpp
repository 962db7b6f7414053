#include "eventfactory.h"
#include "models/eventlogmodel.h"
#include "models/palettecolors.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace sockscope;

class tst_EventLogModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void skipsDataOneInsertPerBatch();
    void shownText_data();
    void shownText();
    void closingReadsInOrder_data();
    void closingReadsInOrder();
    void keepsNewestRows();
    void batchLargerThanTheBound();
    void clearRemovesEverything();
    void removeConnectionsTakesTheirEvents();

private:
    EventFactory m_events;
    std::unique_ptr<EventLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_inserted;
    std::unique_ptr<QSignalSpy> m_removed;
    std::unique_ptr<QSignalSpy> m_reset;
};

void tst_EventLogModel::init() {
    m_events = EventFactory();
    m_model = std::make_unique<EventLogModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_inserted = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_removed = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_reset = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::modelReset);
}

void tst_EventLogModel::cleanup() {
    QCOMPARE(m_reset->count(), 0);
    m_tester.reset();
    m_model.reset();
}

void tst_EventLogModel::skipsDataOneInsertPerBatch() {
    const EventBatch batch{m_events.listen(1, u"127.0.0.1:8080"_qs),
                           m_events.accept(2, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50001"_qs),
                           m_events.data(2, Direction::In, "ping"),
                           m_events.data(2, Direction::Out, "ping"),
                           m_events.close(2, Closer::Peer)};
    m_model->applyBatch(batch, {});
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_inserted->count(), 1);
    QCOMPARE(m_inserted->at(0).at(1).toInt(), 0);
    QCOMPARE(m_inserted->at(0).at(2).toInt(), 2);

    m_model->applyBatch({m_events.data(3, Direction::In, "x")}, {});
    QCOMPARE(m_inserted->count(), 1);

    m_model->applyBatch({m_events.error(4, ErrorCode::Refused, u"Connection refused"_qs)}, {});
    QCOMPARE(m_inserted->count(), 2);
    QCOMPARE(m_inserted->at(1).at(1).toInt(), 3);
    QCOMPARE(m_inserted->at(1).at(2).toInt(), 3);

    const QModelIndex last = m_model->index(3, 0);
    QCOMPARE(last.data(EventLogModel::SeqRole).toULongLong(), m_events.lastSeq());
    QCOMPARE(last.data(EventLogModel::KindRole).toInt(), int(EventKind::Error));
    QCOMPARE(last.data(EventLogModel::ConnRole).toInt(), 4);
    QCOMPARE(last.data(EventLogModel::IsErrorRole).toBool(), true);
    QCOMPARE(m_model->index(0, 0).data(EventLogModel::IsErrorRole).toBool(), false);

    // The model colours its error rows itself, from the palette.
    const QPalette palette = QGuiApplication::palette();
    for (int column = 0; column < EventLogModel::ColumnCount; ++column) {
        const QModelIndex error = last.siblingAtColumn(column);
        QCOMPARE(error.data(Qt::ForegroundRole).value<QColor>(), errorForeground(palette));
        QCOMPARE(error.data(Qt::BackgroundRole).value<QColor>(), errorBackground(palette));
        const QModelIndex listen = m_model->index(0, column);
        QVERIFY(!listen.data(Qt::ForegroundRole).isValid());
        QVERIFY(!listen.data(Qt::BackgroundRole).isValid());
    }
}

void tst_EventLogModel::shownText_data() {
    QTest::addColumn<CaptureEvent>("event");
    QTest::addColumn<QString>("eventText");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("detail");

    EventFactory f;
    QTest::newRow("listen") << f.listen(1, u"0.0.0.0:8080"_qs, 128, u"reply:/tmp/http.txt"_qs)
                            << u"listen"_qs << u"listener #1"_qs
                            << u"bound 0.0.0.0:8080 · backlog 128 · reply:/tmp/http.txt"_qs;
    QTest::newRow("accept") << f.accept(5, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:49152"_qs)
                            << u"accept"_qs << u"conn #5"_qs
                            << u"peer 127.0.0.1:49152 → local 127.0.0.1:8080 · listener #1"_qs;
    QTest::newRow("connect") << f.connect(6, u"localhost:9000"_qs) << u"connect"_qs << u"conn #6"_qs
                             << u"to localhost:9000"_qs;
    QTest::newRow("connected") << f.connected(6, u"[::1]:40112"_qs, u"[::1]:9000"_qs)
                               << u"connected"_qs << u"conn #6"_qs
                               << u"local [::1]:40112 → peer [::1]:9000"_qs;
    QTest::newRow("peer's half-close") << f.halfClose(6, Closer::Peer) << u"half-close"_qs
                                       << u"conn #6"_qs << u"peer shut down its sending side"_qs;
    QTest::newRow("our half-close") << f.halfClose(6, Closer::Local) << u"half-close"_qs
                                    << u"conn #6"_qs << u"we shut down our sending side"_qs;
    // On its own a close says whose FIN came first, which "by" used to hide:
    // Close pressed after the peer half-closed came out as "by peer".
    QTest::newRow("close, the peer's FIN first")
        << f.close(6, Closer::Peer) << u"close"_qs << u"conn #6"_qs
        << u"closed; the peer's FIN came first"_qs;
    QTest::newRow("close, our FIN first") << f.close(6, Closer::Local) << u"close"_qs
                                          << u"conn #6"_qs << u"closed; our FIN came first"_qs;
    QTest::newRow("close, first FIN unknown")
        << f.close(6, Closer::None) << u"close"_qs << u"conn #6"_qs << u"closed"_qs;
    QTest::newRow("listener stopped")
        << f.listenerStopped(1) << u"close"_qs << u"listener #1"_qs << u"stopped listening"_qs;
    QTest::newRow("refused") << f.error(7, ErrorCode::Refused, u"Connection refused"_qs)
                             << u"error"_qs << u"conn #7"_qs << u"refused: Connection refused"_qs;
    QTest::newRow("bind failed")
        << f.listenerFailed(2, u"127.0.0.1:80"_qs, ErrorCode::Access,
                            u"Permission denied: ports below 1024 are privileged"_qs)
        << u"error"_qs << u"listener #2"_qs
        << u"127.0.0.1:80 · access: Permission denied: ports below 1024 are privileged"_qs;
    QTest::newRow("drop") << f.drop(8, 3 << 19, 12) << u"drop"_qs << u"conn #8"_qs
                          << u"1.5 MiB in 12 events dropped from the capture"_qs;
    QTest::newRow("session drop") << f.drop(0, 10, 1) << u"drop"_qs << u"session"_qs
                                  << u"10 bytes in 1 events dropped from the capture"_qs;
}

void tst_EventLogModel::shownText() {
    QFETCH(CaptureEvent, event);
    QFETCH(QString, eventText);
    QFETCH(QString, subject);
    QFETCH(QString, detail);

    m_model->applyBatch({event}, {});
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, EventLogModel::EventColumn).data().toString(), eventText);
    QCOMPARE(m_model->index(0, EventLogModel::SubjectColumn).data().toString(), subject);
    QCOMPARE(m_model->index(0, EventLogModel::DetailColumn).data().toString(), detail);
    QVERIFY(!m_model->index(0, EventLogModel::TimeColumn).data().toString().isEmpty());
}

void tst_EventLogModel::closingReadsInOrder_data() {
    QTest::addColumn<EventBatch>("events");
    QTest::addColumn<QStringList>("details");
    EventFactory f;
    QTest::newRow("Close after the peer half-closed")
        << EventBatch{f.halfClose(1, Closer::Peer), f.halfClose(1, Closer::Local),
                      f.close(1, Closer::Peer)}
        << QStringList{u"peer shut down its sending side"_qs, u"we shut down our sending side"_qs,
                       u"closed; the peer's FIN came first"_qs};
    QTest::newRow("one exchange: the server closed")
        << EventBatch{f.halfClose(2, Closer::Local), f.data(2, Direction::In, "reply"),
                      f.halfClose(2, Closer::Peer), f.close(2, Closer::Local)}
        << QStringList{u"we shut down our sending side"_qs, u"peer shut down its sending side"_qs,
                       u"closed; our FIN came first"_qs};
}

void tst_EventLogModel::closingReadsInOrder() {
    QFETCH(EventBatch, events);
    QFETCH(QStringList, details);
    m_model->applyBatch(events, {});
    QStringList shown;
    for (int row = 0; row < m_model->rowCount(); ++row)
        shown << m_model->index(row, EventLogModel::DetailColumn).data().toString();
    QCOMPARE(shown, details);
}

void tst_EventLogModel::keepsNewestRows() {
    constexpr int kMax = EventLogModel::kMaxRows;
    EventBatch batch;
    for (int i = 0; i < kMax - 5; ++i)
        batch.append(m_events.close(i + 1, Closer::Peer));
    m_model->applyBatch(batch, {});
    QCOMPARE(m_model->rowCount(), kMax - 5);

    batch.clear();
    for (int i = 0; i < 10; ++i)
        batch.append(m_events.close(kMax + i, Closer::Peer));
    m_model->applyBatch(batch, {});
    QCOMPARE(m_model->rowCount(), kMax);
    QCOMPARE(m_removed->count(), 1);
    QCOMPARE(m_removed->at(0).at(1).toInt(), 0);
    QCOMPARE(m_removed->at(0).at(2).toInt(), 4);
    QCOMPARE(m_inserted->count(), 2);
    QCOMPARE(m_inserted->at(1).at(1).toInt(), kMax - 10);
    QCOMPARE(m_inserted->at(1).at(2).toInt(), kMax - 1);
    QCOMPARE(m_model->index(0, 0).data(EventLogModel::SeqRole).toULongLong(), quint64(6));
    QCOMPARE(m_model->index(kMax - 1, 0).data(EventLogModel::SeqRole).toULongLong(),
             m_events.lastSeq());
}

void tst_EventLogModel::batchLargerThanTheBound() {
    constexpr int kMax = EventLogModel::kMaxRows;
    m_model->applyBatch({m_events.listen(1, u"127.0.0.1:1"_qs)}, {});
    EventBatch batch;
    for (int i = 0; i < kMax + 3; ++i)
        batch.append(m_events.close(i + 1, Closer::Local));
    m_model->applyBatch(batch, {});
    QCOMPARE(m_model->rowCount(), kMax);
    QCOMPARE(m_removed->count(), 1);
    QCOMPARE(m_removed->at(0).at(2).toInt(), 0);
    QCOMPARE(m_inserted->last().at(1).toInt(), 0);
    QCOMPARE(m_inserted->last().at(2).toInt(), kMax - 1);
    // The first listen (seq 1) and the batch's first three closes are gone.
    QCOMPARE(m_model->index(0, 0).data(EventLogModel::SeqRole).toULongLong(), quint64(5));
}

void tst_EventLogModel::clearRemovesEverything() {
    m_model->applyBatch({m_events.listen(1, u"127.0.0.1:1"_qs), m_events.listenerStopped(1)}, {});
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_removed->count(), 1);
    QCOMPARE(m_removed->at(0).at(2).toInt(), 1);
}

void tst_EventLogModel::removeConnectionsTakesTheirEvents() {
    m_model->applyBatch({m_events.listen(1, u"127.0.0.1:8080"_qs),
                         m_events.accept(2, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50000"_qs),
                         m_events.accept(3, 1, u"127.0.0.1:8080"_qs, u"127.0.0.1:50001"_qs),
                         m_events.close(2, Closer::Peer), m_events.listenerStopped(1),
                         m_events.error(0, ErrorCode::CaptureFailed, u"no disk"_qs)},
                        SessionStats{});
    m_model->removeConnections({2}, {1});
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(0, 0).data(EventLogModel::ConnRole).toInt(), 3);
    QCOMPARE(m_model->index(1, 0).data(EventLogModel::KindRole).toInt(), int(EventKind::Error));
}

// Colours need a QGuiApplication.
QTEST_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
