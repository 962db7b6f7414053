#include "base/captureevent.h"
#include "formats/textencoding.h"

#include <QTest>

#include <limits>

using namespace sockscope;

class tst_TextEncoding final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void timestampMatchesFormatTimestampUs_data();
    void timestampMatchesFormatTimestampUs();
    void timestampCacheFollowsJumps();
    void numbers_data();
    void numbers();
    void hex();
};

void tst_TextEncoding::timestampMatchesFormatTimestampUs_data() {
    QTest::addColumn<qint64>("timeUs");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("one micro") << qint64(1);
    QTest::newRow("before epoch") << qint64(-1);
    QTest::newRow("just before a second") << qint64(1795610846999999);
    QTest::newRow("on a second") << qint64(1795610847000000);
    QTest::newRow("fixture") << qint64(1795610846123456);
    QTest::newRow("pre-1970 fraction") << qint64(-1000001);
    QTest::newRow("year 9999") << qint64(253402300799999999);
}

void tst_TextEncoding::timestampMatchesFormatTimestampUs() {
    QFETCH(qint64, timeUs);
    QByteArray out = "x";
    appendTimestamp(out, timeUs);
    QCOMPARE(out, "x" + formatTimestampUs(timeUs).toLatin1());
}

void tst_TextEncoding::timestampCacheFollowsJumps() {
    for (const qint64 t : {qint64(1795610846000001), qint64(1795610847000002),
                           qint64(1795610846000003), qint64(-5), qint64(1795610846999999)}) {
        QByteArray out;
        appendTimestamp(out, t);
        QCOMPARE(out, formatTimestampUs(t).toLatin1());
    }
}

void tst_TextEncoding::numbers_data() {
    QTest::addColumn<qint64>("value");
    QTest::newRow("zero") << qint64(0);
    QTest::newRow("negative") << qint64(-42);
    QTest::newRow("max") << std::numeric_limits<qint64>::max();
    QTest::newRow("min") << std::numeric_limits<qint64>::min();
}

void tst_TextEncoding::numbers() {
    QFETCH(qint64, value);
    QByteArray out;
    appendNumber(out, value);
    QCOMPARE(out, QByteArray::number(value));
}

void tst_TextEncoding::hex() {
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    QByteArray out = "0x";
    appendHex(out, all);
    QCOMPARE(out, "0x" + all.toHex());
}

QTEST_GUILESS_MAIN(tst_TextEncoding)
#include "tst_textencoding.moc"
