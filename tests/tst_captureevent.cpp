// Event names and timestamps are part of the public session formats.
#include "base/captureevent.h"

#include <QTest>

using namespace sockscope;

class tst_CaptureEvent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namesRoundTrip();
    void timestampsRoundTrip_data();
    void timestampsRoundTrip();
    void rejectsMalformedTimestamps_data();
    void rejectsMalformedTimestamps();
    void previewsCutOnlyLongPayloads();
};

void tst_CaptureEvent::namesRoundTrip() {
    const QStringList expected{"listen",     "accept", "connect", "connected", "data",
                               "half-close", "close",  "error",   "drop"};
    for (int i = 0; i < expected.size(); ++i) {
        const auto kind = static_cast<EventKind>(i);
        QCOMPARE(eventKindName(kind), expected[i]);
        QCOMPARE(eventKindFromName(expected[i]), kind);
    }
    QVERIFY(!eventKindFromName(u"accepted"));
    QCOMPARE(directionFromName(u"in"), Direction::In);
    QCOMPARE(closerName(Closer::Peer), QStringLiteral("peer"));
}

void tst_CaptureEvent::timestampsRoundTrip_data() {
    QTest::addColumn<qint64>("timeUs");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000000Z";
    QTest::newRow("micros") << qint64(1764074846123456) << "2025-11-25T12:47:26.123456Z";
    QTest::newRow("leap day") << qint64(1709164800000001) << "2024-02-29T00:00:00.000001Z";
}

void tst_CaptureEvent::timestampsRoundTrip() {
    QFETCH(qint64, timeUs);
    QFETCH(QString, text);
    QCOMPARE(formatTimestampUs(timeUs), text);
    QCOMPARE(parseTimestampUs(text), timeUs);
}

void tst_CaptureEvent::rejectsMalformedTimestamps_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("no zone") << "2025-11-25T12:47:26.123456";
    QTest::newRow("millis only") << "2025-11-25T12:47:26.123Z";
    QTest::newRow("month 13") << "2025-13-25T12:47:26.123456Z";
    QTest::newRow("hour 24") << "2025-11-25T24:47:26.123456Z";
    QTest::newRow("letters") << "2025-11-25T12:47:2x.123456Z";
    QTest::newRow("space") << "2025-11-25 12:47:26.123456Z";
}

void tst_CaptureEvent::rejectsMalformedTimestamps() {
    QFETCH(QString, text);
    QVERIFY(!parseTimestampUs(text));
}

void tst_CaptureEvent::previewsCutOnlyLongPayloads() {
    CaptureEvent big;
    big.kind = EventKind::Data;
    big.data = QByteArray(10000, 'x');
    big.data[0] = 'a';
    big.size = big.data.size();
    CaptureEvent small = big;
    small.data = "hello";
    small.size = small.data.size();
    CaptureEvent drop;
    drop.kind = EventKind::Drop;
    drop.size = 50000;
    QVERIFY(!big.isPreview());
    QVERIFY(!drop.isPreview()); // a Drop's size counts dropped bytes, not its data

    const EventBatch cut = withPayloadPreviews({big, small, drop}, 100);
    QCOMPARE(cut.size(), 3);
    QCOMPARE(cut[0].data, big.data.first(100));
    QCOMPARE(cut[0].size, qint64(10000));
    QVERIFY(cut[0].isPreview());
    // A copy: the preview must not keep the whole payload alive.
    QVERIFY(!cut[0].data.isSharedWith(big.data));
    QVERIFY(cut[0].data.capacity() < 1000);
    QCOMPARE(cut[1].data, QByteArray("hello"));
    QVERIFY(!cut[1].isPreview());
    QCOMPARE(cut[2].size, qint64(50000));
    // The original batch is untouched.
    QCOMPARE(big.data.size(), 10000);
}

QTEST_GUILESS_MAIN(tst_CaptureEvent)
#include "tst_captureevent.moc"
